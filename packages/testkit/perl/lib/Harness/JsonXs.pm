package Harness::JsonXs;

# SPDX-License-Identifier: AGPL-3.0-or-later

# Loads Cpanel::JSON::XS (Debian libcpanel-json-xs-perl) for Harness::JsonDecode and
# Harness::JsonEncode, once: their pure-Perl codecs cost about 2.5 ms of a case, the XS
# ones a tenth of that. Without it (or with PVECG_HARNESS_PURE_JSON=1, which tests use to
# hold both to the same answers) they stay pure Perl.

use strict;
use warnings;

my $why_not; # undef when Cpanel::JSON::XS is loaded
if ($ENV{PVECG_HARNESS_PURE_JSON}) {
    $why_not = 'PVECG_HARNESS_PURE_JSON is set';
} elsif (!eval { require Cpanel::JSON::XS; 1 }) {
    $why_not = $@;
    chomp($why_not);
}

# A new Cpanel::JSON::XS object (UTF-8 bytes, any value at the top), or undef when the
# codecs are pure Perl.
sub codec {
    return !defined($why_not) ? Cpanel::JSON::XS->new->utf8->allow_nonref : undef;
}

# Which codecs are in use, and why not XS ('Cpanel::JSON::XS' or 'pure Perl: <reason>').
sub implementation {
    return !defined($why_not) ? 'Cpanel::JSON::XS' : "pure Perl: $why_not";
}

1;
