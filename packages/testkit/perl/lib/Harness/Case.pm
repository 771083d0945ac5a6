package Harness::Case;

# SPDX-License-Identifier: AGPL-3.0-or-later

# Plays one oracle-style case (README sections 2-7) on trees the driver has put on disk
# (Harness::CaseTree) and returns the result object of README section 6 without its trees.
# Runs in the runner process (Harness::Runner), in a forked child per case or in the
# runner itself: it redirects STDOUT/STDERR, sets umask, the clock and the plugin registry
# for good.

use strict;
use warnings;

use Harness::Capture;
use Harness::Clock;
use Harness::Normalize;
use Harness::Release;
use Harness::SshKeyCache;

use PVE::LXC::Config;
use PVE::LXC::Setup;

my %step_calls = map { $_ => 1 } qw(
    post_create_hook pre_start_hook post_clone_hook template_fixup setup_network set_dns
    set_hostname setup_init set_timezone set_user_password rewrite_ssh_host_keys
    check_systemd_nesting unified_cgroupv2_support
);

my $as_text = sub {
    my ($ctx, $value, $normalise) = @_;
    # always one value: results are built in list context
    return $value if !defined($value);
    my $bytes = "$value";
    utf8::encode($bytes) if utf8::is_utf8($bytes);
    $bytes = $normalise->($ctx, $bytes) if $normalise;
    my $copy = $bytes;
    return utf8::decode($copy) ? $copy : $bytes;
};

my $apply_registry = sub {
    my ($registry) = @_;
    return if !$registry;
    my $plugins = $registry->{plugins} // {};
    PVE::LXC::Setup::register_plugin($_, $plugins->{$_}) for sort keys %$plugins;
    my $aliases = $registry->{aliases} // {};
    PVE::LXC::Setup::register_alias($_, $aliases->{$_}) for sort keys %$aliases;
    PVE::LXC::Setup::register_fallback(@$_) for @{ $registry->{fallbacks} // [] };
};

# Dies naming the first step call the harness does not know (before any tree is made).
sub check_steps {
    my ($case) = @_;
    for my $step (@{ $case->{steps} // [] }) {
        die "harness: unknown step call '$step->{call}'\n" if !$step_calls{ $step->{call} // '' };
    }
    return;
}

# $case passed check_steps (the driver checks before it makes the trees). %env: work
# (scratch dir with the case's rootfs/ and outside entries, absolute), capture (private
# dir), inc (dirs to strip from source locations), ssh_key_cache (optional dir shared by
# all cases)
sub run {
    my ($case, %env) = @_;

    my $work = $env{work};
    my $rootfs = "$work/rootfs";
    umask(022);

    Harness::Release::select_release($case->{pve} // 9); # issue 14
    $apply_registry->($case->{registry});
    PVE::LXC::Setup::set_host_data($case->{host} // {});
    $PVE::LXC::Setup::ssh_key_tmpdir = "$env{capture}/ssh";
    Harness::SshKeyCache::install($env{ssh_key_cache}) if $env{ssh_key_cache};
    Harness::Clock::freeze($case->{frozen_time});

    my $ctx = {
        rootfs => [$rootfs],
        work => [$work],
        inc => [sort { length($b) <=> length($a) } @{ $env{inc} // [] }],
    };

    open(STDIN, '<', '/dev/null');
    Harness::Capture::start($env{capture});

    my ($conf, $setup, $error);
    my $completed = 0;
    $PVE::LXC::Setup::last_os_release = undef;

    my $raw = $case->{config} // '';
    utf8::encode($raw);
    $conf = eval { PVE::LXC::Config::parse_pct_config('/lxc/100.conf', $raw) };
    if (my $err = $@) {
        $error = { at => 'config', message => $err };
    } else {
        srand(0);
        $setup = eval { PVE::LXC::Setup->new($conf, $rootfs) };
        if (my $err = $@) {
            $error = { at => 'new', message => $err };
        } else {
            my $steps = $case->{steps} // [];
            for my $i (0 .. $#$steps) {
                my ($call, $args) = ($steps->[$i]->{call}, $steps->[$i]->{args} // []);
                srand(0);
                eval { $setup->$call(@$args) };
                if (my $err = $@) {
                    $error = { at => 0 + $i, message => $err };
                    last;
                }
                $completed++;
            }
        }
    }

    my $captured = Harness::Capture::finish($env{capture});

    my $msg = \&Harness::Normalize::message;
    $error->{message} = $as_text->($ctx, $error->{message}, $msg) if $error;

    my $os_release = $PVE::LXC::Setup::last_os_release // {};
    return {
        ostype => $as_text->($ctx, $conf ? $conf->{ostype} : undef),
        arch => $as_text->($ctx, $conf ? $conf->{arch} : undef),
        os_release => { map { $_ => $as_text->($ctx, $os_release->{$_}) } keys %$os_release },
        error => $error,
        steps_completed => $completed,
        warnings => [map { $as_text->($ctx, $_, $msg) } @{ $captured->{warnings} }],
        log_warn => [map { $as_text->($ctx, $_, $msg) } @{ $captured->{log_warn} }],
        stdout => $as_text->($ctx, $captured->{stdout}, \&Harness::Normalize::stdout_text),
        stderr => $as_text->($ctx, $captured->{stderr}, $msg),
    };
}

1;
