package PVE::LXC::Setup;

# SPDX-License-Identifier: AGPL-3.0-or-later
#
# pve-chainguard harness: the setup dispatcher. Written for this project from the
# behaviour the oracle records (oracle/README.md) and the notes in
# docs/proxmox-setup-reference.md §1; it shares its public method names with Proxmox's
# dispatcher because the plugins and the recorded steps call them, nothing else.
#
# A dispatcher object holds the container config, the root directory and the chosen
# plugin. Every plugin step runs in a child process chrooted into the root directory
# ($enter_container); reads that cannot change anything run chrooted in this process
# ($peek_into_container). Harness extras: plugin classes load when first chosen, the type
# registry can be extended, host data can be injected, SSH host keys go to $ssh_key_tmpdir.

use strict;
use warnings;

use B ();
use Cwd ();
use Digest::SHA ();
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

# os-release of the latest construction, kept when construction dies later (harness only)
our $last_os_release;

# --- the type registry ----------------------------------------------------------------

# "<ostype>=<module below PVE::LXC::Setup>"
my @BUILTIN_TYPES = qw(
    alpine=Alpine archlinux=ArchLinux centos=CentOS debian=Debian devuan=Devuan
    fedora=Fedora gentoo=Gentoo nixos=NixOS openeuler=OpenEuler opensuse=SUSE
    ubuntu=Ubuntu unmanaged=Unmanaged
);

# "<os-release ID>=<ostype>", exact and case-sensitive
my @BUILTIN_IDS = qw(
    almalinux=centos arch=archlinux openEuler=openeuler opensuse-leap=opensuse
    opensuse-slowroll=opensuse opensuse-tumbleweed=opensuse rocky=centos sles=opensuse
);

# "<test> <path> <ostype>", tried in this order on the host path when os-release names no
# known ID; test f: a regular file, d: a directory
my @BUILTIN_MARKERS = (
    'f /etc/debian_version debian',
    'f /etc/devuan_version devuan',
    'f /etc/SuSE-brand opensuse',
    'f /etc/SuSE-release opensuse',
    'f /etc/fedora-release fedora',
    'f /etc/centos-release centos',
    'f /etc/redhat-release centos',
    'f /etc/arch-release archlinux',
    'f /etc/alpine-release alpine',
    'f /etc/gentoo-release gentoo',
    'd /nix/store nixos',
    'f /etc/openEuler-release openeuler',
);

my $pairs = sub {
    return map { split(/=/, $_, 2) } @_;
};

my %registry; # types => {ostype => class}, ids => {ID => ostype}, markers => [[t, p, type, re]]
my $host_facts; # undef: ask the host

sub reset_registry {
    my %types = $pairs->(@BUILTIN_TYPES);
    %registry = (
        types => { map { ($_ => "PVE::LXC::Setup::$types{$_}") } keys %types },
        ids => { $pairs->(@BUILTIN_IDS) },
        markers => [map { [split(/ /, $_)] } @BUILTIN_MARKERS],
    );
    return;
}
reset_registry();

sub register_plugin {
    my ($ostype, $class) = @_;
    $registry{types}->{$ostype} = $class;
    return;
}

sub register_alias {
    my ($id, $ostype) = @_;
    $registry{ids}->{$id} = $ostype;
    return;
}

# An extra marker, tried after the built-in ones and before giving up: ('f', file, type),
# ('d', dir, type), or ('p', dir, type, pattern): dir holds a regular file whose name matches
# the Perl pattern (an apk signing key, say).
sub register_fallback {
    my ($test, $path, $ostype, $pattern) = @_;
    die "fallback test must be 'f', 'd' or 'p'\n" if $test !~ m/^[fdp]$/;
    die "fallback test 'p' needs a pattern\n" if $test eq 'p' && !defined($pattern);
    my $marker = [$test, $path, $ostype];
    push @$marker, qr/$pattern/ if $test eq 'p';
    push @{ $registry{markers} }, $marker;
    return;
}

sub registry {
    return {
        plugins => { %{ $registry{types} } },
        aliases => { %{ $registry{ids} } },
        fallbacks => [map { [@$_] } @{ $registry{markers} }],
    };
}

# undef = look at the host; else { host_resolv_conf, host_timezone, host_localtime }
sub set_host_data {
    my ($facts) = @_;
    $host_facts = $facts;
    return;
}

my $marker_present = sub {
    my ($rootdir, $marker) = @_;
    my ($test, $path, undef, $name_re) = @$marker;
    my $where = $rootdir . $path;
    return -d $where if $test eq 'd';
    return -f $where if $test eq 'f';
    return 0 if !-d $where || !opendir(my $dh, $where);
    my @hits = grep { $_ =~ $name_re && -f "$where/$_" } readdir($dh);
    closedir($dh);
    return scalar(@hits);
};

my $guess_ostype = sub {
    my ($rootdir, $os_release) = @_;

    my $id = $os_release->{ID};
    if ($id) {
        return $id if $registry{types}->{$id};
        my $via_alias = $registry{ids}->{$id};
        return $via_alias if $via_alias;
        warn "unknown ID '$id' in /etc/os-release file, trying fallback detection\n";
    }

    my $lsb_release = "$rootdir/etc/lsb-release";
    if (-f $lsb_release) {
        my $lsb = PVE::Tools::file_get_contents($lsb_release);
        return 'ubuntu' if $lsb =~ m/^DISTRIB_ID=Ubuntu$/im;
    }

    for my $marker (@{ $registry{markers} }) {
        return $marker->[2] if $marker_present->($rootdir, $marker);
    }

    die "unable to detect OS distribution\n" if -f "$rootdir/etc/os-release";
    warn "/etc/os-release file not found and autodetection failed, falling back to"
        . " 'unmanaged'\n";
    return 'unmanaged';
};

my $require_class = sub {
    my ($ostype, $class) = @_;
    return if $class->can('new');
    my $file = join('/', split(/::/, $class)) . '.pm';
    return if eval { require $file; 1 };
    die "plugin $class for OS type '$ostype' is not available to the harness: $@";
};

my $facts_from_host = sub {
    my $localtime = Cwd::abs_path('/etc/localtime') // '';
    die "invalid /etc/localtime\n" if $localtime !~ m|^(/.+)|;
    return {
        host_resolv_conf => PVE::INotify::read_file('resolvconf'),
        host_timezone => PVE::Systemd::get_timezone(),
        host_localtime => $1,
    };
};

# --- running code inside the container ------------------------------------------------

# Forks a child that chroots into the container and runs $code there; its scalar result
# comes back through a pipe as a string. The child's error is printed as a warning and
# the parent dies naming $task. Already chrooted, $code simply runs.
my $enter_container = sub {
    my ($self, $task, $code) = @_;

    return $code->() if $self->{in_chroot};

    pipe(my $from_child, my $to_parent) or die "pipe failed: $!\n";
    my $pid = fork() // die "fork failed: $!\n";

    if ($pid == 0) {
        close($from_child);
        $self->{in_chroot} = 1;
        my $ok = eval {
            my $root = $self->{rootdir};
            die "failed to change root to: $root: $!\n" if !chroot($root);
            die "failed to change to root directory\n" if !chdir('/');
            my $answer = $code->();
            print {$to_parent} "$answer" if defined($answer);
            close($to_parent);
            1;
        };
        warn $@ if !$ok;
        POSIX::_exit($ok ? 0 : 1);
    }

    close($to_parent);
    local $/;
    my $answer = <$from_child>;
    close($from_child);
    1 while waitpid($pid, 0) != $pid;
    die "error in setup task $task\n" if $?;
    return $answer;
};

# For code that keeps no state (it only reads, or writes files through the harness's own
# helpers): chrooted in this very process, left again through a handle on the real root
# (root may do that). Result (as a string, '' for undef), warning and "error in setup task"
# as $enter_container; a fork with its copy-on-write faults costs 5-15 ms on a small VM,
# and every hook asks for the init path.
my $peek_into_container = sub {
    my ($self, $task, $code) = @_;

    return $code->() if $self->{in_chroot};

    opendir(my $real_root, '/') or die "cannot open /: $!\n";
    my $cwd = Cwd::getcwd();
    my $root = $self->{rootdir};
    chroot($root) or die "failed to change root to: $root: $!\n";
    my ($answer, $failure);
    {
        local $self->{in_chroot} = 1;
        my $ok = eval {
            die "failed to change to root directory\n" if !chdir('/');
            my $value = $code->();
            $answer = $value // '';
            $answer = "$answer";
            1;
        };
        $failure = $@ if !$ok;
    }
    if (!chdir($real_root) || !chroot('.')) {
        # staying inside would run every later case in this container
        print STDERR "harness: cannot leave the chroot of $root: $!\n";
        POSIX::_exit(70);
    }
    chdir($cwd) if defined($cwd);
    closedir($real_root);
    if (defined($failure)) {
        warn $failure;
        die "error in setup task $task\n";
    }
    return $answer;
};

# Plugin methods reviewed to only read files and keep no state, with the SHA-1 of their
# source text (from the `sub` line to the closing brace): a changed method no longer matches
# and runs in the forked child again until it is reviewed anew. Such a call runs through
# $peek_into_container: same answer, warning and "error in setup task"; what the method
# itself forks (detect_elf_architecture's probe) still forks as on Proxmox.
#   Chainguard::detect_architecture: ct_file_exists, detect_elf_architecture and
#   ct_file_read_firstline on a fixed list of paths; returns a string or dies.
#   Unmanaged::get_ct_init_path: returns a constant.
#   Unmanaged::detect_architecture: reads a release flag of $self; dies or returns nothing.
my %REVIEWED_READ_ONLY = (
    'PVE::LXC::Setup::Chainguard::detect_architecture' =>
        '9914feb1494f358c28df78af6c912ce8035e02b4',
    'PVE::LXC::Setup::Unmanaged::get_ct_init_path' => 'c52d9e4991e96ce1e51cd3cce5a59fb30e6259a2',
    'PVE::LXC::Setup::Unmanaged::detect_architecture' => '280cfa410fd6df8cdf4f4d87d1b6dfcfa0802f3d',
);
my %reviewed_source; # "file mtime size ino method" => matches the review

my $only_reads = sub {
    my ($plugin, $method, $base_code) = @_;
    my $code = $plugin->can($method) or return 0;
    return 1 if $code == $base_code; # Base's own, generated from the model: reads only
    my $cv = B::svref_2object($code);
    my $want = $REVIEWED_READ_ONLY{ $cv->GV->STASH->NAME . "::$method" } // return 0;
    my $file = $cv->FILE;
    my @st = stat($file) or return 0;
    my $key = join(' ', $file, @st[9, 7, 1], $method);
    $reviewed_source{$key} //= do {
        my $text = PVE::Tools::file_get_contents($file);
        my ($source) = $text =~ m/^(sub \Q$method\E \{\n.*?^\}\n)/ms;
        defined($source) && Digest::SHA::sha1_hex($source) eq $want ? 1 : 0;
    };
    return $reviewed_source{$key};
};

# Public form for plugins and helpers: the task is named after the calling method.
sub protected_call {
    my ($self, $code) = @_;
    return $self->$enter_container((caller(1))[3], $code);
}

# --- construction -----------------------------------------------------------------------

my $choose_architecture = sub {
    my ($self) = @_;

    my $plugin = $self->{plugin};
    # asked from inside an eval, so the task a failure names is "(eval)"
    my $detect = sub { $plugin->detect_architecture() };
    my $base = \&PVE::LXC::Setup::Base::detect_architecture;
    my $run =
          $plugin->$only_reads('detect_architecture', $base)
        ? $peek_into_container
        : $enter_container;
    my $arch = eval { $self->$run('(eval)', $detect) };
    warn "Architecture detection failed: $@" if $@;

    # PVE 8 (before 6.1.1) keeps any defined answer, even an empty one
    my $usable = Harness::Release::flag('archFallbackOnFalse') ? $arch : defined($arch);
    if ($usable) {
        print "Detected container architecture: $arch\n";
        return $arch;
    }
    print "Falling back to amd64.\nUse `pct set VMID --arch ARCH` to change.\n";
    return 'amd64';
};

sub new {
    my ($class, $conf, $rootdir, $ostype, $log_warn) = @_;

    die "no root directory\n" if !$rootdir || $rootdir eq '/';
    $log_warn //= sub { PVE::RESTEnvironment::log_warn(@_) };

    my $self = bless { conf => $conf, rootdir => $rootdir, log_warn => $log_warn }, $class;

    my $os_release = $self->get_ct_os_release();
    $self->{os_release} = $last_os_release = $os_release;

    my $configured = $conf->{ostype};
    if (defined($configured) && $configured eq 'unmanaged') {
        $ostype = 'unmanaged';
    } elsif (!defined($ostype)) {
        $ostype = $guess_ostype->($rootdir, $os_release);
        my $wanted = $configured || $ostype;
        if ($wanted ne $ostype) {
            warn "WARNING: /etc not present in CT, is the rootfs mounted?\n" if !-e "$rootdir/etc";
            warn "got unexpected ostype ($ostype != $wanted)\n";
        }
    }

    my $plugin_class = $registry{types}->{$ostype} or die "no such OS type '$ostype'\n";
    $require_class->($ostype, $plugin_class);

    my $plugin = $plugin_class->new($conf, $rootdir, $os_release, $log_warn);
    $self->{plugin} = $plugin;
    $self->{in_chroot} = 0;
    # issue 14: the pve-container release the case plays (Harness::Release, PVE 9 by default)
    $plugin->{release} = Harness::Release::current();

    # what the plugin will need once it cannot see the host any more
    my $facts = $host_facts ? {%$host_facts} : $facts_from_host->();
    $plugin->{$_} = $facts->{$_} for qw(host_timezone host_localtime);
    $plugin->{host_resolv_conf} = $facts->{host_resolv_conf} // {};

    my ($id_map, $root_uid, $root_gid) = PVE::LXC::parse_id_maps($conf);
    if (scalar(@$id_map)) {
        @$plugin{qw(id_map root_uid root_gid)} = ($id_map, $root_uid, $root_gid);
    }

    $conf->{arch} = $self->$choose_architecture() if !defined($conf->{arch});

    return $self;
}

# --- steps --------------------------------------------------------------------------------

# Steps that run the plugin method of the same name inside the container, with the config
# and as many of the step's own arguments as the method takes; then what follows on the
# host.
my %STEPS = (
    template_fixup => [0],
    setup_network => [0],
    set_hostname => [0],
    set_dns => [0],
    set_timezone => [0],
    setup_init => [0],
    set_user_password => [2],
    pre_start_hook => [0, 'check_systemd_nesting'],
    post_create_hook => [2, 'rewrite_ssh_host_keys', 'check_systemd_nesting'],
);

for my $step (sort keys %STEPS) {
    my ($arity, @after) = @{ $STEPS{$step} };
    my $task = __PACKAGE__ . "::$step";
    my $run = sub {
        my ($self, @args) = @_;
        my ($plugin, $conf) = @$self{qw(plugin conf)};
        my @given = @args[0 .. $arity - 1];
        $self->$enter_container($task, sub { $plugin->$step($conf, @given) });
        $self->$_() for @after;
        return;
    };
    no strict 'refs';
    *{$task} = $run;
}

# Proxmox hands this hook the config it is given, not the one it holds.
sub post_clone_hook {
    my ($self, $conf) = @_;
    my $plugin = $self->{plugin};
    $self->$enter_container(
        __PACKAGE__ . '::post_clone_hook',
        sub {
            $plugin->post_clone_hook($conf);
        }
    );
    $self->check_systemd_nesting();
    return;
}

# ssh-keygen on the host (the container may have none): the fingerprint line and the two
# key files' contents. A harness may replace it through $ssh_key_generator.
sub generate_ssh_key {
    my ($type, $comment) = @_;

    my $keyfile = "$ssh_key_tmpdir/.tmp$$.$type";
    my $fingerprint_re = qr/(?:(?:[0-9a-f]{2}:)+[0-9a-f]{2}|SHA256:[0-9a-z+\/]{43})/i;
    my $fingerprint = '';
    my $keep_fingerprint = sub {
        my ($line) = @_;
        $fingerprint = $line if $line =~ m/^$fingerprint_re\s+\Q$comment\E$/i;
    };
    my @keygen = ('ssh-keygen', '-f', $keyfile, '-t', $type, '-N', '', '-E', 'sha256');
    PVE::Tools::run_command([@keygen, '-C', $comment], outfunc => $keep_fingerprint);

    my @contents = map { PVE::Tools::file_get_contents($_) } ($keyfile, "$keyfile.pub");
    unlink($keyfile, "$keyfile.pub");
    return ($fingerprint, @contents);
}

sub rewrite_ssh_host_keys {
    my ($self) = @_;

    my $plugin = $self->{plugin};
    my $wanted = $plugin->ssh_host_key_types_to_generate();
    return if !-d "$self->{rootdir}/etc/ssh";
    return if !$wanted || !%$wanted;

    my ($short) = split(/\./, $self->{conf}->{hostname} || 'localhost', 2);
    $short //= '';
    my $generate = $ssh_key_generator // \&generate_ssh_key;

    my @files;
    for my $type (keys %$wanted) {
        my $name = $wanted->{$type};
        print "Creating SSH host key '$name' - this may take some time ...\n";
        my ($fingerprint, $private, $public) = $generate->($type, "root\@$short");
        print "done: $fingerprint\n";
        push @files, ["/etc/ssh/$name", $private, 0600], ["/etc/ssh/$name.pub", $public, 0644];
    }

    # One chrooted call writes them all. Through the harness's own writers (they keep no
    # state; a plugin's own gets the fork) the files come out as from a forked child.
    my $own = !grep { $plugin->can($_) != PVE::LXC::Setup::CtHelpers->can($_) }
        qw(ct_file_set_contents ct_is_file_ignored ct_reset_ownership);
    my $run = $own ? $peek_into_container : $enter_container;
    $self->$run(
        __PACKAGE__ . '::rewrite_ssh_host_keys',
        sub {
            $plugin->ct_file_set_contents(@$_) for @files;
        }
    );
    return;
}

# Host side (objdump): a warning for log_warn when systemd would want nesting.
sub check_systemd_nesting {
    my ($self) = @_;
    return if !Harness::Release::flag('systemdNestingWarning'); # the warning came with 6.0.19
    my $init = $self->get_ct_init_path();
    my $warning = $self->{plugin}->check_systemd_nesting($self->{conf}, $init);
    $self->{log_warn}->($warning) if $warning;
    return;
}

sub unified_cgroupv2_support {
    my ($self) = @_;
    my $init = $self->get_ct_init_path();
    return $self->{plugin}->unified_cgroupv2_support($init);
}

# --- reads --------------------------------------------------------------------------------

my %unescape = ('n' => "\n", 't' => "\t", map { ($_ => $_) } ('"', "'", '`', '$', '\\'));

# os-release text -> hash: 'single' quotes literal, "double" quotes with the escapes above
# evaluated, an unquoted value cut to its leading [A-Za-z0-9] run (VERSION_ID=24.03 -> 24).
sub parse_os_release {
    my ($text) = @_;

    my %vars;
    for my $line (split(/\n/, $text // '')) {
        next if $line !~ m/^\s*([a-zA-Z_][a-zA-Z0-9_]*)=(.*)$/;
        my ($key, $raw) = ($1, $2);
        if ($raw =~ m/^'([^']*)'/) {
            $vars{$key} = $1;
        } elsif ($raw =~ m/^"((?:[^"\\]|\\.)*)"/) {
            (my $value = $1) =~ s/\\(["'`nt\$\\])/$unescape{$1}/g;
            $vars{$key} = $value;
        } else {
            $raw =~ m/^([A-Za-z0-9]*)/;
            $vars{$key} = $1;
        }
    }
    return \%vars;
}

sub get_ct_os_release {
    my ($self) = @_;

    my $text = $self->$peek_into_container(
        __PACKAGE__ . '::get_ct_os_release',
        sub {
            my ($file) = grep { -f $_ } ('/etc/os-release', '/usr/lib/os-release');
            return defined($file) ? PVE::Tools::file_get_contents($file) : undef;
        }
    );
    return parse_os_release($text);
}

# /sbin/init, resolved inside the container when it is a link. Base's resolver only
# reads, so it runs without the fork; a plugin's own resolver gets the child.
sub get_ct_init_path {
    my ($self) = @_;

    my $plugin = $self->{plugin};
    my $resolve = sub { $plugin->get_ct_init_path() };
    my $base = \&PVE::LXC::Setup::Base::get_ct_init_path;
    my $run =
        $plugin->$only_reads('get_ct_init_path', $base) ? $peek_into_container : $enter_container;
    return $self->$run(__PACKAGE__ . '::get_ct_init_path', $resolve);
}

1;
