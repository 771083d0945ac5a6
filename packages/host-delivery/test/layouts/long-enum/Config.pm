# Synthetic stand-in for PVE/LXC/Config.pm, written for pve-chainguard's tests.
# The ostype list is wrapped and its qw( line is 91 columns: one more word would pass 100.
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
        enum => [
            qw(debian alpine unmanaged aardvark-os bittern-os curlew-os dunlin-os egret-os)
        ],
        description => 'The setup plugin that runs for this container.',
    },
};

sub options { return $options; }

1;
