# Test stub written for pve-chainguard (no Proxmox code): the plugins' common constructor.
package PVE::LXC::Setup::Base;

use strict;
use warnings;

sub new {
    my ($class, $conf, $rootdir) = @_;
    return bless { conf => $conf, rootdir => $rootdir }, $class;
}

1;
