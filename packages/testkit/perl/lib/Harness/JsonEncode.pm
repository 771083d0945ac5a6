package Harness::JsonEncode;

# SPDX-License-Identifier: AGPL-3.0-or-later

# The JSON encoder for result lines: what JSON::PP->new->utf8->canonical writes for plain
# data (hashes with sorted keys, arrays, strings, numbers, undef, true/false). A scalar is
# written as a number when it was created as one (builtin::created_as_number), else as a
# string; code, globs and other objects die. Cpanel::JSON::XS (see Harness::JsonXs) writes
# the same bytes in a tenth of the time for what results hold; without it the pure-Perl
# encoder below does it (four times faster than JSON::PP, which is not loaded: a smaller
# process forks faster). XS decides by a scalar's flags instead: a numeric string once used
# as a number would be a number there, an integral float 3.0 instead of 3. Results hold
# neither: their strings are made fresh (sprintf, decoded copies, messages) and their
# numbers are integers made by 0 + or ++. What XS refuses (a surrogate or a code point past
# U+10FFFF, written here as Perl's UTF-8; code, globs, objects) goes to the pure encoder,
# for its bytes or its error.

use strict;
use warnings;

no warnings 'experimental::builtin'; ## no critic (ProhibitNoWarnings) - stable since 5.36
use builtin qw(created_as_number);

use Harness::JsonXs;

my $xs = Harness::JsonXs::codec();
$xs = $xs->canonical if $xs;

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
    # true and false as decoded, and \1 and \0: what JSON::PP and XS write for them
    return $$v ? 'true' : 'false' if $type eq 'JSON::PP::Boolean';
    if ($type eq 'SCALAR' && defined($$v) && ($$v eq '1' || $$v eq '0')) {
        return $$v ? 'true' : 'false';
    }
    die "cannot encode a $type reference as JSON\n";
}

# One JSON text (UTF-8 bytes) for a data structure.
sub encode {
    my ($data) = @_;
    if ($xs) {
        my $json = eval { $xs->encode($data) };
        return $json if defined($json);
    }
    my $text = _value($data);
    utf8::encode($text);
    return $text;
}

1;
