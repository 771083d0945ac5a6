package PVE::LXC;

# SPDX-License-Identifier: AGPL-3.0-or-later

# The three PVE::LXC functions the setup plugins call.

use strict;
use warnings;

use PVE::Tools;
use PVE::LXC::Config;

# net0's static addresses without prefix length; undef for dhcp/manual/auto or no net0
sub get_primary_ips {
    my ($conf) = @_;

    return if !defined($conf->{net0});
    my $net = PVE::LXC::Config->parse_lxc_network($conf->{net0});

    my ($ipv4, $ipv6) = ($net->{ip}, $net->{ip6});
    if ($ipv4) {
        if ($ipv4 =~ m/^(?:dhcp|manual)$/) {
            $ipv4 = undef;
        } else {
            $ipv4 =~ s!/\d+$!!;
        }
    }
    if ($ipv6) {
        if ($ipv6 =~ m/^(?:auto|dhcp|manual)$/) {
            $ipv6 = undef;
        } else {
            $ipv6 =~ s!/\d+$!!;
        }
    }
    return ($ipv4, $ipv6);
}

# Raw lxc.idmap lines win; otherwise unprivileged CTs get the 100000 default mapping.
# Returns (\@map, $root_uid, $root_gid).
sub parse_id_maps {
    my ($conf) = @_;

    my @map;
    my ($root_uid, $root_gid) = (0, 0);
    for my $entry (@{ $conf->{lxc} // [] }) {
        my ($key, $value) = @$entry;
        next if $key ne 'lxc.idmap';

        my ($kind, $ct, $host, $count) = $value =~ m/^([ug])\s+(\d+)\s+(\d+)\s+(\d+)\s*$/
            or die "failed to parse idmap: $value\n";
        push @map, [$kind, $ct, $host, $count];
        next if $ct != 0;
        $root_uid = $host if $kind eq 'u';
        $root_gid = $host if $kind eq 'g';
    }

    if (!@map && $conf->{unprivileged}) {
        @map = (['u', '0', '100000', '65536'], ['g', '0', '100000', '65536']);
        ($root_uid, $root_gid) = (100000, 100000);
    }
    return (\@map, $root_uid, $root_gid);
}

sub parse_ipv4_cidr {
    my ($cidr, $noerr) = @_;

    if ($cidr =~ m!^($PVE::Tools::IPV4RE)/(\d+)$! && $2 > 7 && $2 <= 32) {
        my $mask = join('.', unpack('C4', pack('B32', ('1' x $2) . ('0' x (32 - $2)))));
        return { address => $1, netmask => $mask };
    }
    return if $noerr;
    die "unable to parse ipv4 address/mask\n";
}

1;
