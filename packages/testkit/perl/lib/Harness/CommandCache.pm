package Harness::CommandCache;

# SPDX-License-Identifier: AGPL-3.0-or-later

# Answers `objdump -p FILE` from a directory shared by all case processes of one driver:
# objdump is deterministic, so its output depends only on FILE's bytes (its path, which
# objdump echoes, is stored as a placeholder and put back). Spawning objdump costs about
# 15-30 ms per call on a small VM; a case with create+start calls it twice.

use strict;
use warnings;

use Digest::SHA qw(sha1_hex);

my $PATH_MARK = "\0PATH\0";

sub new {
    my ($class, $dir) = @_;
    return bless { dir => $dir }, $class;
}

# (cache file stem, file path) when $cmd is cacheable, else (). The stem names what objdump
# sees: nothing there, a directory, or a regular file's bytes; other kinds (a FIFO would
# block the read) and unreadable files are not cached.
my $stem = sub {
    my ($self, $cmd) = @_;
    return () if @$cmd != 3 || $cmd->[0] ne 'objdump' || $cmd->[1] ne '-p';
    my $file = $cmd->[2];
    my $prefix = "$self->{dir}/objdump-p";
    if (!stat($file)) {
        # most generated trees have no init binary: objdump's answer then names only the path
        return $!{ENOENT} ? ("$prefix-missing", $file) : ();
    }
    return ("$prefix-dir", $file) if -d _;
    return () if !-f _;
    open(my $fh, '<:raw', $file) or return ();
    my $bytes = do { local $/ = undef; <$fh> }
        // '';
    close($fh);
    return ("$prefix-file-" . sha1_hex($bytes), $file);
};

my $slurp = sub {
    my ($file) = @_;
    open(my $fh, '<:raw', $file) or return;
    my $data = do { local $/ = undef; <$fh> }
        // '';
    close($fh);
    return $data;
};

sub lookup {
    my ($self, $cmd) = @_;
    my ($stem, $file) = $stem->($self, $cmd) or return;
    my $status = $slurp->("$stem.status") // return;
    my %res = (status => 0 + $status);
    for my $part (qw(stdout stderr)) {
        my $data = $slurp->("$stem.$part") // return;
        $data =~ s/\Q$PATH_MARK\E/$file/g;
        $res{$part} = $data;
    }
    return \%res;
}

sub store {
    my ($self, $cmd, $res) = @_;
    my ($stem, $file) = $stem->($self, $cmd) or return;
    for my $part (qw(stdout stderr status)) {
        my $data = $res->{$part};
        $data =~ s/\Q$file\E/$PATH_MARK/g if $part ne 'status';
        # status last and each file renamed into place: a reader sees all parts or none
        my $tmp = "$stem.$part.tmp$$";
        open(my $fh, '>:raw', $tmp) or return;
        print {$fh} $data;
        close($fh) or return;
        rename($tmp, "$stem.$part") or return;
    }
    return;
}

1;
