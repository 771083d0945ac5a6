package Harness::Runner;

# SPDX-License-Identifier: AGPL-3.0-or-later

# The runner process: plays cases (Harness::Case) for the driver, which keeps the trees
# and the JSON. It is forked from the driver before the first case, so its heap holds the
# loaded modules and little else, and only it forks: per case (unless in-process) and per
# chrooted call. Every fork copies page tables and every page either side then writes
# faults; the driver's decoding, tree snapshots and encoding would otherwise pay for them.
#
# Requests and answers are Harness::Frame data. A request is { case, work, capture } (the
# case without its trees); the answer is Harness::Case::run's result without trees, or
# { harness_error => "..." }.

use strict;
use warnings;

use Cwd qw(abs_path);
use POSIX ();
use Storable ();
use Symbol ();

use Harness::Case;
use Harness::Frame;
use PVE::LXC::Setup;

# a case that hangs is killed with all its processes after this many seconds
my $case_timeout = $ENV{PVECG_HARNESS_CASE_TIMEOUT} || 300;

# %opt: inc (the harness's own module dirs, for the case's source-location masks),
# ssh_key_cache (dir or undef), in_process (bool)
my $play = sub {
    my ($request, %opt) = @_;

    my $case = $request->{case};
    my @inc = @{ $opt{inc} };
    if (defined(my $dir = $case->{plugin_dir})) {
        my $abs = abs_path($dir);
        die "harness: plugin_dir '$dir' is not a directory\n" if !defined($abs) || !-d $abs;
        unshift @INC, $abs;
        push @inc, $abs;
    }
    return Harness::Case::run(
        $case,
        work => $request->{work},
        capture => $request->{capture},
        inc => \@inc,
        ssh_key_cache => $opt{ssh_key_cache},
    );
};

# One forked process per case (own process group): what a case changes in its process
# dies with it. The answer comes back as frame bytes.
my $play_forked = sub {
    my ($request, %opt) = @_;

    pipe(my $rd, my $wr) or die "pipe failed: $!\n";
    my $pid = fork();
    die "fork failed: $!\n" if !defined($pid);
    if (!$pid) {
        POSIX::setpgid(0, 0);
        close($rd);
        my $res = eval { $play->($request, %opt) };
        $res = { harness_error => "$@" } if $@;
        eval { Harness::Frame::write_data($wr, $res) };
        POSIX::_exit(0);
    }
    close($wr);
    my $out = eval {
        local $SIG{ALRM} = sub { die "timeout\n" };
        alarm($case_timeout);
        my $bytes = Harness::Frame::read_bytes($rd);
        alarm(0);
        $bytes // '';
    };
    if (!defined($out)) {
        kill('KILL', -$pid);
        $out = Storable::freeze({ harness_error => "case timed out after $case_timeout s\n" });
    }
    close($rd);
    waitpid($pid, 0);
    return $out if length($out);
    return Storable::freeze({ harness_error => "case process ended without a result ($?)\n" });
};

# In-process cases (PVECG_HARNESS_IN_PROCESS=1; chrooted calls still fork): about a fifth
# less CPU per case than a forked case process. What a case changes in the process is put
# back afterwards: standard handles, warn/log_warn hooks, @INC, the registry; plugin
# modules stay loaded while plugin_dir stays the same (and are unloaded when it changes).
# A plugin's own package state would survive from case to case, which a forked case
# process never sees, so tests compare both modes.
my $plugins_from = ''; # the plugin_dir the loaded plugin modules came from

my $unload_plugins = sub {
    for my $file (sort keys %INC) {
        next if $file !~ m!^PVE/LXC/Setup/(\w+)\.pm$!;
        next if $1 eq 'Base' || $1 eq 'CtHelpers' || $1 eq 'Plugin'; # the harness's own layers
        delete $INC{$file};
        Symbol::delete_package("PVE::LXC::Setup::$1");
    }
};

my ($root_dev, $root_ino) = stat('/');

my $play_here = sub {
    my ($request, %opt) = @_;

    my $dir = $request->{case}->{plugin_dir} // '';
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
        $res = eval { $play->($request, %opt) };
        $res = { harness_error => "$@" } if $@;
        alarm(0);
    }
    STDOUT->flush();
    STDERR->flush();
    open(STDOUT, '>&', $saved_out) or die "harness: cannot restore stdout: $!\n";
    open(STDERR, '>&', $saved_err) or die "harness: cannot restore stderr: $!\n";
    my ($dev, $ino) = stat('/');
    if (!defined($dev) || $dev != $root_dev || $ino != $root_ino) {
        print STDERR "harness: a case left the runner chrooted; giving up\n";
        POSIX::_exit(70);
    }
    return Storable::freeze($res);
};

# The runner's loop: a request frame in, an answer frame out, until the driver closes its
# end. Never returns.
my $serve = sub {
    my ($requests, $answers, %opt) = @_;

    # stray prints of the runner itself must not reach the driver's JSON lines
    open(STDOUT, '>&', \*STDERR) or die "harness: cannot redirect stdout: $!\n";
    open(STDIN, '<', '/dev/null') or die "harness: cannot reopen stdin: $!\n";
    my $run = $opt{in_process} ? $play_here : $play_forked;
    while (defined(my $request = Harness::Frame::read_data($requests))) {
        my $bytes = eval { $run->($request, %opt) } // Storable::freeze({ harness_error => "$@" });
        Harness::Frame::write_bytes($answers, $bytes);
    }
    POSIX::_exit(0);
};

# Forks the runner; returns { pid, requests (write end), answers (read end) }.
sub start {
    my (%opt) = @_;

    pipe(my $req_rd, my $req_wr) or die "pipe failed: $!\n";
    pipe(my $ans_rd, my $ans_wr) or die "pipe failed: $!\n";
    my $pid = fork() // die "fork failed: $!\n";
    if (!$pid) {
        close($req_wr);
        close($ans_rd);
        close($_) for @{ $opt{close} // [] };
        my $ok = eval { $serve->($req_rd, $ans_wr, %opt); 1 };
        print STDERR "harness runner: $@" if !$ok;
        POSIX::_exit(1);
    }
    close($req_rd);
    close($ans_wr);
    return { pid => $pid, requests => $req_wr, answers => $ans_rd };
}

# Plays $request in the runner; the answer, or undef when the runner is gone (also when it
# ended before it could take the request: EPIPE, not the end of the driver).
sub ask {
    my ($runner, $request) = @_;
    local $SIG{PIPE} = 'IGNORE';
    eval { Harness::Frame::write_data($runner->{requests}, $request); 1 } or return;
    return Harness::Frame::read_data($runner->{answers});
}

# Closes the runner's request pipe (it ends) and reaps it.
sub stop {
    my ($runner) = @_;
    close($runner->{requests});
    close($runner->{answers});
    waitpid($runner->{pid}, 0);
    return;
}

1;
