package PVE::LXC::Setup::Base;

# SPDX-License-Identifier: AGPL-3.0-or-later

# Shared behaviour of every managed distribution plugin, written for the pve-chainguard
# harness from the documented behaviour of PVE's Base class. Methods run inside the
# container's chroot (see PVE::LXC::Setup::protected_call), so every path below is a
# container path; the chroot, not these helpers, keeps symlinks from escaping.
# Everything used here is loaded at compile time: nothing can be required once chrooted.

use strict;
use warnings;

use Cwd 'abs_path';
use Digest::SHA;
use Fcntl;
use File::Basename;
use File::Path;
use File::stat;
use IO::File;
use POSIX ();

use PVE::INotify;
use PVE::Network;
use PVE::Tools;

use PVE::LXC;
use PVE::LXC::Config;
use PVE::LXC::Setup::Plugin;
use PVE::LXC::Tools;

use base qw(PVE::LXC::Setup::Plugin);

my $SECTION_BEGIN = "# --- BEGIN PVE ---\n";
my $SECTION_END = "# --- END PVE ---\n";

sub new {
    my ($class, $conf, $rootdir, $os_release, $log_warn) = @_;

    return bless { conf => $conf, rootdir => $rootdir, os_release => $os_release }, $class;
}

# ($searchdomains, $nameservers): config values, test-mode defaults, then per field the
# host's resolv.conf as cached by the dispatcher.
sub lookup_dns_conf {
    my ($self, $conf) = @_;

    my $search = $conf->{searchdomain};
    my $servers = $conf->{nameserver};
    if ($conf->{testmode}) {
        $servers //= '8.8.8.8 8.8.8.9';
        $search //= 'proxmox.com';
    }

    my $host = $self->{host_resolv_conf};
    $servers //= join(' ', grep { $_ } map { $host->{$_} } qw(dns1 dns2 dns3));
    $search //= $host->{search};

    return ($search, $servers);
}

sub update_etc_hosts {
    my ($self, $hostip, $oldname, $newname, $searchdomains) = @_;

    my $hosts_fn = '/etc/hosts';
    return if $self->ct_is_file_ignored($hosts_fn);

    my $short = ($newname =~ s/\..*$//r);

    my @names;
    if ($newname =~ m/\./) {
        @names = ($newname, $short);
    } else {
        @names = map { "$newname.$_" } PVE::Tools::split_list($searchdomains);
        push @names, $newname;
    }
    my $names = join(' ', @names);

    my $section = '';
    my $lo4 = "127.0.0.1 localhost.localnet localhost\n";
    my $lo6 = "::1 localhost.localnet localhost\n";
    if ($self->ct_file_exists($hosts_fn)) {
        # loopback lines inside our own sections do not count as existing entries
        my $rest = remove_pve_sections($self->ct_file_get_contents($hosts_fn));
        $section .= $lo4 if $rest !~ m/^\h*127\.0\.0\.1\h+/m;
        $section .= $lo6 if $rest !~ m/^\h*::1\h+/m;
    } else {
        $section .= $lo4 . $lo6;
    }

    if (defined($hostip)) {
        $section .= "$hostip $names\n";
    } elsif ($short ne 'localhost') {
        $section .= "127.0.1.1 $names\n";
    } else {
        $section .= "127.0.1.1 $short\n";
    }

    $self->ct_modify_file($hosts_fn, $section);
}

sub snakeoil_fixup {
    my ($self, $conf) = @_;
}

sub template_fixup {
    my ($self, $conf) = @_;
}

sub set_dns {
    my ($self, $conf) = @_;

    my ($search, $servers) = $self->lookup_dns_conf($conf);

    my $data = '';
    $data .= 'search ' . join(' ', PVE::Tools::split_list($search)) . "\n" if $search;
    $data .= "nameserver $_\n" for PVE::Tools::split_list($servers);

    $self->ct_modify_file('/etc/resolv.conf', $data, replace => 1);
}

sub set_hostname {
    my ($self, $conf) = @_;

    my $hostname = $conf->{hostname} || 'localhost';
    my $short = ($hostname =~ s/\..*$//r);

    my $hostname_fn = '/etc/hostname';
    my $oldname = $self->ct_file_read_firstline($hostname_fn) || 'localhost';

    my ($ipv4, $ipv6) = PVE::LXC::get_primary_ips($conf);
    my ($search) = $self->lookup_dns_conf($conf);

    $self->update_etc_hosts($ipv4 || $ipv6, $oldname, $hostname, $search);
    $self->ct_file_set_contents($hostname_fn, "$short\n");
}

sub setup_network {
    my ($self, $conf) = @_;
    die "please implement this inside subclass";
}

sub setup_init {
    my ($self, $conf) = @_;
    die "please implement this inside subclass";
}

# privileged containers get their ttys below /dev/lxc/
sub devttydir {
    my ($self, $conf) = @_;
    return $conf->{unprivileged} ? '' : 'lxc/';
}

my $systemd_unit_dir = sub {
    my ($self) = @_;
    return $self->ct_is_executable('/lib/systemd/systemd')
        ? '/lib/systemd/system'
        : '/usr/lib/systemd/system';
};

# Old systemd without container-getty@ needs getty@ to wait for /dev/tty, newer must not.
sub fixup_old_getty {
    my ($self) = @_;

    my $dir = $systemd_unit_dir->($self);
    my $getty = "$dir/getty\@.service";
    return if !$self->ct_file_exists($getty);

    my $raw = $self->ct_file_get_contents($getty);
    my $changed;
    if (!$self->ct_file_exists("$dir/container-getty\@.service")) {
        $changed = $raw =~ s!^ConditionPathExists=/dev/tty0$!ConditionPathExists=/dev/tty!m;
    } else {
        $changed = $raw =~ s!^ConditionPathExists=/dev/tty$!ConditionPathExists=/dev/tty0!m;
    }
    $self->ct_file_set_contents($getty, $raw) if $changed;
}

sub setup_container_getty_service {
    my ($self, $conf) = @_;

    my $template_base = "container-getty\@";
    my $template_path = $systemd_unit_dir->($self) . "/$template_base.service";
    my $instance_base = $template_base;

    if (!$self->ct_file_exists($template_path)) {
        # PVE's fallback to plain getty@ looks for a relative path (in /, the chroot's
        # cwd) and an instance name with literal braces; kept as is
        $template_base = "getty\@";
        $template_path = "$template_base.service";
        $instance_base = "{$template_base}tty";
        return if !$self->ct_file_exists($template_path);
    }

    my $raw = $self->ct_file_get_contents($template_path);
    my $tty = $self->devttydir($conf) . 'tty%I';
    $self->ct_file_set_contents($template_path, $raw) if $raw =~ s@pts/%I|lxc/tty%I@$tty@g;

    my $wants = '/etc/systemd/system/getty.target.wants/';
    my $count = PVE::LXC::Config->get_tty_count($conf);
    for my $i (1 .. 6) {
        # never two gettys on one tty: drop both flavours, then re-add the wanted ones
        $self->ct_unlink("$wants/getty\@tty$i.service");
        $self->ct_unlink("$wants/container-getty\@$i.service");
        next if $i > $count;
        $self->ct_symlink($template_path, "$wants/$instance_base$i.service");
    }

    # unmask getty.target
    $self->ct_unlink('/etc/systemd/system/getty.target');
}

# One /etc/systemd/network/<name>.network per netN with a name.
sub setup_systemd_networkd {
    my ($self, $conf) = @_;

    my @dhcp_modes = ('no', 'ipv4', 'ipv6', 'yes'); # index = bit 1 v4 | bit 2 v6

    for my $key (keys %$conf) {
        next if $key !~ m/^net\d+$/;
        my $net = PVE::LXC::Config->parse_lxc_network($conf->{$key});
        my $name = $net->{name};
        next if !$name;

        my $data = "[Match]\nName = $name\n\n[Network]\n"
            . "Description = Interface $name autoconfigured by PVE\n";
        my $routes = '';
        my ($dhcp, $accept_ra, $static4, $static6) = (0, 'false', 0, 0);

        if (defined(my $ip = $net->{ip})) {
            if ($ip eq 'dhcp') {
                $dhcp |= 1;
            } elsif ($ip ne 'manual') {
                $static4 = 1;
                $data .= "Address = $ip\n";
            }
        }
        if (defined(my $gw = $net->{gw})) {
            $data .= "Gateway = $gw\n";
            $routes .= "\n[Route]\nDestination = $gw/32\nScope = link\n"
                if $static4 && !PVE::Network::is_ip_in_cidr($gw, $net->{ip}, 4);
        }

        if (defined(my $ip6 = $net->{ip6})) {
            if ($ip6 eq 'dhcp') {
                $dhcp |= 2;
                $accept_ra = 'true';
            } elsif ($ip6 eq 'auto') {
                $accept_ra = 'true';
            } elsif ($ip6 ne 'manual') {
                $static6 = 1;
                $data .= "Address = $ip6\n";
            }
        }
        if (defined(my $gw6 = $net->{gw6})) {
            $accept_ra = 'false';
            $data .= "Gateway = $gw6\n";
            $routes .= "\n[Route]\nDestination = $gw6/128\nScope = link\n"
                if $static6
                && !PVE::Network::is_ip_in_cidr($gw6, $net->{ip6}, 6)
                && !PVE::Network::is_ip_in_cidr($gw6, 'fe80::/10', 6);
        }

        $data .= "DHCP = $dhcp_modes[$dhcp]\n";
        $data .= "IPv6AcceptRA = $accept_ra\n";
        $data .= $routes;

        $self->ct_make_path('/etc/systemd/network');
        $self->ct_file_set_contents("/etc/systemd/network/$name.network", $data);
    }
}

# First-boot presets: defaults for a container, overridable via $extra (unit => bool).
sub setup_systemd_preset {
    my ($self, $extra) = @_;

    my %preset = (
        'sys-kernel-config.mount' => 0,
        'sys-kernel-debug.mount' => 0,
        'getty@.service' => 0,
        'container-getty@.service' => 1,
    );
    %preset = (%preset, %$extra) if defined($extra);

    my $data = "# Added by PVE at create-time for first-boot configuration.\n";
    $data .= ($preset{$_} ? 'enable' : 'disable') . " $_\n" for sort keys %preset;

    $self->ct_make_path('/etc/systemd/system-preset');
    $self->ct_file_set_contents('/etc/systemd/system-preset/00-pve.preset', $data);
}

# Masks static units (which presets cannot disable) unless a real unit file is there.
sub setup_systemd_disable_static_units {
    my ($self, $extra_units) = @_;

    for my $unit ('sys-kernel-config.mount', 'sys-kernel-debug.mount', @{ $extra_units // [] }) {
        my $path = "/etc/systemd/system/$unit";
        $self->ct_symlink('/dev/null', $path) if !$self->ct_file_exists($path);
    }
}

sub setup_securetty {
    my ($self, $conf, @devices) = @_;

    my $filename = '/etc/securetty';
    # without a securetty file root may log in on any device anyway
    return if !$self->ct_file_exists($filename);

    if (!@devices) {
        my $dir = $self->devttydir($conf);
        @devices = map { "$dir$_" } qw(console tty1 tty2 tty3 tty4);
    }

    my $data = $self->ct_file_get_contents($filename);
    chomp $data;
    $data .= "\n";
    for my $dev (@devices) {
        $data .= "$dev\n" if $data !~ m!^\Q$dev\E\s*$!m;
    }
    $self->ct_file_set_contents($filename, $data);
}

# Rewrites passwd or shadow through "<file>.<pid>" (owner and mode copied), replacing
# field 2 (and in shadow field 3, the day of the last change) of $user's line. $user is a
# regex fragment on purpose: PVE interpolates it unescaped. Failures are silent.
my $replace_password = sub {
    my ($self, $file, $user, $hash, $is_shadow) = @_;

    my $tmpfile = "$file.$$";
    eval {
        my $src = $self->ct_open_file_read($file) || die "unable to open file '$file' - $!";
        my $st = $self->ct_stat($src) || die "unable to stat file - $!";
        my $dst = $self->ct_open_file_write($tmpfile)
            || die "unable to open file '$tmpfile' - $!";

        chmod($st->mode, $dst);
        chown($st->uid, $st->gid, $dst);

        my $day = int(time() / 86400);
        while (defined(my $line = <$src>)) {
            if ($is_shadow) {
                $line =~ s/^${user}:[^:]*:[^:]*:/${user}:${hash}:${day}:/;
            } else {
                $line =~ s/^${user}:[^:]*:/${user}:${hash}:/;
            }
            print {$dst} $line;
        }

        $src->close() || die "close '$file' failed - $!\n";
        $dst->close() || die "close '$tmpfile' failed - $!\n";
    };
    if ($@) {
        $self->ct_unlink($tmpfile);
    } else {
        $self->ct_rename($tmpfile, $file);
        $self->ct_unlink($tmpfile); # still there if the rename was skipped or failed
    }
};

sub set_user_password {
    my ($self, $conf, $user, $password) = @_;

    my $passwd = '/etc/passwd';
    return if !$self->ct_file_exists($passwd);

    if (!defined($password)) {
        $password = '*';
    } elsif ($password !~ m/^\$(?:1|2[axy]?|5|6)\$[a-zA-Z0-9.\/]{1,16}\$[a-zA-Z0-9.\/]+$/) {
        # the salt derives from the clock, not from a random source
        my $salt = substr(Digest::SHA::sha1_base64(time), 0, 8);
        my $bytes = $password;
        utf8::encode($bytes);
        $password = crypt($bytes, "\$6\$$salt\$");
    }

    my $shadow = '/etc/shadow';
    if ($self->ct_file_exists($shadow)) {
        $replace_password->($self, $shadow, $user, $password, 1);
        $replace_password->($self, $passwd, $user, 'x');
    } else {
        $replace_password->($self, $passwd, $user, $password);
    }
}

# Field 6 of $user's passwd line; '' when there is none (the value a finished while loop
# leaves as the sub's result upstream).
my $home_from_passwd = sub {
    my ($self, $passwd, $user) = @_;

    my $fh = $self->ct_open_file_read($passwd);
    while (defined(my $line = <$fh>)) {
        return $2 if $line =~ m/^${user}:([^:]*:){4}([^:]*):/;
    }
    return '';
};

sub set_user_authorized_ssh_keys {
    my ($self, $conf, $user, $ssh_keys) = @_;

    my $passwd = '/etc/passwd';
    my $home = $user eq 'root' ? '/root/' : "/home/$user/";
    $home = $home_from_passwd->($self, $passwd, $user) if $self->ct_file_exists($passwd);

    die "home directory '$home' of $user does not exist!"
        if !($self->ct_is_directory($home) || $self->ct_is_symlink($home));

    my $mode = oct('0700');
    $self->ct_mkdir("$home/.ssh", $mode) if !$self->ct_is_directory("$home/.ssh");
    $self->ct_modify_file("$home/.ssh/authorized_keys", $ssh_keys, perms => $mode);
}

# New minute (int(rand() * 59)) for every root job in /etc/crontab and /etc/cron.d/*, so
# containers created from one template do not all fire at once.
my $randomize_crontab = sub {
    my ($self, $conf) = @_;

    my @files;
    PVE::Tools::dir_glob_foreach('/etc/cron.d', qr/[A-Z\-\_a-z0-9]+/,
        sub { push @files, "/etc/cron.d/$_[0]" },
    );
    unshift @files, '/etc/crontab' if $self->ct_file_exists('/etc/crontab');

    for my $file (@files) {
        my $out = '';
        for my $line (split(/\n/, $self->ct_file_get_contents($file))) {
            if ($line =~ m/^\d+(\s+\S+\s+\S+\s+\S+\s+\S+\s+root\s+\S.*)$/) {
                my $rest = $1;
                $out .= int(rand() * 59) . "$rest\n";
            } else {
                $out .= "$line\n";
            }
        }
        $self->ct_file_set_contents($file, $out);
    }
};

sub set_timezone {
    my ($self, $conf) = @_;

    # variable names follow PVE's, as they show up in Perl's undef diagnostics
    my $zoneinfo = $conf->{timezone};
    return if !defined($zoneinfo);

    my $tz_path = "/usr/share/zoneinfo/$zoneinfo";
    $tz_path = $self->{host_localtime} if $zoneinfo eq 'host';

    if (!$self->ct_file_exists($tz_path)) {
        warn "container does not have $tz_path, timezone can not be modified\n";
        return;
    }

    if (abs_path('/etc/localtime') ne $tz_path) {
        # a relative name, so the temporary link is created in / (the chroot's cwd)
        my $tmpfile = "localtime.$$.new.tmpfile";
        $self->ct_symlink($tz_path, $tmpfile);
        $self->ct_rename($tmpfile, '/etc/localtime');
    }

    # only some distributions have /etc/timezone
    if ($self->ct_file_exists('/etc/timezone')) {
        my $contents = $zoneinfo eq 'host' ? $self->{host_timezone} : $zoneinfo;
        $self->ct_file_set_contents('/etc/timezone', "$contents\n");
    }
}

# Create: forget the machine id. Clone ($clone): truncate it to "\n" on systemd
# containers so the clone does not run first-boot units, unless it says 'uninitialized'.
sub clear_machine_id {
    my ($self, $conf, $clone) = @_;

    my $systemd = $self->ct_is_executable('/lib/systemd/systemd')
        || $self->ct_is_executable('/usr/lib/systemd/systemd');

    my $dbus_id = '/var/lib/dbus/machine-id';
    my $machine_id = '/etc/machine-id';
    my $had_id = $self->ct_file_exists($machine_id);

    if ($self->ct_file_exists($dbus_id) && !$self->ct_is_symlink($dbus_id) && $systemd) {
        $self->ct_unlink($dbus_id);
    }

    return if !$had_id;
    if (!$clone) {
        $self->ct_unlink($machine_id);
        return;
    }
    my $old = $self->ct_file_read_firstline($machine_id) // '';
    $self->ct_file_set_contents($machine_id, "\n") if $systemd && $old ne 'uninitialized';
}

# systemd major version from the libsystemd-shared-<ver>.so that init links against;
# runs on the host (objdump), not in the chroot.
sub get_systemd_version {
    my ($self, $init) = @_;

    my $rootdir = $self->{rootdir};
    my $binary = abs_path($rootdir . $init);
    if ($binary =~ m/(^\Q$rootdir\E.*)/) {
        $binary = $1;
    } else {
        die "Could not construct path to systemd binary: $rootdir, $init";
    }

    my $version;
    PVE::Tools::run_command(
        ['objdump', '-p', $binary],
        outfunc => sub {
            my ($line) = @_;
            $version = $1 if $line =~ m/libsystemd-shared-(\d+)(?:[-_.][a-zA-Z0-9]+)*\.so:?$/;
        },
        errmsg => "objdump on $init failed",
    );
    return $version;
}

sub unified_cgroupv2_support {
    my ($self, $init) = @_;

    # a non-systemd init is assumed to cope with a pure cgroupv2 hierarchy
    return 1 if !defined($init) || $init !~ m@/systemd$@;

    my $version = $self->get_systemd_version($init);
    return (defined($version) && $version >= 232) ? 1 : 0;
}

sub get_ct_init_path {
    my ($self) = @_;

    my $init = '/sbin/init';
    $init = $self->ct_readlink_recursive($init) if $self->ct_is_symlink($init);
    return $init;
}

# The nesting warning for a systemd init newer than 241 when the nesting feature is off;
# nothing otherwise.
sub check_systemd_nesting {
    my ($self, $conf, $init) = @_;

    my $features = PVE::LXC::Config->parse_features($conf->{features});
    return if $features->{nesting} || !defined($init) || $init !~ m@/systemd$@;

    my $version = $self->get_systemd_version($init) // return;
    return $version > 241 ? "Systemd $version detected. You may need to enable nesting." : ();
}

# key type => file name below /etc/ssh
sub ssh_host_key_types_to_generate {
    my ($self) = @_;
    return { map { ($_ => "ssh_host_${_}_key") } qw(rsa ecdsa ed25519) };
}

# the shell every POSIX system has is a fair sample of the container's binaries
sub detect_architecture {
    my ($self) = @_;
    return PVE::LXC::Tools::detect_elf_architecture('/bin/sh');
}

# what both the create and the start hook end with, in this order
my @CONFIGURE_STEPS = qw(setup_init setup_network set_hostname set_dns set_timezone);

sub pre_start_hook {
    my ($self, $conf) = @_;

    # an empty /fastboot skips the file system check at boot
    $self->ct_file_set_contents('/fastboot', '');
    $self->$_($conf) for @CONFIGURE_STEPS;
    return;
}

sub post_clone_hook {
    my ($self, $conf) = @_;
    $self->clear_machine_id($conf, 1);
    return;
}

sub post_create_hook {
    my ($self, $conf, $root_password, $ssh_keys) = @_;

    $self->$_($conf) for qw(clear_machine_id snakeoil_fixup template_fixup);
    $randomize_crontab->($self, $conf);
    $self->set_user_password($conf, 'root', $root_password);
    $self->set_user_authorized_ssh_keys($conf, 'root', $ssh_keys) if $ssh_keys;
    $self->$_($conf) for @CONFIGURE_STEPS;
    return;
}

# ---- container file helpers ------------------------------------------------------------
# Thin wrappers over syscalls on container paths. They honour "<dir>/.pve-ignore.<name>"
# where PVE does, and hand created files to the mapped root user of id-mapped containers.

sub ct_is_file_ignored {
    my ($self, $file) = @_;
    my ($name, $dir) = fileparse($file);
    return -f "$dir/.pve-ignore.$name";
}

sub ct_reset_ownership {
    my ($self, @files) = @_;

    return if !$self->{id_map};
    @files = grep { !$self->ct_is_file_ignored($_) } @files;
    return if !@files;
    chown($self->{root_uid}, $self->{root_gid}, @files);
}

sub ct_mkdir {
    my ($self, $file, $mode) = @_;

    # mkdir counts its arguments: an explicit undef mode would mean 0000
    my $ok = defined($mode) ? CORE::mkdir($file, $mode) : CORE::mkdir($file);
    return $ok && $self->ct_reset_ownership($file);
}

sub ct_unlink {
    my ($self, @files) = @_;
    for my $file (@files) {
        CORE::unlink($file) if !$self->ct_is_file_ignored($file);
    }
}

sub ct_rename {
    my ($self, $old, $new) = @_;
    return if $self->ct_is_file_ignored($new);
    CORE::rename($old, $new);
}

sub ct_open_file_read {
    my ($self, $file, @perms) = @_;
    return IO::File->new($file, O_RDONLY, @perms);
}

# no O_TRUNC; an ignored file is swapped for /dev/null
sub ct_open_file_write {
    my ($self, $file, @perms) = @_;

    $file = '/dev/null' if $self->ct_is_file_ignored($file);
    my $fh = IO::File->new($file, O_WRONLY | O_CREAT, @perms);
    $self->ct_reset_ownership($fh);
    return $fh;
}

sub ct_make_path {
    my ($self, @dirs) = @_;

    my $opts = {};
    if (defined($self->{id_map})) {
        $opts->{owner} = $self->{root_uid};
        $opts->{group} = $self->{root_gid};
    }
    File::Path::make_path(@dirs, $opts);
}

sub ct_symlink {
    my ($self, $target, $link) = @_;

    return if $self->ct_is_file_ignored($link);
    return 0 if !CORE::symlink($target, $link);
    POSIX::lchown($self->{root_uid}, $self->{root_gid}, $link) if defined($self->{id_map});
    return 1;
}

# Plain questions about a container path. Each test names its argument $file: Perl's
# warning for an undefined one quotes the name.
my %PATH_TESTS = (
    ct_file_exists => sub { my ($file) = @_; -f $file },
    ct_is_directory => sub { my ($file) = @_; -d $file },
    ct_is_symlink => sub { my ($file) = @_; -l $file },
    ct_is_executable => sub { my ($file) = @_; -x $file },
    ct_readlink => sub { my ($file) = @_; CORE::readlink($file) },
    ct_stat => \&File::stat::stat,
    ct_file_read_firstline => \&PVE::Tools::file_read_firstline,
    ct_file_get_contents => \&PVE::Tools::file_get_contents,
);

for my $name (sort keys %PATH_TESTS) {
    my $test = $PATH_TESTS{$name};
    no strict 'refs';
    *{ __PACKAGE__ . "::$name" } = sub {
        my ($self, $file) = @_;
        return $test->($file);
    };
}

# Follows links, at most 10 of them; every hop is resolved against the working directory
# (/ in the chroot), not against the directory holding the link.
sub ct_readlink_recursive {
    my ($self, $name) = @_;

    my ($path, $hops) = ($name, 0);
    while ($self->ct_is_symlink($path)) {
        die "maximal link depth of 10 for resolving '$name' reached, abort\n" if $hops++ >= 10;
        $path = abs_path($self->ct_readlink($path));
    }
    return $path;
}

# PVE::Tools' atomic write, then the file goes to the mapped root user
sub ct_file_set_contents {
    my ($self, $file, $data, $perms) = @_;

    return if $self->ct_is_file_ignored($file);
    PVE::Tools::file_set_contents($file, $data, $perms);
    return $self->ct_reset_ownership($file);
}

# Maintains the "# --- BEGIN PVE ---" .. "# --- END PVE ---" section of $file.
# Options: perms (used when the file is created or the section first added), replace
# (the section becomes the whole file), prepend, delete (drop a file that would hold
# nothing but an empty section).
sub ct_modify_file {
    my ($self, $file, $data, %opt) = @_;

    return if $self->ct_is_file_ignored($file);

    my $perms = $opt{perms};
    $data .= "\n" if $data && $data !~ m/\n$/;

    if (!$self->ct_file_exists($file)) {
        $self->ct_file_set_contents($file, $SECTION_BEGIN . $data . $SECTION_END, $perms)
            if $data;
        return;
    }

    my @lines = split(/\n/, $self->ct_file_get_contents($file));

    my ($beg, $end);
    for my $i (0 .. $#lines) {
        if (!defined($beg)) {
            $beg = $i if $lines[$i] =~ m/^#\s*---\s*BEGIN\s*PVE\s*/;
        } elsif ($lines[$i] =~ m/^#\s*---\s*END\s*PVE\s*/i) {
            $end = $i;
            last;
        }
    }

    if (defined($end)) {
        my $section;
        if ($data) {
            $section = $SECTION_BEGIN . $data . ($SECTION_END =~ s/\n$//r);
        } else {
            if ($beg == 0 && $end == $#lines) {
                $self->ct_unlink($file) if $opt{delete};
                return;
            }
            # an emptied section keeps its END line's newline, leaving a blank line
            $section = $SECTION_BEGIN . $data . $SECTION_END;
        }
        splice(@lines, $beg, $end - $beg + 1, $section);
        $self->ct_file_set_contents($file, join("\n", @lines) . "\n");
        return;
    }

    return if !$data;

    my $old = join("\n", @lines);
    chomp $old;
    $old .= "\n";
    my $section = $SECTION_BEGIN . $data . $SECTION_END;
    if ($opt{replace}) {
        $self->ct_file_set_contents($file, $section, $perms);
    } elsif ($opt{prepend}) {
        $self->ct_file_set_contents($file, $section . $old, $perms);
    } else {
        $self->ct_file_set_contents($file, $old . $section, $perms);
    }
}

# Removes everything from the first BEGIN line to the end of the last END line.
sub remove_pve_sections {
    my ($data) = @_;

    my $head = $SECTION_BEGIN =~ s/\n$//r;
    my $tail = $SECTION_END =~ s/\n$//r;
    return $data =~ s/^\h*\Q$head\E.*^\h*\Q$tail\E.*?$//rgms;
}

# images.linuxcontainers.org templates ship a bogus "127.0.1.1 LXC_NAME" hosts line
sub remove_lxc_name_from_etc_hosts {
    my ($self) = @_;

    return if !-e '/etc/hosts';

    my @lines = split(/\n/, $self->ct_file_get_contents('/etc/hosts'));
    my $hosts = join("\n", grep { !m/^127.0.1.1\s+LXC_NAME$/ } @lines) . "\n";
    $self->ct_file_set_contents('/etc/hosts', $hosts);
}

1;
