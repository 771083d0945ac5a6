# Test stub written for pve-chainguard (no Proxmox code).
package PVE::Tools;

use strict;
use warnings;

1;
