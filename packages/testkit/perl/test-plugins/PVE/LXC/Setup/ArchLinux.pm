package PVE::LXC::Setup::ArchLinux;

# Harness stand-in for PVE's ArchLinux plugin (written from its documented behaviour):
# Base plus securetty/LXC_NAME fixups, container getty with a networkd-enabling preset,
# and systemd-networkd files. Generated plugins replace it via a case's plugin_dir.

use strict;
use warnings;

use PVE::LXC::Setup::Base;

use base qw(PVE::LXC::Setup::Base);

sub new {
    my ($class, $conf, $rootdir) = @_;

    # /etc/arch-release carries no version, so there is nothing to check
    my $self = { conf => $conf, rootdir => $rootdir, version => 0 };
    $conf->{ostype} = 'archlinux';

    return bless $self, $class;
}

sub template_fixup {
    my ($self, $conf) = @_;

    $self->setup_securetty($conf); # allow root on the console
    $self->remove_lxc_name_from_etc_hosts();
}

sub setup_init {
    my ($self, $conf) = @_;

    # the distribution enables no network service; we configure networkd, so enable it
    $self->setup_systemd_preset({ 'systemd-networkd.service' => 1 });
    $self->setup_container_getty_service($conf);
}

sub setup_network {
    my ($self, $conf) = @_;

    $self->setup_systemd_networkd($conf);
}

1;
