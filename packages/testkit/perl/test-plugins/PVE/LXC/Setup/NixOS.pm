package PVE::LXC::Setup::NixOS;

# Harness stand-in for PVE's NixOS plugin: the NixOS configuration owns init, time zone
# and templates, so those are no-ops; networking goes through systemd-networkd files.

use strict;
use warnings;

use PVE::LXC::Setup::Base;
use PVE::LXC::Tools;

use base qw(PVE::LXC::Setup::Base);

sub new {
    my ($class, $conf, $rootdir) = @_;

    my $self = { conf => $conf, rootdir => $rootdir, version => 0 };
    $conf->{ostype} = 'nixos';

    return bless $self, $class;
}

sub template_fixup {
    my ($self, $conf) = @_;
}

sub setup_network {
    my ($self, $conf) = @_;

    $self->setup_systemd_networkd($conf);
}

sub set_timezone {
    my ($self, $conf) = @_;
}

sub setup_init {
    my ($self, $conf) = @_;
}

# /bin/sh appears only after the first activation; the shebang of the /sbin/init script
# names the real shell, whose ELF header tells the architecture.
sub detect_architecture {
    my ($self) = @_;

    my $init = '/sbin/init';
    open(my $fh, '<', $init) or die "open '$init' failed: $!\n";
    if (<$fh> =~ m/^#! ?(\S*)/) {
        return PVE::LXC::Tools::detect_elf_architecture($1);
    }
    die "could not find a shell\n";
}

1;
