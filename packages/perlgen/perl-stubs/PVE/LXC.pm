package PVE::LXC;

# Stand-in for Proxmox's PVE::LXC so that `perl -c` can load generated plugins
# without Proxmox installed. Written for this repository; it holds no Proxmox code.

use strict;
use warnings;

1;
