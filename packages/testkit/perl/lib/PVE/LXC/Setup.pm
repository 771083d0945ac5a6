package PVE::LXC::Setup;

# The setup dispatcher of the pve-chainguard harness, written from the documented
# behaviour of PVE's PVE::LXC::Setup: reads os-release inside the container, picks the
# plugin (configured ostype 'unmanaged', else os-release ID, alias map, fallback files),
# caches host data on the plugin and runs plugin methods chrooted into the container.
#
# Differences a harness needs, all opt-in: plugin classes are loaded when first chosen
# (they must be findable in @INC, which happens on the host before any chroot); the
# registries can be extended (register_plugin/register_alias/register_fallback); host
# data can be injected (set_host_data); SSH host keys are generated in $ssh_key_tmpdir.

use strict;
use warnings;

use Cwd 'abs_path';
use POSIX ();

use Harness::Release;

use PVE::INotify;
use PVE::LXC;
use PVE::RESTEnvironment;
use PVE::Systemd;
use PVE::Tools;

use PVE::LXC::Setup::Base;
use PVE::LXC::Setup::Plugin;

our $ssh_key_tmpdir = '/run/pve';
our $ssh_key_generator; # coderef ($type, $comment) -> ($fingerprint, $private, $public)

# the os-release hash of the latest construction, kept even when construction dies later
# (for harness reports; PVE has no such thing)
our $last_os_release;

my $default_plugins = {
    alpine => 'PVE::LXC::Setup::Alpine',
    archlinux => 'PVE::LXC::Setup::ArchLinux',
    centos => 'PVE::LXC::Setup::CentOS',
    debian => 'PVE::LXC::Setup::Debian',
    devuan => 'PVE::LXC::Setup::Devuan',
    fedora => 'PVE::LXC::Setup::Fedora',
    gentoo => 'PVE::LXC::Setup::Gentoo',
    openeuler => 'PVE::LXC::Setup::OpenEuler',
    opensuse => 'PVE::LXC::Setup::SUSE',
    ubuntu => 'PVE::LXC::Setup::Ubuntu',
    nixos => 'PVE::LXC::Setup::NixOS',
    unmanaged => 'PVE::LXC::Setup::Unmanaged',
};

# os-release IDs of related distributions (exact, case-sensitive matches)
my $default_aliases = {
    'opensuse-leap' => 'opensuse',
    'opensuse-tumbleweed' => 'opensuse',
    'opensuse-slowroll' => 'opensuse',
    openEuler => 'openeuler',
    arch => 'archlinux',
    sles => 'opensuse',
    rocky => 'centos',
    almalinux => 'centos',
};

# Marker files tried in order when os-release has no usable ID; evaluated on the host
# path (not chrooted). [test, path, type]; test 'f' = regular file, 'd' = directory.
my $default_fallbacks = [
    ['f', '/etc/debian_version', 'debian'],
    ['f', '/etc/devuan_version', 'devuan'],
    ['f', '/etc/SuSE-brand', 'opensuse'],
    ['f', '/etc/SuSE-release', 'opensuse'],
    ['f', '/etc/fedora-release', 'fedora'],
    ['f', '/etc/centos-release', 'centos'],
    ['f', '/etc/redhat-release', 'centos'],
    ['f', '/etc/arch-release', 'archlinux'],
    ['f', '/etc/alpine-release', 'alpine'],
    ['f', '/etc/gentoo-release', 'gentoo'],
    ['d', '/nix/store', 'nixos'],
    ['f', '/etc/openEuler-release', 'openeuler'],
];

my ($plugins, $plugin_alias, $fallbacks);
my $host_data;

sub reset_registry {
    $plugins = { %$default_plugins };
    $plugin_alias = { %$default_aliases };
    $fallbacks = [map { [@$_] } @$default_fallbacks];
}
reset_registry();

sub register_plugin {
    my ($type, $class) = @_;
    $plugins->{$type} = $class;
}

sub register_alias {
    my ($id, $type) = @_;
    $plugin_alias->{$id} = $type;
}

# Extra marker, tried after the upstream list and before the final os-release check:
# ('f', file, type), ('d', dir, type), or ('p', dir, type, pattern) for a regular file in
# dir whose name matches the Perl pattern (e.g. an apk signing key).
sub register_fallback {
    my ($test, $path, $type, $pattern) = @_;
    die "fallback test must be 'f', 'd' or 'p'\n" if $test !~ m/^[fdp]$/;
    die "fallback test 'p' needs a pattern\n" if $test eq 'p' && !defined($pattern);
    push @$fallbacks, [$test, $path, $type, $test eq 'p' ? qr/$pattern/ : ()];
}

sub registry {
    return {
        plugins => { %$plugins },
        aliases => { %$plugin_alias },
        fallbacks => [map { [@$_] } @$fallbacks],
    };
}

# undef = read the host; else { host_resolv_conf, host_timezone, host_localtime }
sub set_host_data {
    my ($data) = @_;
    $host_data = $data;
}

my $autodetect_type = sub {
    my ($self, $rootdir, $os_release) = @_;

    if (my $id = $os_release->{ID}) {
        return $id if $plugins->{$id};
        return $plugin_alias->{$id} if $plugin_alias->{$id};
        warn "unknown ID '$id' in /etc/os-release file, trying fallback detection\n";
    }

    my $lsb = "$rootdir/etc/lsb-release";
    if (-f $lsb && PVE::Tools::file_get_contents($lsb) =~ m/^DISTRIB_ID=Ubuntu$/im) {
        return 'ubuntu';
    }

    for my $fallback (@$fallbacks) {
        my ($test, $path, $type, $re) = @$fallback;
        my $hit;
        if ($test eq 'p') {
            my $dir = "$rootdir$path";
            if (-d $dir && opendir(my $dh, $dir)) {
                $hit = grep { $_ =~ $re && -f "$dir/$_" } readdir($dh);
                closedir($dh);
            }
        } else {
            $hit = $test eq 'd' ? -d "$rootdir$path" : -f "$rootdir$path";
        }
        return $type if $hit;
    }

    die "unable to detect OS distribution\n" if -f "$rootdir/etc/os-release";

    warn "/etc/os-release file not found and autodetection failed, falling back to"
        . " 'unmanaged'\n";
    return 'unmanaged';
};

my $load_plugin_class = sub {
    my ($type, $class) = @_;

    return if $class->can('new');
    (my $file = "$class.pm") =~ s!::!/!g;
    eval { require $file };
    die "plugin $class for OS type '$type' is not available to the harness: $@" if $@;
};

my $host_localtime = sub {
    my $path = abs_path('/etc/localtime') // '';
    $path =~ m|^(/.+)| or die "invalid /etc/localtime\n";
    return $1;
};

sub new {
    my ($class, $conf, $rootdir, $type, $log_warn) = @_;

    die "no root directory\n" if !$rootdir || $rootdir eq '/';

    $log_warn ||= sub { PVE::RESTEnvironment::log_warn(@_) };

    my $self = bless { conf => $conf, rootdir => $rootdir, log_warn => $log_warn }, $class;

    my $os_release = $self->get_ct_os_release();
    $self->{os_release} = $last_os_release = $os_release;

    if ($conf->{ostype} && $conf->{ostype} eq 'unmanaged') {
        $type = 'unmanaged';
    } elsif (!defined($type)) {
        $type = $autodetect_type->($self, $rootdir, $os_release);
        my $expected = $conf->{ostype} || $type;
        if ($type ne $expected) {
            warn "WARNING: /etc not present in CT, is the rootfs mounted?\n" if !-e "$rootdir/etc";
            warn "got unexpected ostype ($type != $expected)\n";
        }
    }

    my $plugin_class = $plugins->{$type} || die "no such OS type '$type'\n";
    $load_plugin_class->($type, $plugin_class);

    my $plugin = $plugin_class->new($conf, $rootdir, $os_release, $log_warn);
    $self->{plugin} = $plugin;
    $self->{in_chroot} = 0;
    # issue 14: the pve-container release the case plays (Harness::Release, PVE 9 by default)
    $plugin->{release} = Harness::Release::current();

    # host data the plugin needs later, when it cannot look at the host any more
    if ($host_data) {
        $plugin->{host_resolv_conf} = $host_data->{host_resolv_conf} // {};
        $plugin->{host_timezone} = $host_data->{host_timezone};
        $plugin->{host_localtime} = $host_data->{host_localtime};
    } else {
        $plugin->{host_resolv_conf} = PVE::INotify::read_file('resolvconf');
        $plugin->{host_timezone} = PVE::Systemd::get_timezone();
        $plugin->{host_localtime} = $host_localtime->();
    }

    my ($id_map, $root_uid, $root_gid) = PVE::LXC::parse_id_maps($conf);
    if (@$id_map) {
        $plugin->{id_map} = $id_map;
        $plugin->{root_uid} = $root_uid;
        $plugin->{root_gid} = $root_gid;
    }

    if (!defined($conf->{arch})) {
        my $arch = eval { $self->protected_call(sub { $plugin->detect_architecture() }) };
        if (my $err = $@) {
            warn "Architecture detection failed: $err";
        }

        # issue 14: before 6.1.1 only undef falls back
        if (Harness::Release::flag('archFallbackOnFalse') ? !$arch : !defined($arch)) {
            $arch = 'amd64';
            print "Falling back to $arch.\nUse `pct set VMID --arch ARCH` to change.\n";
        } else {
            print "Detected container architecture: $arch\n";
        }
        $conf->{arch} = $arch;
    }

    return $self;
}

# protected_call for code that only reads: the same chroot, result (stringified, '' for
# undef) and error handling, but without the fork. The process enters the container's
# root and leaves it again through a handle on the real root kept open meanwhile (root
# may do that). On a small VM a fork with its copy-on-write faults costs 5-15 ms, and
# every hook asks for the init path; what the called code could change in the process
# would otherwise be lost with the child, so only read-only code may come here.
my $read_chrooted = sub {
    my ($self, $sub) = @_;

    return $sub->() if $self->{in_chroot};

    my $method = (caller(1))[3];
    my $rootdir = $self->{rootdir};
    opendir(my $real_root, '/') or die "cannot open /: $!\n";
    my $cwd = Cwd::getcwd();
    chroot($rootdir) or die "failed to change root to: $rootdir: $!\n";
    my ($res, $err);
    {
        local $self->{in_chroot} = 1;
        $res = eval {
            chdir('/') or die "failed to change to root directory\n";
            my $r = $sub->();
            defined($r) ? "$r" : '';
        };
        $err = $@;
    }
    # back out; without the real root every later case would run inside this container
    if (!chdir($real_root) || !chroot('.')) {
        print STDERR "harness: cannot leave the chroot of $rootdir: $!\n";
        POSIX::_exit(70);
    }
    chdir($cwd) if defined($cwd);
    closedir($real_root);
    if ($err) {
        warn $err;
        die "error in setup task $method\n";
    }
    return $res;
};

# Runs $sub in a child chrooted into the container and returns its (stringified) result.
# A failing child reports its error as a warning; the caller then dies naming the
# dispatcher method that asked. Calls made while already chrooted run inline.
sub protected_call {
    my ($self, $sub) = @_;

    return $sub->() if $self->{in_chroot};

    pipe(my $res_in, my $res_out) or die "pipe failed: $!\n";

    my $child = fork();
    die "fork failed: $!\n" if !defined($child);

    if (!$child) {
        close($res_in);
        $self->{in_chroot} = 1;
        eval {
            my $rootdir = $self->{rootdir};
            chroot($rootdir) or die "failed to change root to: $rootdir: $!\n";
            chdir('/') or die "failed to change to root directory\n";
            my $res = $sub->();
            if (defined($res)) {
                print {$res_out} "$res";
                $res_out->flush();
            }
        };
        if (my $err = $@) {
            warn $err;
            POSIX::_exit(1);
        }
        POSIX::_exit(0);
    }

    close($res_out);
    my $result = do { local $/ = undef; <$res_in> };
    while (waitpid($child, 0) != $child) { }
    if ($? != 0) {
        my $method = (caller(1))[3];
        die "error in setup task $method\n";
    }
    return $result;
}

sub template_fixup {
    my ($self) = @_;
    $self->protected_call(sub { $self->{plugin}->template_fixup($self->{conf}) });
}

sub setup_network {
    my ($self) = @_;
    $self->protected_call(sub { $self->{plugin}->setup_network($self->{conf}) });
}

sub set_hostname {
    my ($self) = @_;
    $self->protected_call(sub { $self->{plugin}->set_hostname($self->{conf}) });
}

sub set_dns {
    my ($self) = @_;
    $self->protected_call(sub { $self->{plugin}->set_dns($self->{conf}) });
}

sub set_timezone {
    my ($self) = @_;
    $self->protected_call(sub { $self->{plugin}->set_timezone($self->{conf}) });
}

sub setup_init {
    my ($self) = @_;
    $self->protected_call(sub { $self->{plugin}->setup_init($self->{conf}) });
}

sub set_user_password {
    my ($self, $user, $pw) = @_;
    $self->protected_call(sub { $self->{plugin}->set_user_password($self->{conf}, $user, $pw) });
}

# ssh-keygen runs on the host (the container may have none); returns the fingerprint line
# and the two key files' contents. A harness may replace it via $ssh_key_generator.
sub generate_ssh_key {
    my ($type, $comment) = @_;

    my $fingerprint = '';
    my $id_re = qr/(?:(?:[0-9a-f]{2}:)+[0-9a-f]{2}|SHA256:[0-9a-z+\/]{43})/i;
    my $file = "$ssh_key_tmpdir/.tmp$$.$type";
    PVE::Tools::run_command(
        ['ssh-keygen', '-f', $file, '-t', $type, '-N', '', '-E', 'sha256', '-C', $comment],
        outfunc => sub {
            my ($line) = @_;
            $fingerprint = $line if $line =~ m/^$id_re\s+\Q$comment\E$/i;
        },
    );
    my $private = PVE::Tools::file_get_contents($file);
    my $public = PVE::Tools::file_get_contents("$file.pub");
    unlink($file, "$file.pub");

    return ($fingerprint, $private, $public);
}

sub rewrite_ssh_host_keys {
    my ($self) = @_;

    my $plugin = $self->{plugin};
    my $keynames = $plugin->ssh_host_key_types_to_generate();

    return if !-d "$self->{rootdir}/etc/ssh" || !$keynames || !scalar(keys %$keynames);

    my $hostname = $self->{conf}->{hostname} || 'localhost';
    $hostname =~ s/\..*$//;

    my @keyfiles;
    for my $type (keys %$keynames) {
        my $basename = $keynames->{$type};
        print "Creating SSH host key '$basename' - this may take some time ...\n";
        my $generator = $ssh_key_generator // \&generate_ssh_key;
        my ($id, $private, $public) = $generator->($type, "root\@$hostname");
        print "done: $id\n";

        push @keyfiles, ["/etc/ssh/$basename", $private, oct('0600')],
            ["/etc/ssh/$basename.pub", $public, oct('0644')];
    }

    # all keys go into the container in one chrooted call
    $self->protected_call(sub {
        $plugin->ct_file_set_contents(@$_) for @keyfiles;
    });
}

sub check_systemd_nesting {
    my ($self) = @_;

    return if !Harness::Release::flag('systemdNestingWarning'); # issue 14: from 6.0.19

    my $init = $self->get_ct_init_path();
    # on the host: the check runs objdump
    my $warning = $self->{plugin}->check_systemd_nesting($self->{conf}, $init);
    $self->{log_warn}->($warning) if $warning;
}

sub pre_start_hook {
    my ($self) = @_;

    $self->protected_call(sub { $self->{plugin}->pre_start_hook($self->{conf}) });
    $self->check_systemd_nesting();
}

sub post_clone_hook {
    my ($self, $conf) = @_;

    $self->protected_call(sub { $self->{plugin}->post_clone_hook($conf) });
    $self->check_systemd_nesting();
}

sub post_create_hook {
    my ($self, $root_password, $ssh_keys) = @_;

    $self->protected_call(sub {
        $self->{plugin}->post_create_hook($self->{conf}, $root_password, $ssh_keys);
    });
    $self->rewrite_ssh_host_keys();
    $self->check_systemd_nesting();
}

sub unified_cgroupv2_support {
    my ($self) = @_;
    return $self->{plugin}->unified_cgroupv2_support($self->get_ct_init_path());
}

my %os_release_escapes = (
    '"' => '"',
    "'" => "'",
    '`' => '`',
    n => "\n",
    t => "\t",
    '$' => '$',
    '\\' => '\\',
);

# os-release lines NAME=value: single quotes literal, double quotes with the backslash
# escapes above evaluated, and unquoted values cut to their leading [A-Za-z0-9] run
# (PVE's quirk: "VERSION_ID=24.03" reads as "24").
sub parse_os_release {
    my ($data) = @_;

    my $vars = {};
    return $vars if !defined($data);

    for my $line (split(/\n/, $data)) {
        next if !length($line);
        my ($name, $value) = $line =~ m/^\s*([a-zA-Z_][a-zA-Z0-9_]*)=(.*)$/ or next;

        if ($value =~ m/^'([^']*)'/) {
            $vars->{$name} = $1;
        } elsif ($value =~ m/^"((?:[^"\\]|\\.)*)"/) {
            my $text = $1;
            $text =~ s/\\(["'`nt\$\\])/$os_release_escapes{$1}/g;
            $vars->{$name} = $text;
        } elsif ($value =~ m/^([A-Za-z0-9]*)/) {
            $vars->{$name} = $1;
        }
    }
    return $vars;
}

sub get_ct_os_release {
    my ($self) = @_;

    # read-only and ours: chrooted in this process, see $read_chrooted
    my $data = $self->$read_chrooted(sub {
        for my $file ('/etc/os-release', '/usr/lib/os-release') {
            return PVE::Tools::file_get_contents($file) if -f $file;
        }
        return;
    });

    return parse_os_release($data);
}

# /sbin/init, resolved inside the container when it is a symlink
sub get_ct_init_path {
    my ($self) = @_;

    my $plugin = $self->{plugin};
    my $sub = sub { $plugin->get_ct_init_path() };
    # Base's version only reads; a plugin's own may not, so that one gets the real fork
    my $base = \&PVE::LXC::Setup::Base::get_ct_init_path;
    return $plugin->can('get_ct_init_path') == $base
        ? $self->$read_chrooted($sub)
        : $self->protected_call($sub);
}

1;
