package PVE::Systemd;

# SPDX-License-Identifier: AGPL-3.0-or-later

# Host time zone lookup. Upstream asks timedatectl, which needs a booted systemd; the
# harness answers from $TIMEZONE when set, else from /etc/timezone, else 'UTC'.

use strict;
use warnings;

use PVE::Tools;

our $TIMEZONE;

sub get_timezone {
    return $TIMEZONE if defined($TIMEZONE);
    my $zone = eval { PVE::Tools::file_read_firstline('/etc/timezone') };
    return (defined($zone) && length($zone)) ? $zone : 'UTC';
}

1;
