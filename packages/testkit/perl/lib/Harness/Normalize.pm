package Harness::Normalize;

# SPDX-License-Identifier: AGPL-3.0-or-later

# The normalisations of the oracle README (section 6) applied to a harness run:
# scratch paths, process ids, Perl source locations, regenerated SSH host keys.

use strict;
use warnings;

# Basename masks for names that carry a process id.
sub mask_pid_name {
    my ($name) = @_;
    $name =~ s/\.tmp\.\d+$/.tmp.<pid>/;
    $name =~ s/^localtime\.\d+\.new\.tmpfile$/localtime.<pid>.new.tmpfile/;
    $name =~ s/^(passwd|shadow)\.\d+$/$1.<pid>/;
    return $name;
}

sub mask_pid_path {
    my ($path) = @_;
    return $path if $path !~ m/[0-9]/; # every mask needs a process id (called per tree entry)
    my @parts = split(m!/!, $path, -1);
    $parts[-1] = mask_pid_name($parts[-1]) if @parts;
    return join('/', @parts);
}

# $ctx: { rootfs => [paths...], work => [paths...], inc => [dirs...] }
# Scratch paths become <rootfs>/<work>; " at <inc dir>/X.pm line N" loses the @INC
# directory (so it reads like upstream's "at PVE/LXC/Setup/Base.pm line N"); names with
# process ids are masked as in the tree.
sub message {
    my ($ctx, $msg) = @_;

    # each pattern below is compiled anew (it quotes a path); most messages hold no path
    for my $dir (@{ $ctx->{inc} }) {
        next if index($msg, $dir) < 0;
        $msg =~ s/ at \Q$dir\E\/(\S+\.p[ml]) line (\d+)/ at $1 line $2/g;
    }
    for my $root (@{ $ctx->{rootfs} }) {
        next if index($msg, $root) < 0;
        $msg =~ s/\Q$root\E/<rootfs>/g;
    }
    for my $work (@{ $ctx->{work} }) {
        next if index($msg, $work) < 0;
        $msg =~ s/\Q$work\E/<work>/g;
    }
    return $msg if $msg !~ m/\d/; # every mask below needs a process id
    $msg =~ s/(\S)\.tmp\.\d+\b/$1.tmp.<pid>/g;
    $msg =~ s/\blocaltime\.\d+\.new\.tmpfile\b/localtime.<pid>.new.tmpfile/g;
    $msg =~ s!/(passwd|shadow)\.\d+\b!/$1.<pid>!g;
    return $msg;
}

# "done: SHA256:... root@host" -> "done: <fingerprint> root@host"
sub stdout_text {
    my ($ctx, $text) = @_;
    $text = message($ctx, $text);
    $text =~ s/^done: \S+ (\S+)$/done: <fingerprint> $1/mg;
    return $text;
}

# Host key files whose bytes differ from the input (or that are new) get the content
# "<ssh-host-key>"; unchanged ones keep their content.
sub ssh_host_keys {
    my ($tree, $input_entries) = @_;

    my %before;
    for my $entry (@$input_entries) {
        next if ($entry->{type} // '') ne 'file';
        $before{ $entry->{path} } = $entry->{_bytes};
    }
    for my $entry (@$tree) {
        next if $entry->{type} ne 'file';
        next if $entry->{path} !~ m!^/etc/ssh/ssh_host_[^/]+_key(?:\.pub)?$!;
        my $old = $before{ $entry->{path} };
        next if defined($old) && $old eq $entry->{bytes};
        $entry->{content} = '<ssh-host-key>';
        delete $entry->{encoding};
    }
}

1;
