package PVE::RESTEnvironment;

# SPDX-License-Identifier: AGPL-3.0-or-later

# log_warn is the only part the setup code uses. A harness can redirect it with $SINK.

use strict;
use warnings;

our $SINK;

sub log_warn {
    my ($message) = @_;

    return $SINK->($message) if $SINK;

    chomp $message;
    print STDERR "WARN: $message\n";
}

1;
