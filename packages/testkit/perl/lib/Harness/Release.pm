package Harness::Release;

# SPDX-License-Identifier: AGPL-3.0-or-later

# The release profiles of packages/core/src/release/profiles.ts (the evidence for each flag
# is there): which pve-container behaviours differ between Proxmox VE 8 and 9. The
# dispatcher stores the chosen profile on the plugin as $self->{release}; Base, the config
# reader and the dispatcher branch on its flags. A testkit test holds this table to core's.

use strict;
use warnings;

my %profiles = (
    8 => {
        pve => 8,
        pveContainer => '5.3.5',
        presetDirMakesParents => 0,
        networkdDirMakesParents => 0,
        networkdDhcp6AcceptsRa => 0,
        hostManagedNics => 0,
        entrypointKey => 0,
        containerEnvKeys => 0,
        lxcInitIdKeys => 0,
        cgroupV1KeyWarning => 0,
        systemdNestingWarning => 0,
        unmanagedDetectsArchitecture => 0,
        archFallbackOnFalse => 0,
        dsaHostKeys => 0,
    },
    9 => {
        pve => 9,
        pveContainer => '6.1.10',
        presetDirMakesParents => 1,
        networkdDirMakesParents => 1,
        networkdDhcp6AcceptsRa => 1,
        hostManagedNics => 1,
        entrypointKey => 1,
        containerEnvKeys => 1,
        lxcInitIdKeys => 1,
        cgroupV1KeyWarning => 1,
        systemdNestingWarning => 1,
        unmanagedDetectsArchitecture => 1,
        archFallbackOnFalse => 1,
        dsaHostKeys => 0,
    },
);

my $current = $profiles{9};

# a copy, so a plugin cannot change the table for later cases
sub profile {
    my ($pve) = @_;
    my $p = $profiles{ $pve // 9 }
        or die "harness: unknown Proxmox VE release '$pve' (known: 8, 9)\n";
    return {%$p};
}

sub select_release {
    my ($pve) = @_;
    $current = profile($pve);
    return $current;
}

# the profile of the case in progress (PVE 9 unless a case chose another)
sub current { return $current; }

sub flag { my ($name) = @_; return $current->{$name}; }

1;
