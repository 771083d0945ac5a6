package PVE::Tools;

# SPDX-License-Identifier: AGPL-3.0-or-later

# The handful of pve-common helpers the container setup code calls, re-implemented
# from their documented behaviour for the pve-chainguard harness.

use strict;
use warnings;

use Digest::SHA;
use Errno qw(EEXIST ENOENT);
use Fcntl qw(O_WRONLY O_CREAT O_EXCL);
use IO::Handle;
use IO::Select;
use IPC::Open3;
use POSIX ();
use PerlIO::scalar; # print into an in-memory handle must work inside a chroot
use Symbol qw(gensym);
use Time::HiRes qw(gettimeofday);

use base 'Exporter';

our @EXPORT_OK = qw(
    $IPV4RE
    $IPV6RE
    $IPRE
    file_get_contents
    file_set_contents
    file_read_firstline
    split_list
    dir_glob_foreach
    run_command
    run_fork_with_timeout
);

my $dec_octet = qr/(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])/;
our $IPV4RE = qr/(?:$dec_octet\.){3}$dec_octet/;

my $h16 = qr/[0-9a-fA-F]{1,4}/;
my $ls32 = qr/(?:$h16:$h16|$IPV4RE)/;
our $IPV6RE = qr/(?:
    (?:$h16:){6}$ls32
    |::(?:$h16:){5}$ls32
    |(?:$h16)?::(?:$h16:){4}$ls32
    |(?:(?:$h16:){0,1}$h16)?::(?:$h16:){3}$ls32
    |(?:(?:$h16:){0,2}$h16)?::(?:$h16:){2}$ls32
    |(?:(?:$h16:){0,3}$h16)?::$h16:$ls32
    |(?:(?:$h16:){0,4}$h16)?::$ls32
    |(?:(?:$h16:){0,5}$h16)?::$h16
    |(?:(?:$h16:){0,6}$h16)?::
)/x;
our $IPRE = qr/(?:$IPV4RE|$IPV6RE)/;

my $MAX_READ = 1024 * 1024; # files bigger than this are refused, like pmxcfs limits

# Writes $data to "$filename.tmp.$$" and renames it over $filename, so a symlink at
# $filename is replaced rather than followed. Only an omitted $perm means 0644; an
# explicit undef falls back to 0666 (minus umask), as the upstream signature default does.
sub file_set_contents {
    my ($filename, $data, $perm) = @_;
    $perm = oct('0644') if @_ < 3;
    $perm = oct('0666') if !defined($perm);

    my $tmpname = "$filename.tmp.$$";
    eval {
        my $fh;
        for my $try (1 .. 3) {
            last if sysopen($fh, $tmpname, O_WRONLY | O_CREAT | O_EXCL, $perm);
            undef $fh;
            last if $! != EEXIST;
            unlink($tmpname) or die "unable to delete old temp file: $!\n";
        }
        die "unable to open file '$tmpname' - $!\n" if !$fh;

        # printing into a scalar turns wide characters into UTF-8 (with Perl's warning)
        my $bytes = '';
        open(my $mem, '>', \$bytes) or die "failed to open in-memory variable - $!\n";
        print {$mem} $data;
        close($mem);

        my ($done, $len) = (0, length($bytes));
        while ($done < $len) {
            my $n = syswrite($fh, $bytes, $len - $done, $done)
                or die "unable to write '$tmpname' - $!\n";
            $done += $n;
        }
        close($fh) or die "closing file '$tmpname' failed - $!\n";
    };
    if (my $err = $@) {
        unlink($tmpname);
        die $err;
    }
    if (!rename($tmpname, $filename)) {
        my $msg = "close (rename) atomic file '$filename' failed: $!\n";
        unlink($tmpname);
        die $msg;
    }
}

sub file_get_contents {
    my ($filename, $max) = @_;

    open(my $fh, '<', $filename) or die "can't open '$filename' - $!\n";
    $max ||= $MAX_READ;

    my ($buf, $total, $n) = ('', 0);
    while ($n = sysread($fh, $buf, 8192, $total)) {
        $total += $n;
        die "file '$filename' too long - aborting\n" if $total > $max;
    }
    die "unable to read file '$filename' - $!\n" if !defined($n);
    close($fh);

    return $buf;
}

# First line without its newline; undef when the file does not exist.
sub file_read_firstline {
    my ($filename) = @_;

    my $fh;
    if (!open($fh, '<', $filename)) {
        return if $! == ENOENT;
        die "file '$filename' exists but open for reading failed - $!\n";
    }
    my $line = <$fh>;
    chomp $line if $line;
    close($fh);
    return $line;
}

# NUL-separated lists win; otherwise commas, semicolons and blanks all separate.
sub split_list {
    my ($text) = @_;
    $text //= '';

    return split(/\0/, $text) if $text =~ m/\0/;

    $text =~ s/[,;]/ /g;
    $text =~ s/^\s+//;
    return split(/\s+/, $text);
}

# Calls $func with the captures of every entry name that matches $regex as a whole.
sub dir_glob_foreach {
    my ($dir, $regex, $func) = @_;

    opendir(my $dh, $dir) or return;
    while (defined(my $name = readdir($dh))) {
        if (my @captures = ($name =~ m/^($regex)$/)) {
            $func->(@captures);
        }
    }
    closedir($dh);
}

sub shell_quote {
    my ($word) = @_;
    return "''" if !length($word);
    return $word if $word =~ m|^[A-Za-z0-9_./=:,+@%-]+$|;
    $word =~ s/'/'\\''/g;
    return "'$word'";
}

my $split_lines = sub {
    my ($bufref, $func) = @_;
    while ($$bufref =~ s/^([^\010\r\n]*)(?:\n|\010+|\r\n?)//) {
        $func->($1);
    }
};

# Set by a harness: an object with lookup($cmd) and store($cmd, {stdout, stderr, status}).
our $command_cache;

# Runs an external command (array form only) with LC_ALL=C. outfunc/errfunc get single
# lines; with errmsg the last stderr line becomes part of the error message.
sub run_command {
    my ($cmd, %param) = @_;

    die "run_command: only the array form is supported here\n" if ref($cmd) ne 'ARRAY';
    my $cmdstr = join(' ', map { shell_quote($_) } @$cmd);

    my ($outfunc, $errfunc, $errmsg) = @param{qw(outfunc errfunc errmsg)};
    my ($input, $noerr, $quiet, $timeout) = @param{qw(input noerr quiet timeout)};
    for my $p (keys %param) {
        die "got unknown parameter '$p' for run_command\n"
            if $p !~ m/^(?:outfunc|errfunc|errmsg|input|noerr|quiet|timeout)$/;
    }

    my $laststderr;
    if ($errmsg) {
        my $orig = $errfunc;
        $errfunc = sub {
            if ($laststderr) {
                if ($orig) {
                    $orig->("$laststderr\n");
                } else {
                    print STDERR "$laststderr\n";
                }
            }
            $laststderr = shift;
        };
    }

    my $exitcode = -1;
    my $pid;
    eval {
        my ($outbuf, $errbuf) = ('', '');
        my $consume = sub {
            my ($is_stdout, $chunk) = @_;
            if ($is_stdout) {
                if ($outfunc) {
                    $outbuf .= $chunk;
                    $split_lines->(\$outbuf, $outfunc);
                } elsif (!$quiet) {
                    print $chunk;
                }
            } else {
                if ($errfunc) {
                    $errbuf .= $chunk;
                    $split_lines->(\$errbuf, $errfunc);
                } elsif (!$quiet) {
                    print STDERR $chunk;
                }
            }
        };

        # a harness may answer deterministic commands from a cache (see Harness::CommandCache)
        my $cached = $command_cache && !defined($input) ? $command_cache->lookup($cmd) : undef;
        if ($cached) {
            $consume->(1, $cached->{stdout}) if length($cached->{stdout});
            $consume->(0, $cached->{stderr}) if length($cached->{stderr});
        }
        my %raw = (stdout => '', stderr => '');

        if (!$cached) {
            my ($writer, $reader, $error) = (gensym, gensym, gensym);
            {
                local $ENV{LC_ALL} = 'C';
                $pid = open3($writer, $reader, $error, @$cmd);
            }
            print {$writer} $input if defined($input);
            close($writer);

            local $SIG{ALRM} = sub { die "got timeout\n" };
            alarm($timeout) if $timeout;

            my $select = IO::Select->new($reader, $error);
            while ($select->count) {
                for my $h ($select->can_read(1)) {
                    my $chunk = '';
                    my $n = sysread($h, $chunk, 4096);
                    die "read from command failed: $!\n" if !defined($n);
                    if (!$n) {
                        $select->remove($h);
                        next;
                    }
                    $raw{ $h == $reader ? 'stdout' : 'stderr' } .= $chunk if $command_cache;
                    $consume->($h == $reader, $chunk);
                }
            }
        }
        $outfunc->($outbuf) if $outfunc && length($outbuf);
        $errfunc->($errbuf) if $errfunc && length($errbuf);

        if ($cached) {
            $? = $cached->{status};
        } else {
            waitpid($pid, 0);
            alarm(0);
            $command_cache->store($cmd, { %raw, status => $? })
                if $command_cache && !defined($input);
        }

        if ($? == -1) {
            die "failed to execute\n";
        } elsif (my $sig = ($? & 127)) {
            die "got signal $sig\n";
        } elsif ($exitcode = ($? >> 8)) {
            if ($errmsg && $laststderr) {
                my $last = $laststderr;
                $laststderr = undef;
                die "$last\n";
            }
            die "exit code $exitcode\n";
        }
    };
    my $err = $@;
    alarm(0);

    $errfunc->(undef) if $errmsg && $laststderr; # print what is still pending

    if ($err) {
        if ($pid && $err eq "got timeout\n") {
            kill(9, $pid);
            waitpid($pid, 0);
            die "command '$cmdstr' failed: $err";
        }
        die "$errmsg: $err" if $errmsg;
        die "command '$cmdstr' failed: $err" if !$noerr;
    }
    return $exitcode;
}

# Runs $sub in a forked child and hands its scalar result (or its error) back over a
# pipe. The child may run inside a chroot, so the transport uses no modules.
sub run_fork_with_timeout {
    my ($timeout, $sub) = @_;

    pipe(my $rd, my $wr) or die "pipe failed: $!\n";
    my $child = fork();
    die "fork failed: $!\n" if !defined($child);

    if (!$child) {
        close($rd);
        my $res = eval { $sub->() };
        my $msg = $@ ? "E" . "$@" : (defined($res) ? "R$res" : "U");
        syswrite($wr, $msg);
        close($wr);
        POSIX::_exit($@ ? 1 : 0);
    }
    close($wr);

    my $data = '';
    my $timed_out = 0;
    eval {
        local $SIG{ALRM} = sub { die "got timeout\n" };
        alarm($timeout) if defined($timeout);
        local $/ = undef;
        $data = <$rd> // '';
        alarm(0);
    };
    if ($@) {
        alarm(0);
        warn $@;
        $timed_out = 1;
    }
    close($rd);
    kill('KILL', $child);
    waitpid($child, 0);

    return if $timed_out;

    my ($tag, $payload) = (substr($data, 0, 1), substr($data, 1));
    die $payload if $tag eq 'E';
    die "child process produced no result\n" if $tag ne 'R' && $tag ne 'U';
    return $tag eq 'R' ? $payload : undef;
}

# Locally administered unicast MAC; consumes one rand() like upstream does.
sub random_ether_addr {
    my ($prefix) = @_;

    my ($sec, $usec) = gettimeofday();
    my $digest = Digest::SHA::sha1($$, rand(), $sec, $usec);
    vec($digest, 0, 8) = (vec($digest, 0, 8) & 0xfe) | 2;

    my $addr = sprintf("%02X:%02X:%02X:%02X:%02X:%02X", unpack("C6", $digest));
    $addr = uc($prefix) . substr($addr, length($prefix)) if defined($prefix);
    return $addr;
}

# config comments are stored URI-escaped
sub decode_text {
    my ($data) = @_;
    $data =~ s/%([0-9a-fA-F]{2})/chr(hex($1))/eg;
    return $data;
}

1;
