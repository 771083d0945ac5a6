package PVE::Cluster;

# SPDX-License-Identifier: AGPL-3.0-or-later

# No cluster file system here: datacenter.cfg reads as empty, everything else is refused.

use strict;
use warnings;

sub cfs_read_file {
    my ($name) = @_;
    return {} if $name eq 'datacenter.cfg';
    die "illegal access to pmxcfs in the harness ($name)\n";
}

sub cfs_write_file {
    die "illegal access to pmxcfs in the harness\n";
}

sub cfs_lock_file {
    die "illegal access to pmxcfs in the harness\n";
}

1;
