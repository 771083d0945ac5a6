package PVE::LXC::Setup::Plugin;

# Stand-in for Proxmox's PVE::LXC::Setup::Plugin so that `perl -c` can load generated plugins
# without Proxmox installed. Written for this repository; it holds no Proxmox code.

use strict;
use warnings;

sub new {
    my ($class, $conf, $rootdir) = @_;
    return bless { conf => $conf, rootdir => $rootdir }, $class;
}

1;
