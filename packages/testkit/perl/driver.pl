#!/usr/bin/perl

# pve-chainguard Perl harness driver: one persistent process. Reads one JSON case per
# line on stdin (fields of an oracle vector plus optional plugin_dir and registry) and
# writes one JSON result line per case on stdout (README section 6 keys, sorted), or
# {"harness_error": "..."} when the case itself could not be run. Each case runs in a
# forked child with its own scratch directory, removed afterwards.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::RealBin/lib";

use Harness::Clock; # first: freezes time() for everything compiled after it

use Cwd qw(abs_path);
use File::Path qw(remove_tree);
use File::Spec;
use File::Temp qw(tempdir);
use IO::Handle;
use JSON::PP;
use POSIX ();

use Harness::Case;

my $lib_dir = abs_path("$FindBin::RealBin/lib");
my $test_plugin_dir = abs_path("$FindBin::RealBin/test-plugins");

if ($> != 0) {
    print STDERR "the Perl harness must run as root (it chroots)\n";
    exit(2);
}

# our own test plugins are the last resort; a case's plugin_dir goes first
push @INC, $test_plugin_dir;

my $json = JSON::PP->new->utf8->canonical;
my $proto = IO::Handle->new_from_fd(fileno(STDOUT), 'w') or die "cannot dup stdout: $!\n";
$proto->autoflush(1);

# Scratch trees live on tmpfs when possible: creating and removing a few dozen files per
# case on a disk file system costs tens of milliseconds.
my $scratch_parent = $ENV{PVECG_HARNESS_TMPDIR}
    // ((-d '/dev/shm' && -w '/dev/shm') ? '/dev/shm' : File::Spec->tmpdir());
my $base = abs_path(tempdir('pvecg-harness-XXXXXX', DIR => $scratch_parent));
chmod(0700, $base);

# PVECG_HARNESS_REUSE_SSH_KEYS=1: see Harness::SshKeyCache (tests only)
my $ssh_key_cache;
if ($ENV{PVECG_HARNESS_REUSE_SSH_KEYS}) {
    $ssh_key_cache = "$base/ssh-key-cache";
    mkdir($ssh_key_cache, 0700) or die "harness: mkdir $ssh_key_cache: $!\n";
}

my $run_in_child = sub {
    my ($case, $casedir) = @_;

    my $work = "$casedir/work";
    my $capture = "$casedir/capture";
    mkdir($_, 0700) or die "harness: mkdir $_: $!\n" for $work, $capture, "$capture/ssh";
    chmod(0755, $work);

    my @inc = ($lib_dir, $test_plugin_dir);
    if (defined(my $dir = $case->{plugin_dir})) {
        my $abs = abs_path($dir);
        die "harness: plugin_dir '$dir' is not a directory\n" if !defined($abs) || !-d $abs;
        unshift @INC, $abs;
        push @inc, $abs;
    }
    return Harness::Case::run(
        $case,
        work => $work,
        capture => $capture,
        inc => \@inc,
        ssh_key_cache => $ssh_key_cache,
    );
};

# a case that hangs is killed with all its processes after this many seconds
my $case_timeout = $ENV{PVECG_HARNESS_CASE_TIMEOUT} || 300;

my $run_case = sub {
    my ($case, $casedir) = @_;

    pipe(my $rd, my $wr) or die "pipe failed: $!\n";
    my $pid = fork();
    die "fork failed: $!\n" if !defined($pid);
    if (!$pid) {
        POSIX::setpgid(0, 0);
        close($rd);
        my $res = eval { $run_in_child->($case, $casedir) };
        $res = { harness_error => "$@" } if $@;
        my $bytes = eval { $json->encode($res) } // $json->encode({ harness_error => "$@" });
        my $off = 0;
        while ($off < length($bytes)) {
            my $n = syswrite($wr, $bytes, length($bytes) - $off, $off) // last;
            $off += $n;
        }
        close($wr);
        POSIX::_exit(0);
    }
    close($wr);
    my $out = eval {
        local $SIG{ALRM} = sub { die "timeout\n" };
        alarm($case_timeout);
        my $data = do { local $/ = undef; <$rd> } // '';
        alarm(0);
        $data;
    };
    if (!defined($out)) {
        kill('KILL', -$pid);
        $out = $json->encode({ harness_error => "case timed out after $case_timeout s\n" });
    }
    close($rd);
    waitpid($pid, 0);
    return $out if length($out);
    return $json->encode({ harness_error => "case process ended without a result ($?)\n" });
};

my $count = 0;
while (defined(my $line = <STDIN>)) {
    next if $line =~ m/^\s*$/;
    my $case = eval { $json->decode($line) };
    if (!$case || ref($case) ne 'HASH') {
        my $why = $@ || "not an object\n";
        print {$proto} $json->encode({ harness_error => "invalid case line: $why" }), "\n";
        next;
    }
    my $casedir = "$base/" . ++$count;
    mkdir($casedir, 0700) or die "harness: mkdir $casedir: $!\n";
    my $out = eval { $run_case->($case, $casedir) }
        // $json->encode({ harness_error => "$@" });
    remove_tree($casedir);
    print {$proto} $out, "\n";
}

remove_tree($base);
exit(0);
