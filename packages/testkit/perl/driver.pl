#!/usr/bin/perl

# SPDX-License-Identifier: AGPL-3.0-or-later

# pve-chainguard Perl harness driver: one persistent process. Reads one JSON case per
# line on stdin (fields of an oracle vector plus optional plugin_dir and registry) and
# writes one JSON result line per case on stdout (README section 6 keys, sorted), or
# {"harness_error": "..."} when the case itself could not be run. The driver puts each
# case's trees into a scratch directory of their own, has its runner process
# (Harness::Runner) play the case, reads the trees back and removes them. The driver
# itself never forks after the runner has started.

use strict;
use warnings;

# who started us, taken before anything else: a parent that dies while we load must
# still be seen as gone (then the cache directory it cannot remove is ours to remove)
my $parent_pid;
BEGIN { $parent_pid = getppid() }

use FindBin;
use lib "$FindBin::RealBin/lib", "$FindBin::RealBin/generated";

use Harness::Clock; # first: freezes time() for everything compiled after it

use Cwd qw(abs_path);
use File::Spec;
use IO::Handle;
use POSIX ();

use Harness::Case;
use Harness::CaseTree;
use Harness::CommandCache;
use Harness::JsonDecode;
use Harness::JsonEncode;
use Harness::Runner;
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

# JSON::PP and File::Temp are not loaded: the runner is forked from this process, and
# every module in it makes each fork of a protected call dearer (page tables, copy-on-write
# faults); a case forks 2-3 times.

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

# The scratch directory goes at the end and on INT/TERM/HUP, the cache when it is our own,
# after a signal (a pool that lost a driver stops; a sibling driver merely misses the
# cache), or when our parent is gone and cannot remove it any more (killed pool).
my $clean_up = sub {
    my ($signalled) = @_;
    Harness::Tree::remove($base);
    Harness::Tree::remove($cache_dir) if $own_cache || $signalled || getppid() != $parent_pid;
};
my $runner; # Harness::Runner::start's process
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
        # the runner, a forked case or protected-call process: dies of the signal as without us
        $die_of->($name) if $$ != $driver_pid;
        kill('TERM', $runner->{pid}) if $runner; # it may be busy in the tree removed next
        $clean_up->(1);
        $die_of->($name);
    };
}

# PVECG_HARNESS_IN_PROCESS=1: the runner plays cases itself instead of in a forked process
# per case (see Harness::Runner)
my %runner_opt = (
    inc => [$lib_dir, $generated_base_dir, $generated_plugin_dir],
    ssh_key_cache => $ssh_key_cache,
    in_process => $ENV{PVECG_HARNESS_IN_PROCESS},
    close => [$proto],
);
$runner = Harness::Runner::start(%runner_opt);

# One case: its trees on disk, played by the runner, read back. A runner that died is
# replaced for the next case.
my $run_case = sub {
    my ($case, $casedir) = @_;

    my $work = "$casedir/work";
    my $capture = "$casedir/capture";
    mkdir($_, 0700) or die "harness: mkdir $_: $!\n" for $work, $capture, "$capture/ssh";
    chmod(0755, $work);
    Harness::Case::check_steps($case);
    Harness::CaseTree::prepare($case, $work);

    my %played = %$case;
    delete @played{qw(rootfs outside)};
    my $res =
        Harness::Runner::ask($runner, { case => \%played, work => $work, capture => $capture });
    if (!defined($res)) {
        Harness::Runner::stop($runner);
        my $status = $?;
        $runner = Harness::Runner::start(%runner_opt);
        return { harness_error => "case process ended without a result ($status)\n" };
    }
    return $res if exists($res->{harness_error});
    return Harness::CaseTree::collect($case, $res, $work);
};

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
while (defined(my $line = <STDIN>)) {
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
    my $res = eval { $run_case->($case, $casedir) } // { harness_error => "$@" };
    my $out = eval { $encode->($res) } // $encode->({ harness_error => "$@" });
    Harness::Tree::remove($casedir);
    print {$proto} $out, "\n";
}

Harness::Runner::stop($runner);
$clean_up->();
exit(0);
