package PVE::LXC::Setup::Plugin;

# SPDX-License-Identifier: AGPL-3.0-or-later
#
# pve-chainguard harness: the interface the dispatcher calls on a setup plugin, written for
# this project from docs/proxmox-setup-reference.md §1.6. Every method here only complains;
# a managed distribution inherits working ones from PVE::LXC::Setup::Base, an unmanaged one
# overrides them with harmless no-ops.

use strict;
use warnings;

use Carp ();

my $complaint = 'implement me in sub-class';

# The methods of the interface. The three hooks complain without a line end, so Perl appends
# the caller's location to their message; the others end theirs with "\n".
my @WITH_LINE_END = qw(
    new template_fixup setup_network set_hostname set_dns set_timezone setup_init
    set_user_password unified_cgroupv2_support get_ct_init_path check_systemd_nesting
    ssh_host_key_types_to_generate detect_architecture
);
my @WITHOUT_LINE_END = qw(pre_start_hook post_clone_hook post_create_hook);

my $install = sub {
    my ($name, $message) = @_;
    no strict 'refs';
    *{ __PACKAGE__ . "::$name" } = sub { Carp::croak($message) };
    return;
};

$install->($_, "$complaint\n") for @WITH_LINE_END;
$install->($_, $complaint) for @WITHOUT_LINE_END;

1;
