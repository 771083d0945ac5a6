package Harness::Clock;

# SPDX-License-Identifier: AGPL-3.0-or-later

# Freezes Perl's time(): load this module before any code that calls time() is compiled
# (CORE::GLOBAL::time only affects code compiled after it is installed).

use strict;
use warnings;

our $frozen;

BEGIN {
    no warnings 'once';
    *CORE::GLOBAL::time = sub () { defined($frozen) ? $frozen : CORE::time() };
}

sub freeze {
    my ($epoch) = @_;
    $frozen = $epoch;
}

1;
