# Synthetic stand-in for PVE/LXC/Setup.pm, written for pve-chainguard's tests: only the
# shapes the edit engine works on (plugin use lines, two hashes, a detection chain).
package PVE::LXC::Setup;

use strict;
use warnings;

use PVE::Systemd;

use PVE::LXC::Setup::Alpine;
use PVE::LXC::Setup::Chainguard;
use PVE::LXC::Setup::Debian;
use PVE::LXC::Setup::Unmanaged;

my $plugins = {
    alpine => 'PVE::LXC::Setup::Alpine',
    chainguard => 'PVE::LXC::Setup::Chainguard',
    debian => 'PVE::LXC::Setup::Debian',
    unmanaged => 'PVE::LXC::Setup::Unmanaged',
};

# other os-release IDs served by one of the plugins
my $plugin_alias = {
    'alpine-edge' => 'alpine',
    raspbian => 'debian',
    wolfi => 'chainguard',
    zeta => 'debian',
};

my $read_os_release = sub {
    my ($rootdir) = @_;
    my $info = {};
    open(my $fh, '<', "$rootdir/etc/os-release") or return $info;
    while (defined(my $line = <$fh>)) {
        $info->{$1} = $2 if $line =~ /^(\w+)="?([^"\n]*)"?$/;
    }
    close($fh);
    return $info;
};

my $detect = sub {
    my ($rootdir, $info) = @_;

    my $id = $info->{ID} // '';
    return $id if $id ne '' && $plugins->{$id};
    return $plugin_alias->{$id} if $id ne '' && $plugin_alias->{$id};

    if (-e "$rootdir/etc/debian_version") {
        return "debian";
    } elsif (-e "$rootdir/etc/alpine-release") {
        return "alpine";
        # BEGIN pve-chainguard fallback markers (from chainguardRegistry(), v1)
    } elsif (-f "$rootdir/etc/secfixes.d/wolfi" || -f "$rootdir/etc/secfixes.d/chainguard") {
        return "chainguard";
    } elsif (
        grep {
            m/^(?:wolfi-signing|chainguard-[A-Za-z0-9-]+)\.rsa\.pub\z/
                && -f "$rootdir/etc/apk/keys/$_"
        } (do { my $dh; opendir($dh, "$rootdir/etc/apk/keys") ? readdir($dh) : () })
    ) {
        return "chainguard";
        # END pve-chainguard fallback markers
    } elsif (-f "$rootdir/etc/os-release") {
        die "unable to detect OS distribution\n";
    } else {
        return 'unmanaged'; # nothing to go by
    }
};

sub new {
    my ($class, $conf, $rootdir) = @_;

    my $info = $read_os_release->($rootdir);
    my $type = $detect->($rootdir, $info);
    my $impl = $plugins->{$type} or die "no plugin for '$type'\n";
    my $self = bless { conf => $conf, rootdir => $rootdir }, $class;
    $self->{plugin} = $impl->new($conf, $rootdir, $info);
    $self->{plugin}->{host_timezone} = PVE::Systemd::get_timezone();
    return $self;
}

1;
