# Test stub written for pve-chainguard (no Proxmox code).
package PVE::LXC::Setup::Unmanaged;

use strict;
use warnings;

use base qw(PVE::LXC::Setup::Base);

1;
