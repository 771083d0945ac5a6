# Test stub written for pve-chainguard (no Proxmox code).
package PVE::LXC::Tools;

use strict;
use warnings;

1;
