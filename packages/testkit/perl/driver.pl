#!/usr/bin/perl

# SPDX-License-Identifier: AGPL-3.0-or-later

# pve-chainguard Perl harness driver: one persistent process. Reads one JSON case per
# line on stdin (fields of an oracle vector plus optional plugin_dir and registry) and
# writes one JSON result line per case on stdout (README section 6 keys, sorted), or
# {"harness_error": "..."} when the case itself could not be run. Each case runs in a
# forked child with its own scratch directory, removed afterwards.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::RealBin/lib", "$FindBin::RealBin/generated";

use Harness::Clock; # first: freezes time() for everything compiled after it

use Cwd qw(abs_path);
use File::Spec;
use IO::Handle;
use POSIX ();
use Symbol ();

use Harness::Case;
use Harness::CommandCache;
use Harness::JsonDecode;
use Harness::JsonEncode;
use Harness::Tree;
use PVE::LXC::Config;
use PVE::Tools;

my $lib_dir = abs_path("$FindBin::RealBin/lib");
my $generated_base_dir = abs_path("$FindBin::RealBin/generated");
# the generated plugins (repo generated/) are the last resort; a case's plugin_dir goes first
my $generated_plugin_dir = abs_path("$FindBin::RealBin/../../../generated");

if ($> != 0) {
    print STDERR "the Perl harness must run as root (it chroots)\n";
    exit(2);
}

push @INC, $generated_plugin_dir;

# JSON::PP and File::Temp are not loaded: every module in this process makes each fork of
# a protected call dearer (page tables, copy-on-write faults), and a case forks 2-3 times.

my $encode = \&Harness::JsonEncode::encode;

# A directory of our own below $parent, mode 0700 (what File::Temp's tempdir does).
my $make_dir = sub {
    my ($parent, $prefix) = @_;
    my @chars = ('A' .. 'Z', 'a' .. 'z', '0' .. '9');
    for (1 .. 100) {
        my $dir = "$parent/$prefix" . join('', map { $chars[rand(@chars)] } 1 .. 8);
        return abs_path($dir) if mkdir($dir, 0700);
        die "harness: mkdir $dir: $!\n" if !$!{EEXIST};
    }
    die "harness: no unique directory name in $parent\n";
};

# loaded once here, shared by every case process
PVE::LXC::Config::zone_tab_zones();
my $proto = IO::Handle->new_from_fd(fileno(STDOUT), 'w') or die "cannot dup stdout: $!\n";
$proto->autoflush(1);

# Scratch trees live on tmpfs when possible: creating and removing a few dozen files per
# case on a disk file system costs tens of milliseconds.
my $scratch_parent = $ENV{PVECG_HARNESS_TMPDIR}
    // ((-d '/dev/shm' && -w '/dev/shm') ? '/dev/shm' : File::Spec->tmpdir());
my $base = $make_dir->($scratch_parent, 'pvecg-harness-');

# objdump answers (Harness::CommandCache) and reused SSH keys (Harness::SshKeyCache) are
# shared by all cases: with PVECG_HARNESS_CACHE_DIR by all drivers of a pool too (the pool
# made the directory and removes it). Otherwise the cache lives beside, not in, the scratch
# parent (that one holds only case trees) and goes when this driver ends.
my $driver_pid = $$;
my $parent_pid = getppid();
my $cache_dir = $ENV{PVECG_HARNESS_CACHE_DIR};
my $own_cache = !defined($cache_dir);
if ($own_cache) {
    my $cache_parent = (-d '/dev/shm' && -w '/dev/shm') ? '/dev/shm' : File::Spec->tmpdir();
    $cache_dir = $make_dir->($cache_parent, 'pvecg-harness-cache-');
} else {
    die "harness: PVECG_HARNESS_CACHE_DIR '$cache_dir' is not a directory\n" if !-d $cache_dir;
    $cache_dir = abs_path($cache_dir);
}
$PVE::Tools::command_cache = Harness::CommandCache->new($cache_dir);

# PVECG_HARNESS_REUSE_SSH_KEYS=1: see Harness::SshKeyCache (tests only)
my $ssh_key_cache = $ENV{PVECG_HARNESS_REUSE_SSH_KEYS} ? $cache_dir : undef;

my ($root_dev, $root_ino) = stat('/');

# The scratch directory goes at the end and on INT/TERM/HUP, the cache when it is our own,
# after a signal (a pool that lost a driver stops; a sibling driver merely misses the
# cache), or when our parent is gone and cannot remove it any more (killed pool).
my $clean_up = sub {
    my ($signalled) = @_;
    Harness::Tree::remove($base);
    Harness::Tree::remove($cache_dir) if $own_cache || $signalled || getppid() != $parent_pid;
};
my $stop_signal; # a signal that came while a case had the driver chrooted
# Ends this process by signal $name as if it had no handler (Perl blocks a signal while
# its handler runs, so it is unblocked after the default action is back).
my $die_of = sub {
    my ($name) = @_;
    local $SIG{$name} = 'DEFAULT';
    my $number = POSIX->can("SIG$name")->();
    kill($name, $$);
    POSIX::sigprocmask(POSIX::SIG_UNBLOCK(), POSIX::SigSet->new($number));
    POSIX::_exit(128 + $number);
};
for my $name (qw(INT TERM HUP)) {
    $SIG{$name} = sub {
        # a forked case or protected-call process: dies of the signal as without us
        $die_of->($name) if $$ != $driver_pid;
        my ($dev, $ino) = stat('/');
        if (!defined($dev) || $dev != $root_dev || $ino != $root_ino) {
            $stop_signal = $name; # paths are wrong in here; the case loop stops after the case
            return;
        }
        $clean_up->(1);
        $die_of->($name);
    };
}

my $run_in_child = sub {
    my ($case, $casedir) = @_;

    my $work = "$casedir/work";
    my $capture = "$casedir/capture";
    mkdir($_, 0700) or die "harness: mkdir $_: $!\n" for $work, $capture, "$capture/ssh";
    chmod(0755, $work);

    my @inc = ($lib_dir, $generated_base_dir, $generated_plugin_dir);
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
        my $bytes = eval { $encode->($res) } // $encode->({ harness_error => "$@" });
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
        my $data = do { local $/ = undef; <$rd> }
            // '';
        alarm(0);
        $data;
    };
    if (!defined($out)) {
        kill('KILL', -$pid);
        $out = $encode->({ harness_error => "case timed out after $case_timeout s\n" });
    }
    close($rd);
    waitpid($pid, 0);
    return $out if length($out);
    return $encode->({ harness_error => "case process ended without a result ($?)\n" });
};

# PVECG_HARNESS_IN_PROCESS=1: cases run in this process (protected calls still fork). About
# a fifth less CPU per case than a forked case process on a small VM. What a case changes
# in the process is put back afterwards: standard handles, warn/log_warn hooks, @INC, the
# registry; plugin modules stay loaded while plugin_dir stays the same (and are unloaded
# when it changes). A plugin's own package state would survive from case to case, which
# a forked case process never sees, so tests compare both modes.
my $in_process = $ENV{PVECG_HARNESS_IN_PROCESS};
my $plugins_from = ''; # the plugin_dir the loaded plugin modules came from

my $unload_plugins = sub {
    for my $file (sort keys %INC) {
        next if $file !~ m!^PVE/LXC/Setup/(\w+)\.pm$!;
        next if $1 eq 'Base' || $1 eq 'CtHelpers' || $1 eq 'Plugin'; # the harness's own layers
        delete $INC{$file};
        Symbol::delete_package("PVE::LXC::Setup::$1");
    }
};

my $run_here = sub {
    my ($case, $casedir) = @_;

    my $dir = $case->{plugin_dir} // '';
    $dir = abs_path($dir) // $dir if $dir ne '';
    if ($dir ne $plugins_from) {
        $unload_plugins->();
        $plugins_from = $dir;
    }
    PVE::LXC::Setup::reset_registry();
    open(my $saved_out, '>&', \*STDOUT) or die "harness: cannot dup stdout: $!\n";
    open(my $saved_err, '>&', \*STDERR) or die "harness: cannot dup stderr: $!\n";

    my $res;
    {
        local @INC = @INC;
        local $SIG{__WARN__};
        local $PVE::RESTEnvironment::SINK;
        local $SIG{ALRM} = sub { die "case timed out after $case_timeout s\n" };
        alarm($case_timeout);
        $res = eval { $run_in_child->($case, $casedir) };
        $res = { harness_error => "$@" } if $@;
        alarm(0);
    }
    STDOUT->flush();
    STDERR->flush();
    open(STDOUT, '>&', $saved_out) or die "harness: cannot restore stdout: $!\n";
    open(STDERR, '>&', $saved_err) or die "harness: cannot restore stderr: $!\n";
    my ($dev, $ino) = stat('/');
    if (!defined($dev) || $dev != $root_dev || $ino != $root_ino) {
        print STDERR "harness: a case left the driver chrooted; giving up\n";
        POSIX::_exit(70);
    }
    return eval { $encode->($res) } // $encode->({ harness_error => "$@" });
};

# in-process cases reopen STDIN; case lines then come from a handle of their own
my $cases_in = \*STDIN;
if ($in_process) {
    open(my $dup, '<&', \*STDIN) or die "harness: cannot dup stdin: $!\n";
    $cases_in = $dup;
}

# content_id (PerlHarness): a file entry with content and content_id defines the text for
# later cases of this driver, one with content_id alone takes it. Most case trees repeat the
# same few hundred files: the line shrinks by half and entries become plain objects (the
# decoder's fast path).
my %content_by_id;
my $fill_contents = sub {
    my ($case) = @_;
    for my $entry (@{ $case->{rootfs} // [] }) {
        next if ref($entry) ne 'HASH' || !defined($entry->{content_id});
        my $id = delete $entry->{content_id};
        if (defined($entry->{content})) {
            $content_by_id{$id} = $entry->{content};
        } else {
            $entry->{content} = $content_by_id{$id} // die "harness: unknown content_id $id\n";
        }
    }
};

my $count = 0;
while (defined(my $line = <$cases_in>)) {
    next if $line =~ m/^\s*$/;
    my $case = eval { Harness::JsonDecode::decode($line) };
    if (!$case || ref($case) ne 'HASH') {
        my $why = $@ || "not an object\n";
        print {$proto} $encode->({ harness_error => "invalid case line: $why" }), "\n";
        next;
    }
    if (!eval { $fill_contents->($case); 1 }) {
        print {$proto} $encode->({ harness_error => $@ }), "\n";
        next;
    }
    my $casedir = "$base/" . ++$count;
    mkdir($casedir, 0700) or die "harness: mkdir $casedir: $!\n";
    my $out = eval { ($in_process ? $run_here : $run_case)->($case, $casedir) }
        // $encode->({ harness_error => "$@" });
    Harness::Tree::remove($casedir);
    print {$proto} $out, "\n";
    if ($stop_signal) {
        $clean_up->(1);
        $die_of->($stop_signal);
    }
}

$clean_up->();
exit(0);
