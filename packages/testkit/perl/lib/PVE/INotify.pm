package PVE::INotify;

# SPDX-License-Identifier: AGPL-3.0-or-later

# Only the 'resolvconf' reader of PVE::INotify: the host's DNS settings.

use strict;
use warnings;

use PVE::Tools;

our $RESOLV_CONF = '/etc/resolv.conf';

# { search => first word of the last search/domain line, dns1..dns3 => nameservers }
sub parse_resolv_conf {
    my ($text) = @_;

    my $res = {};
    my $count = 0;
    for my $line (split(/\n/, $text // '')) {
        if ($line =~ m/^(?:search|domain)\s+(\S+)/) {
            $res->{search} = $1;
        } elsif ($line =~ m/^\s*nameserver\s+($PVE::Tools::IPRE)/) {
            $count++;
            $res->{"dns$count"} = $1 if $count <= 3;
        }
    }
    return $res;
}

sub read_file {
    my ($name) = @_;

    die "PVE::INotify::read_file: '$name' is not supported by the harness\n"
        if $name ne 'resolvconf';

    return {} if !-f $RESOLV_CONF;
    return parse_resolv_conf(PVE::Tools::file_get_contents($RESOLV_CONF));
}

1;
