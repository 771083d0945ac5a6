#!/usr/bin/perl
# SPDX-License-Identifier: AGPL-3.0-or-later
# Run by install.sh/uninstall.sh (pve-chainguard-support) with the staged files first in @INC:
# loads PVE::LXC::Setup and PVE::LXC::Config and, with 'detect', checks that autodetection
# picks chainguard for each root filesystem given. PVE::Systemd::get_timezone asks the host's
# time zone service, which has nothing to do with detection: it is replaced by a constant.

use strict;
use warnings;

my ($mode, @roots) = @ARGV;
die "usage: verify-load.pl load|detect ROOTFS...\n" if !$mode || $mode !~ /\A(?:load|detect)\z/;

require PVE::LXC::Config;
require PVE::LXC::Setup;
exit 0 if $mode eq 'load';

if (eval { require PVE::Systemd; 1 }) {
    no warnings qw(redefine once); ## no critic (ProhibitNoWarnings)
    *PVE::Systemd::get_timezone = sub { return 'UTC' };
}
for my $root (@roots) {
    my $conf = { arch => 'amd64' };
    my @warnings;
    local $SIG{__WARN__} = sub { push @warnings, @_ };
    # a log_warn of our own: os-release IDs we made up need no REST environment to warn in
    my $setup = eval {
        PVE::LXC::Setup->new($conf, $root, undef, sub { push @warnings, @_ });
    };
    die "autodetection on $root failed: " . ($@ || "no object\n") if !$setup;
    my $type = $conf->{ostype} // ref($setup->{plugin} // '');
    die "autodetection on $root gave '$type', not 'chainguard'\n" if $type ne 'chainguard';
}
exit 0;
