package Harness::JsonEncode;

# SPDX-License-Identifier: AGPL-3.0-or-later

# The JSON encoder for result lines: what JSON::PP->new->utf8->canonical writes for plain
# data (hashes with sorted keys, arrays, strings, numbers, undef), about four times faster
# and without loading JSON::PP into the driver (a smaller process forks faster). A scalar
# is written as a number when it was last used as one and never as a string (what JSON::PP
# looks at too); everything else is a string. Anything else (code, globs, objects) dies.

use strict;
use warnings;

no warnings 'experimental::builtin'; ## no critic (ProhibitNoWarnings) - stable since 5.36
use builtin qw(created_as_number);

# Control characters, '"' and '\' escaped as JSON::PP escapes them; nothing else is.
my %escape = (
    "\n" => '\n',
    "\r" => '\r',
    "\t" => '\t',
    "\f" => '\f',
    "\b" => '\b',
    '"' => '\"',
    '\\' => '\\\\',
);
for my $code (0 .. 0x1f) {
    $escape{ chr($code) } //= sprintf('\u%04x', $code);
}

sub _string {
    my ($s) = @_;
    $s =~ s/([\x00-\x1f"\\])/$escape{$1}/g if $s =~ tr/\x00-\x1f"\\//;
    return qq("$s");
}

my %key_json; # JSON text of object keys seen so far (a few dozen names)

sub _key {
    my ($key) = @_;
    my $json = _string($key);
    $key_json{$key} = $json if keys(%key_json) < 1000;
    return $json;
}

sub _value {
    my ($v) = @_;
    return 'null' if !defined($v);
    my $type = ref($v);
    if ($type eq '') {
        return created_as_number($v) ? "$v" : _string($v);
    }
    if ($type eq 'HASH') {
        # plain scalars inline: tree entries are most of a result, a call per value is dear
        my @pairs;
        for my $key (sort keys %$v) {
            my $x = $v->{$key};
            my $json =
                  ref($x) || !defined($x) ? _value($x)
                : created_as_number($x) ? "$x"
                : _string($x);
            push @pairs, ($key_json{$key} // _key($key)) . ":$json";
        }
        return '{' . join(',', @pairs) . '}';
    }
    return '[' . join(',', map { _value($_) } @$v) . ']' if $type eq 'ARRAY';
    die "cannot encode a $type reference as JSON\n";
}

# One JSON text (UTF-8 bytes) for a data structure.
sub encode {
    my ($data) = @_;
    my $text = _value($data);
    utf8::encode($text);
    return $text;
}

1;
