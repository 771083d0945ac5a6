package Harness::Tree;

# SPDX-License-Identifier: AGPL-3.0-or-later

# Filesystem entries as the oracle describes them (README section 4): materialising
# entry lists into a directory and snapshotting a directory back into entries.

use strict;
use warnings;

use Fcntl qw(:mode O_RDONLY O_WRONLY O_CREAT O_TRUNC O_NOFOLLOW);
use File::Path qw(make_path);
use MIME::Base64 qw(decode_base64 encode_base64);
use POSIX ();

# content bytes of an input entry
sub entry_bytes {
    my ($entry) = @_;
    my $content = $entry->{content} // '';
    return decode_base64($content) if ($entry->{encoding} // '') eq 'base64';
    utf8::encode($content);
    return $content;
}

my $ensure_parent = sub {
    my ($path, $known, $fresh) = @_;
    # the common case first: a canonical path whose parent was made or seen already
    my $cut = rindex($path, '/');
    if ($cut > 0 && substr($path, -1) ne '/' && substr($path, $cut - 1, 1) ne '/') {
        my $parent = substr($path, 0, $cut);
        return $parent if $known->{$parent};
    }
    # dirname of an absolute path, without File::Basename's cost (a call per entry)
    (my $parent = $path) =~ s!/+$!!;
    $parent = substr($parent, 0, rindex($parent, '/'));
    $parent =~ s!/+$!!;
    return $parent if $known->{$parent} || -d $parent;
    for my $dir (make_path($parent, { mode => oct('0755') })) {
        chmod(oct('0755'), $dir);
        POSIX::lchown(0, 0, $dir);
        $fresh->{$dir} = 1;
    }
    $known->{$parent} = 1;
    return $parent;
};

# Creates the entries below $base in list order; $relative_to_root strips the leading '/'
# of container paths. Modes are set explicitly, owners with lchown (before chmod, which
# keeps set-id bits that chown would clear). Syscalls that cannot change anything are
# skipped (a new file made with its final mode, root ownership outside set-gid
# directories): on a small VM each costs a few microseconds, and cases have 100+ entries.
sub materialise {
    my ($base, $entries) = @_;

    # directories made by this call and the paths made in them: a path in a fresh
    # directory that this call did not make cannot exist yet (no lstat needed)
    my (%fresh, %made);
    my %known = ($base => 1); # directories known to exist
    my $setgid_dirs = 0; # a set-gid directory passes its group on: always lchown then
    my $umask = umask();
    for my $entry (@$entries) {
        my $rel = $entry->{path};
        $rel =~ s!^/+!!;
        die "harness: bad entry path '$entry->{path}'\n" if $rel eq '' || $rel =~ m!(^|/)\.\.(/|$)!;
        my $path = "$base/$rel";
        $path = $1 if $path =~ m/^(.*)$/s;
        my $parent = $ensure_parent->($path, \%known, \%fresh);
        # only for a canonical path: another spelling of it would miss in %made
        my $new = $fresh{$parent} && !$made{$path} && $rel !~ m!//|/\z|(^|/)\.(/|\z)!;
        $made{$path} = 1;

        my ($uid, $gid) = ($entry->{uid} // 0, $entry->{gid} // 0);
        my $chown = $uid != 0 || $gid != 0 || $setgid_dirs;
        my $type = $entry->{type};
        if ($type eq 'dir') {
            my $mode = oct($entry->{mode} // '0755');
            my $exact = !($mode & $umask) && !($mode & oct('7000')) && !$setgid_dirs;
            if ($known{$path} || (!$new && -d $path)) {
                $exact = 0;
            } else {
                mkdir($path, $exact ? $mode : oct('0700')) or die "harness: mkdir $path: $!\n";
                $fresh{$path} = 1;
            }
            POSIX::lchown($uid, $gid, $path) if $chown || !$exact;
            chmod($mode, $path) if !$exact;
            $known{$path} = 1;
            $setgid_dirs = 1 if $mode & oct('2000');
        } elsif ($type eq 'file') {
            my $existing = !$new && lstat($path);
            if ($existing && -l _) {
                unlink($path);
                $existing = 0;
            }
            my $mode = oct($entry->{mode} // '0644');
            # created with its final mode when umask and set-id bits cannot interfere
            my $exact = !($mode & $umask) && !($mode & oct('7000')) && !$existing;
            my $flags = O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW;
            sysopen(my $fh, $path, $flags, $exact ? $mode : oct('0600'))
                or die "harness: create $path: $!\n";
            my $bytes = $entry->{_bytes} // entry_bytes($entry);
            (syswrite($fh, $bytes) // -1) == length($bytes) or die "harness: write $path: $!\n";
            close($fh);
            POSIX::lchown($uid, $gid, $path) if $chown || !$exact;
            chmod($mode, $path) if !$exact;
        } elsif ($type eq 'symlink') {
            symlink($entry->{target}, $path) or die "harness: symlink $path: $!\n";
            POSIX::lchown($uid, $gid, $path) if $chown;
        } else {
            die "harness: cannot create entry of type '$type' ($entry->{path})\n";
        }
    }
    return;
}

# Removes $path and everything below it (our own scratch trees: no checks for races or
# mount points). Perl's unlink refuses directories (EISDIR), which are emptied first. A
# tenth of File::Path::remove_tree's syscalls; a case tree has 100+ entries.
sub remove {
    my ($path) = @_;
    return 1 if unlink($path) || $!{ENOENT};
    return 0 if !$!{EISDIR};
    opendir(my $dh, $path) or return 0;
    my @names = grep { $_ ne '.' && $_ ne '..' } readdir($dh);
    closedir($dh);
    remove("$path/$_") for @names;
    return rmdir($path);
}

# Whole content of a regular file whose lstat size was $size, with sysread: no PerlIO
# layer (which costs an fstat, an ioctl and an lseek per file). A read of a regular file
# returns less than asked only at its end, so a read that comes back short of $size + 1
# bytes has everything; a file that grew meanwhile is read on to its end.
my $read_file = sub {
    my ($full, $size) = @_;
    sysopen(my $fh, $full, O_RDONLY | O_NOFOLLOW) or die "harness: read $full: $!\n";
    my $bytes = '';
    while (1) {
        my $want = $size + 1 - length($bytes);
        $want = 65536 if $want < 65536 && length($bytes) > $size;
        my $n = sysread($fh, $bytes, $want, length($bytes));
        die "harness: read $full: $!\n" if !defined($n);
        last if $n == 0 || length($bytes) <= $size;
    }
    close($fh);
    return $bytes;
};

# Removes what snapshot listed (children before parents): without the failed unlink and
# the directory reads per directory of remove. Failures are left to a later remove.
sub remove_listed {
    my ($listing) = @_;
    for my $item (reverse @$listing) {
        my ($path, $is_dir) = @$item;
        if ($is_dir) {
            rmdir($path);
        } else {
            unlink($path);
        }
    }
    return;
}

my $decode_or_keep = sub {
    my ($bytes) = @_;
    return $bytes if $bytes !~ m/[\x80-\xff]/; # ASCII decodes to itself: no copy, no check
    my $copy = $bytes;
    return utf8::decode($copy) ? $copy : undef;
};

# Every path below $base (lstat semantics), as entries with container-style paths
# ('/' . relative path). $skip is an optional top-level name to leave out. $rename maps a
# relative byte path to the path to report (masking). Sorted by reported path bytes.
# $listing (an array ref) receives [full path, is a directory] of each path found, parents
# before children (for remove_listed).
sub snapshot {
    my ($base, %opt) = @_;

    my @found;
    my @todo = ('');
    while (@todo) {
        my $rel = shift @todo;
        my $dir = $rel eq '' ? $base : "$base/$rel";
        opendir(my $dh, $dir) or die "harness: opendir $dir: $!\n";
        my @names = sort grep { $_ ne '.' && $_ ne '..' } readdir($dh);
        closedir($dh);
        for my $name (@names) {
            next if $rel eq '' && defined($opt{skip}) && $name eq $opt{skip};
            my $sub = $rel eq '' ? $name : "$rel/$name";
            my @st = lstat("$base/$sub") or die "harness: lstat $base/$sub: $!\n";
            push @found, [$sub, \@st];
            push @{ $opt{listing} }, [$base . '/' . $sub, S_ISDIR($st[2])] if $opt{listing};
            push @todo, $sub if S_ISDIR($st[2]);
        }
    }

    my @entries;
    for my $item (@found) {
        my ($sub, $st) = @$item;
        my $full = "$base/$sub";
        my $shown = '/' . ($opt{rename} ? $opt{rename}->($sub) : $sub);
        my $mode = $st->[2];
        my $entry = {
            path_bytes => $shown,
            uid => 0 + $st->[4],
            gid => 0 + $st->[5],
            mode => sprintf('%04o', $mode & oct('07777')),
        };
        if (S_ISLNK($mode)) {
            $entry->{type} = 'symlink';
            $entry->{mode} = '0777';
            my $target = readlink($full) // '';
            $entry->{target} = $decode_or_keep->($target) // $target;
        } elsif (S_ISDIR($mode)) {
            $entry->{type} = 'dir';
        } elsif (S_ISREG($mode)) {
            $entry->{type} = 'file';
            my $bytes = $read_file->($full, $st->[7]);
            $entry->{bytes} = $bytes;
            my $text = $decode_or_keep->($bytes);
            if (defined($text)) {
                $entry->{content} = $text;
            } else {
                $entry->{content} = encode_base64($bytes, '');
                $entry->{encoding} = 'base64';
            }
        } else {
            $entry->{type} = 'other';
        }
        push @entries, $entry;
    }

    @entries = sort { $a->{path_bytes} cmp $b->{path_bytes} } @entries;
    for my $entry (@entries) {
        my $path = delete $entry->{path_bytes};
        $entry->{path} = $decode_or_keep->($path) // $path;
    }
    return \@entries;
}

1;
