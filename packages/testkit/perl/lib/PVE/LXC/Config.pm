package PVE::LXC::Config;

# SPDX-License-Identifier: AGPL-3.0-or-later

# Container config parsing as the setup code sees it: the pct file format, per-key type
# checks that only warn (like a non-strict parse on PVE), and the netN / features property
# strings. The schema is the subset of PVE's option list that setup code and our test
# configs touch; unknown keys are reported the same way PVE reports them.

use strict;
use warnings;

use Harness::Release;

use Digest::SHA;

use PVE::Cluster;
use PVE::Tools;

our $ZONE_TAB = '/usr/share/zoneinfo/zone.tab';

# The zone names of $ZONE_TAB, read once per $ZONE_TAB (a harness driver reads it before
# forking, so case processes share it).
my ($zones, $zones_from);

sub zone_tab_zones {
    return $zones if defined($zones_from) && $zones_from eq $ZONE_TAB;
    my %found;
    if (open(my $fh, '<', $ZONE_TAB)) {
        while (my $line = <$fh>) {
            next if $line =~ m/^\s*#/;
            chomp $line;
            my $zone = (split(/\t/, $line))[2];
            $found{$zone} = 1 if defined($zone);
        }
        close($fh);
    }
    ($zones, $zones_from) = (\%found, $ZONE_TAB);
    return $zones;
}

my $dns_label = qr/[a-zA-Z0-9](?:[a-zA-Z0-9\-]*[a-zA-Z0-9])?/;

my $formats = {
    'dns-name' => sub {
        my ($v) = @_;
        die "value does not look like a valid DNS name\n"
            if $v !~ m/^(?:$dns_label\.)*$dns_label$/;
    },
    ipv4 => sub {
        die "value does not look like a valid IPv4 address\n"
            if $_[0] !~ m/^$PVE::Tools::IPV4RE$/;
    },
    ipv6 => sub {
        die "value does not look like a valid IPv6 address\n"
            if $_[0] !~ m/^$PVE::Tools::IPV6RE$/;
    },
    'pve-ipv4-config' => sub {
        my ($v) = @_;
        return if $v =~ m/^(?:dhcp|manual)$/;
        return if $v =~ m!^$PVE::Tools::IPV4RE/(\d+)$! && $1 > 7 && $1 <= 32;
        die "value does not look like a valid ipv4 network configuration\n";
    },
    'pve-ipv6-config' => sub {
        my ($v) = @_;
        return if $v =~ m/^(?:auto|dhcp|manual)$/;
        return if $v =~ m!^$PVE::Tools::IPV6RE/(\d+)$! && $1 > 7 && $1 <= 128;
        die "value does not look like a valid ipv6 network configuration\n";
    },
    'mac-addr' => sub {
        die "value does not look like a valid unicast MAC address\n"
            if $_[0] !~ m/^[a-f0-9][02468ace](?::[a-f0-9]{2}){5}$/i;
    },
    'lxc-ip-with-ll-iface' => sub {
        my ($v) = @_;
        return
               if $v =~ m/^fe80:[^%]+%[a-z][a-z0-9_]{1,20}(?:[:.]\d+)?$/i
            && $v =~ m/^([^%]+)%/
            && $1 =~ m/^$PVE::Tools::IPV6RE$/;
        die "value does not look like a valid IP address\n"
            if $v !~ m/^$PVE::Tools::IPRE$/;
    },
    'pve-ct-timezone' => sub {
        my ($v) = @_;
        return if $v eq 'host' || $v eq 'UTC';
        return if zone_tab_zones()->{$v};
        die "invalid time zone '$v'\n";
    },
};

my $features_desc = {
    mount => { type => 'string', pattern => qr/[a-zA-Z0-9_; ]+/, optional => 1 },
    nesting => { type => 'boolean', optional => 1 },
    keyctl => { type => 'boolean', optional => 1 },
    fuse => { type => 'boolean', optional => 1 },
    mknod => { type => 'boolean', optional => 1 },
    force_rw_sys => { type => 'boolean', optional => 1 },
};

my $netconf_desc = {
    type => { type => 'string', enum => ['veth'], optional => 1 },
    name => { type => 'string', pattern => qr/[-_.\w\d]+/ },
    bridge => { type => 'string', pattern => qr/[-_.\w\d]+/, optional => 1 },
    hwaddr => { type => 'string', format => 'mac-addr', optional => 1 },
    mtu => { type => 'integer', optional => 1 },
    ip => { type => 'string', format => 'pve-ipv4-config', optional => 1 },
    gw => { type => 'string', format => 'ipv4', optional => 1 },
    ip6 => { type => 'string', format => 'pve-ipv6-config', optional => 1 },
    gw6 => { type => 'string', format => 'ipv6', optional => 1 },
    firewall => { type => 'boolean', optional => 1 },
    tag => { type => 'integer', optional => 1 },
    trunks => { type => 'string', pattern => qr/\d+(?:;\d+)*/, optional => 1 },
    rate => { type => 'number', optional => 1 },
    link_down => { type => 'boolean', optional => 1 },
    'host-managed' => { type => 'boolean', optional => 1 },
};

my $confdesc = {
    lock => { type => 'string' },
    onboot => { type => 'boolean' },
    startup => { type => 'string' },
    template => { type => 'boolean' },
    arch => { type => 'string' },
    ostype => { type => 'string' },
    console => { type => 'boolean' },
    tty => { type => 'integer', default => 2 },
    cores => { type => 'integer' },
    cpulimit => { type => 'number' },
    cpuunits => { type => 'integer' },
    memory => { type => 'integer' },
    swap => { type => 'integer' },
    hostname => { type => 'string', format => 'dns-name' },
    description => { type => 'string' },
    searchdomain => { type => 'string', format => 'dns-name-list' },
    nameserver => { type => 'string', format => 'lxc-ip-with-ll-iface-list' },
    timezone => { type => 'string', format => 'pve-ct-timezone' },
    rootfs => { type => 'string' },
    parent => { type => 'string' },
    snaptime => { type => 'integer' },
    cmode => { type => 'string' },
    entrypoint => { type => 'string' },
    protection => { type => 'boolean' },
    unprivileged => { type => 'boolean' },
    features => { type => 'string', format => $features_desc },
    env => { type => 'string' },
    hookscript => { type => 'string' },
    tags => { type => 'string' },
    debug => { type => 'boolean' },
};
$confdesc->{"net$_"} = { type => 'string', format => $netconf_desc } for 0 .. 31;

# issue 14 (PVE 8 = pve-container 5.x, Harness::Release): no host-managed NICs, no
# entrypoint/env keys, no lxc.init.{cwd,uid,gid,groups} or lxc.environment.* lines.
my $netconf_desc_pve8 =
    { map { $_ => $netconf_desc->{$_} } grep { $_ ne 'host-managed' } keys %$netconf_desc };
my $net_format = sub {
    return Harness::Release::flag('hostManagedNics') ? $netconf_desc : $netconf_desc_pve8;
};
my $key_known_on_release = sub {
    my ($key) = @_;
    return 0 if $key eq 'entrypoint' && !Harness::Release::flag('entrypointKey');
    return 0 if $key eq 'env' && !Harness::Release::flag('containerEnvKeys');
    return 1;
};
my $lxc_key_known_on_release = sub {
    my ($key) = @_;
    return 0
        if $key =~ /^lxc\.init\.(?:cwd|uid|gid|groups)$/
        && !Harness::Release::flag('lxcInitIdKeys');
    return 0
        if $key =~ /^lxc\.environment\.(?:runtime|hooks)$/
        && !Harness::Release::flag('containerEnvKeys');
    return 1;
};
$confdesc->{"mp$_"} = { type => 'string' } for 0 .. 255;
$confdesc->{"unused$_"} = { type => 'string' } for 0 .. 255;
$confdesc->{"dev$_"} = { type => 'string' } for 0 .. 255;

my $lxc_keys_ok = qr/^lxc\.(?:
    apparmor\.(?:profile|allow_incomplete|allow_nesting|raw)|selinux\.context|include|arch
    |uts\.name|signal\.(?:halt|reboot|stop)|init\.(?:cmd|cwd|uid|gid|groups)|pty\.max
    |console\.(?:logfile|path)|tty\.max|devtty\.dir|hook\.[a-z\-]+|autodev|kmsg
    |mount\.(?:fstab|entry|auto)|rootfs\.mount|cap\.(?:drop|keep)
    |seccomp\.(?:profile|notify\.proxy|notify\.cookie)|idmap|log\.(?:level|file)
    |start\.(?:auto|delay|order)|group|environment(?:\.runtime|\.hooks)?
    |sysctl\.(?:fs\.mqueue|kernel\.[a-z_]+)|cgroup2?\..+|prlimit\..+|net\..+
)$/x;

my $lxc_keys_refused = {
    'lxc.rootfs.path' => 'lxc.rootfs.path is auto generated from rootfs',
    'lxc.rootfs.options' =>
        'lxc.rootfs.options is not supported, please use mount point options in the "rootfs" key',
};

my $parse_boolean = sub {
    my ($v) = @_;
    return 1 if $v =~ m/^(?:1|on|yes|true)$/i;
    return 0 if $v =~ m/^(?:0|off|no|false)$/i;
    return;
};

my $check_format = sub {
    my ($format, $value) = @_;

    return parse_property_string($format, $value) if ref($format) eq 'HASH';

    my ($name, $list) = $format =~ m/^(.*?)(-list)?$/;
    my $check = $formats->{$name} // die "undefined format '$format'\n";
    if ($list) {
        $check->($_) for PVE::Tools::split_list($value);
    } else {
        $check->($value);
    }
    return $value;
};

# "k=v,k=v" into a hash; booleans normalised to 1/0; errors collected per key and
# raised together as "format error" like PVE's schema exception.
sub parse_property_string {
    my ($desc, $data) = @_;

    my $res = {};
    for my $part (split(/,/, $data)) {
        next if $part =~ m/^\s*$/;
        if ($part =~ m/^([^=]+)=(.+)$/) {
            my ($k, $v) = ($1, $2);
            die "duplicate key in comma-separated list property: $k\n" if defined($res->{$k});
            # an unknown key is kept and reported by the check below (PVE 8 on host-managed)
            my $schema = $desc->{$k} // {};
            $v = $parse_boolean->($v) // $v if ($schema->{type} // '') eq 'boolean';
            $res->{$k} = $v;
        } elsif ($part !~ m/=/) {
            die "value without key, but schema does not define a default key\n";
        } else {
            die "missing key in comma-separated list property\n";
        }
    }

    my $errors = {};
    for my $k (grep { !$desc->{$_} } keys %$res) {
        $errors->{$k} =
            'property is not defined in schema and the schema does not allow additional properties';
    }
    for my $k (sort keys %$desc) {
        my $schema = $desc->{$k};
        my $v = $res->{$k};
        if (!defined($v)) {
            $errors->{$k} = "property is missing and it is not optional"
                if !$schema->{optional};
            next;
        }
        my $type = $schema->{type};
        if ($type eq 'boolean' && $v !~ m/^[01]$/) {
            $errors->{$k} = "type check ('boolean') failed - got '$v'";
        } elsif ($type eq 'integer' && $v !~ m/^[+-]?\d+$/) {
            $errors->{$k} = "type check ('integer') failed - got '$v'";
        } elsif ($type eq 'number' && $v !~ m/^[+-]?(?:\d+\.\d+|\d+\.|\.\d+|\d+)$/) {
            $errors->{$k} = "type check ('number') failed - got '$v'";
        } elsif (my $fmt = $schema->{format}) {
            eval { $check_format->($fmt, $v) };
            $errors->{$k} = "invalid format - $@" if $@;
        } elsif (my $re = $schema->{pattern}) {
            $errors->{$k} = "value does not match the regex pattern" if $v !~ m/^$re$/;
        } elsif (my $enum = $schema->{enum}) {
            $errors->{$k} =
                "value '$v' does not have a value in the enumeration '" . join(', ', @$enum) . "'"
                if !grep { $_ eq $v } @$enum;
        }
    }
    if (%$errors) {
        die join('', "format error\n", map { "$_: $errors->{$_}\n" } sort keys %$errors);
    }
    return $res;
}

sub check_type {
    my ($class, $key, $value) = @_;

    my $schema = $key_known_on_release->($key) && $confdesc->{$key}
        or die "unknown setting '$key'\n";
    $schema = { %$schema, format => $net_format->() } if $key =~ /^net\d+$/; # issue 14
    die "got undefined value\n" if !defined($value);
    die "property contains a line feed\n" if $value =~ m/[\n\r]/;

    my $type = $schema->{type};
    if ($type eq 'boolean') {
        my $b = $parse_boolean->($value);
        die "type check ('boolean') failed - got '$value'\n" if !defined($b);
        return $b;
    } elsif ($type eq 'integer') {
        return int($1) if $value =~ m/^(\d+)$/;
        die "type check ('integer') failed - got '$value'\n";
    } elsif ($type eq 'number') {
        return $value if $value =~ m/^\d+(?:\.\d+)?$/;
        die "type check ('number') failed - got '$value'\n";
    }
    $check_format->($schema->{format}, $value) if $schema->{format};
    return $value;
}

# Parses a pct config. Without $strict every problem only warns, and a value that fails
# its type check is still stored - as on a PVE host.
sub parse_pct_config {
    my ($filename, $raw, $strict) = @_;

    return if !defined($raw);

    my $res = { digest => Digest::SHA::sha1_hex($raw), snapshots => {}, pending => {} };
    my $report = sub {
        my ($msg) = @_;
        die $msg if $strict;
        warn $msg;
    };

    my ($vmid) = $filename =~ m|/lxc/(\d+).conf$| or die "got strange filename '$filename'";

    my $conf = $res;
    my ($descr, $section) = ('', '');
    for my $line (split(/\n/, $raw)) {
        next if $line =~ m/^\s*$/;

        if ($line =~ m/^\[pve:pending\]\s*$/i) {
            $conf->{description} = $descr if $descr;
            ($descr, $section) = ('', 'pending');
            $conf = $res->{pending} = {};
            next;
        } elsif ($line =~ m/^\[([a-z][a-z0-9_\-]+)\]\s*$/i) {
            $conf->{description} = $descr if $descr;
            ($descr, $section) = ('', $1);
            $conf = $res->{snapshots}->{$section} = {};
            next;
        }

        if ($line =~ m/^#(.*)$/) {
            $descr .= PVE::Tools::decode_text($1) . "\n";
        } elsif ($line =~ m/^(lxc\.[a-z0-9_\-.]+)(?::|\s*=)\s*(.*?)\s*$/) {
            my ($key, $value) = ($1, $2);
            if (!$lxc_key_known_on_release->($key)) { # issue 14
                $report->("vm $vmid - unable to parse config: $line\n");
            } elsif ($key eq 'lxc.environment.runtime') {
                $conf->{env} = defined($conf->{env}) ? "$conf->{env}\0$value" : $value;
            } elsif (my $why = $lxc_keys_refused->{$key}) {
                $report->("vm $vmid - $key: $why\n");
            } elsif ($key =~ $lxc_keys_ok) {
                push @{ $conf->{lxc} }, [$key, $value];
            } else {
                $report->("vm $vmid - unable to parse config: $line\n");
            }
        } elsif ($line =~ m/^description:\s*(.*\S)\s*$/) {
            $descr .= PVE::Tools::decode_text($1);
        } elsif ($line =~ m/snapstate:\s*(prepare|delete)\s*$/) {
            $conf->{snapstate} = $1;
        } elsif ($line =~ m/^delete:\s*(.*\S)\s*$/) {
            if ($section eq 'pending') {
                $conf->{delete} = $1;
            } else {
                $report->("vm $vmid - property 'delete' is only allowed in [pve:pending]\n");
            }
        } elsif ($line =~ m/^([a-z][a-z_]*\d*):\s*(.+?)\s*$/) {
            my ($key, $value) = ($1, $2);
            eval { $value = PVE::LXC::Config->check_type($key, $value) };
            $report->("vm $vmid - unable to parse value of '$key' - $@") if $@;
            $conf->{$key} = $value;
        } else {
            $report->("vm $vmid - unable to parse config: $line\n");
        }
    }
    $conf->{description} = $descr if $descr;
    delete $res->{snapstate};

    return $res;
}

# netN property string; a missing hwaddr gets a random one (this consumes one rand()).
sub parse_lxc_network {
    my ($class, $data) = @_;

    return {} if !$data;

    my $res = parse_property_string($net_format->(), $data); # issue 14: per release
    $res->{type} = 'veth';
    if (!$res->{hwaddr}) {
        my $dc = PVE::Cluster::cfs_read_file('datacenter.cfg');
        $res->{hwaddr} = PVE::Tools::random_ether_addr($dc->{mac_prefix});
    }
    return $res;
}

sub print_lxc_network {
    my ($class, $net) = @_;

    my @keys = grep { defined($net->{$_}) } sort keys %$net;
    @keys = ((grep { $_ eq 'name' } @keys), (grep { $_ ne 'name' } @keys));
    return join(',', map { "$_=$net->{$_}" } @keys);
}

sub parse_features {
    my ($class, $data) = @_;
    return {} if !$data;
    return parse_property_string($features_desc, $data);
}

sub get_tty_count {
    my ($class, $conf) = @_;
    return $conf->{tty} // $confdesc->{tty}->{default};
}

1;
