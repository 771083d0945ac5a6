# Test stub written for pve-chainguard (no Proxmox code).
package PVE::Network;

use strict;
use warnings;

1;
