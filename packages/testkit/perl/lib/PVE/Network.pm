package PVE::Network;

# SPDX-License-Identifier: AGPL-3.0-or-later

# is_ip_in_cidr without Net::IP: the address must lie inside the network that the CIDR's
# address and prefix describe (host bits of the CIDR address are masked off first).

use strict;
use warnings;

use PVE::Tools;

# packed network-order bytes of an address of the given version (4 or 6), or undef
sub ip_to_bytes {
    my ($ip, $version) = @_;
    return if !defined($ip);

    if ((!$version || $version == 4) && $ip =~ m/^$PVE::Tools::IPV4RE$/) {
        return pack('C4', split(/\./, $ip));
    }
    return if $version && $version != 6;
    return if $ip !~ m/^$PVE::Tools::IPV6RE$/;

    my $tail = '';
    if ($ip =~ s/:($PVE::Tools::IPV4RE)$/:/) {
        $tail = pack('C4', split(/\./, $1));
        $ip .= '0:0'; # placeholder groups, replaced by the IPv4 bytes below
    }
    my ($head, $rest) = split(/::/, $ip, 2);
    my @left = length($head // '') ? split(/:/, $head) : ();
    my @right = defined($rest) && length($rest) ? split(/:/, $rest) : ();
    my $missing = 8 - @left - @right;
    return if $missing < 0 || (!defined($rest) && $missing != 0);
    my @groups = (@left, ('0') x $missing, @right);
    my $bytes = pack('n8', map { hex($_) } @groups);
    substr($bytes, 12, 4) = $tail if length($tail);
    return $bytes;
}

sub prefix_mask {
    my ($prefix, $bytes) = @_;
    my $bits = ('1' x $prefix) . ('0' x ($bytes * 8 - $prefix));
    return pack('B*', $bits);
}

sub is_ip_in_cidr {
    my ($ip, $cidr, $version) = @_;

    my ($net, $prefix) = ($cidr // '') =~ m!^(\S+?)/(\S+)$! or return;
    my $net_bytes = ip_to_bytes($net, $version) // return;
    my $len = length($net_bytes);
    return if $prefix !~ m/^\d+$/ || $prefix > $len * 8;

    my $ip_bytes = ip_to_bytes($ip, $len == 4 ? 4 : 6) // return;
    my $mask = prefix_mask($prefix, $len);
    return ($ip_bytes & $mask) eq ($net_bytes & $mask);
}

1;
