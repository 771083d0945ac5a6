package PVE::LXC::Setup::Base;

# Stand-in for Proxmox's PVE::LXC::Setup::Base so that `perl -c` can load generated plugins
# without Proxmox installed. Written for this repository; it holds no Proxmox code.

use strict;
use warnings;

use base qw(PVE::LXC::Setup::Plugin);

1;
