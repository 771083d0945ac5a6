package Harness::Case;

# SPDX-License-Identifier: AGPL-3.0-or-later

# Runs one oracle-style case (README sections 2-7) in the current process and returns
# the result object of README section 6. Meant to run in a forked child per case: it
# redirects STDOUT/STDERR, sets umask, the clock and the plugin registry for good.

use strict;
use warnings;

use Cwd qw(abs_path);
use POSIX ();

use Harness::Capture;
use Harness::Clock;
use Harness::Normalize;
use Harness::Release;
use Harness::SshKeyCache;
use Harness::Tree;

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

# compact_tree: a file whose content and encoding are exactly those of input entry N gets
# "content_of": N instead (the client puts them back). Most of a tree is unchanged, and
# its content is half a result line: less to encode, send and parse. Strings with UTF-16
# surrogate code points keep their content (JSON would not carry them back unchanged).
my $refer_to_input = sub {
    my ($tree, $input) = @_;
    my %index; # path => last file entry with it
    for my $i (0 .. $#$input) {
        my $entry = $input->[$i];
        next if ($entry->{type} // '') ne 'file' || !defined($entry->{content});
        (my $rel = $entry->{path}) =~ s!^/+!!;
        $index{"/$rel"} = $i;
    }
    for my $entry (@$tree) {
        next if $entry->{type} ne 'file';
        my $i = $index{ $entry->{path} } // next;
        my $before = $input->[$i];
        next if $before->{content} ne $entry->{content};
        next if ($before->{encoding} // '') ne ($entry->{encoding} // '');
        next if $entry->{content} =~ m/[\x{D800}-\x{DFFF}]/;
        delete @$entry{qw(content encoding)};
        $entry->{content_of} = $i;
    }
};

# %env: work (scratch dir, empty, absolute), capture (private dir), inc (dirs to strip
# from source locations), ssh_key_cache (optional dir shared by all cases)
sub run {
    my ($case, %env) = @_;

    my $work = $env{work};
    my $rootfs = "$work/rootfs";
    umask(022);

    for my $step (@{ $case->{steps} // [] }) {
        die "harness: unknown step call '$step->{call}'\n" if !$step_calls{ $step->{call} // '' };
    }

    mkdir($rootfs) or die "harness: mkdir $rootfs: $!\n";
    chmod(0755, $rootfs);
    POSIX::lchown(0, 0, $rootfs);
    for my $entry (@{ $case->{rootfs} // [] }) {
        $entry->{_bytes} = Harness::Tree::entry_bytes($entry) if $entry->{type} eq 'file';
    }
    Harness::Tree::materialise($rootfs, $case->{rootfs} // []);
    Harness::Tree::materialise($work, $case->{outside} // []);

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

    my @listing; # what both snapshots saw, removed at the end (the rest goes with the case dir)
    my $tree = Harness::Tree::snapshot(
        $rootfs,
        rename => \&Harness::Normalize::mask_pid_path,
        listing => \@listing,
    );
    Harness::Normalize::ssh_host_keys($tree, $case->{rootfs} // []);
    $refer_to_input->($tree, $case->{rootfs} // []) if $case->{compact_tree};
    delete $_->{bytes} for @$tree;
    my $outside = Harness::Tree::snapshot(
        $work,
        skip => 'rootfs',
        rename => \&Harness::Normalize::mask_pid_path,
        listing => \@listing,
    );
    delete $_->{bytes} for @$outside;
    Harness::Tree::remove_listed(\@listing);

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
        tree => $tree,
        outside => $outside,
    };
}

1;
