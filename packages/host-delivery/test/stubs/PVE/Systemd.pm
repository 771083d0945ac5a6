# Test stub written for pve-chainguard (no Proxmox code): like a host without a time zone
# service, get_timezone dies; the installer's verification must replace it.
package PVE::Systemd;

use strict;
use warnings;

sub get_timezone { die "no time zone service in a test root\n" }

1;
