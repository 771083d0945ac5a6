# Synthetic stand-in for PVE/LXC/Config.pm, written for pve-chainguard's tests.
package PVE::LXC::Config;

use strict;
use warnings;

my $options = {
    hostname => {
        optional => 1,
        type => 'string',
    },
    ostype => {
        optional => 1,
        type => 'string',
        enum => [qw(debian alpine unmanaged)],
        description => 'The setup plugin that runs for this container.',
    },
};

sub options { return $options; }

1;
