package Harness::JsonDecode;

# SPDX-License-Identifier: AGPL-3.0-or-later

# A JSON decoder for case lines, several times faster than JSON::PP's (pure Perl, one
# character at a time; about 6 ms for a 20 KB case on a small VM). Same results as
# JSON::PP->new->utf8->decode for what cases contain: objects, arrays, strings (character
# strings), numbers, true/false/null. Anything else dies with a message.

use strict;
use warnings;

my %escape = (
    '"' => '"',
    '\\' => '\\',
    '/' => '/',
    b => "\b",
    f => "\f",
    n => "\n",
    r => "\r",
    t => "\t",
);

sub decode {
    my ($bytes) = @_;
    my $text = $bytes;
    utf8::decode($text) or die "malformed UTF-8 in JSON\n";
    pos($text) = 0;
    my $value = _value(\$text);
    $text =~ m/\G[ \t\r\n]*/gc;
    die "garbage after JSON value at offset " . pos($text) . "\n" if pos($text) != length($text);
    return $value;
}

sub _fail {
    my ($ref, $what) = @_;
    die "malformed JSON ($what) at offset " . (pos($$ref) // 0) . "\n";
}

sub _string {
    my ($ref) = @_;
    return $1 if $$ref =~ m/\G"([^"\\\x00-\x1f]*+)"/gc;
    $$ref =~ m/\G"((?:[^"\\\x00-\x1f]++|\\(?:["\\\/bfnrt]|u[0-9a-fA-F]{4}))*+)"/gc
        or _fail($ref, 'string');
    my $s = $1;
    my $hex4 = qr/[0-9a-fA-F]{4}/;
    $s =~ s{\\(?:u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})|u($hex4)|(.))}{
        defined($1) ? chr(0x10000 + ((hex($1) - 0xD800) << 10) + (hex($2) - 0xDC00))
        : defined($3) ? chr(hex($3))
        : $escape{$4}
    }ges;
    return $s;
}

sub _value {
    my ($ref) = @_;
    $$ref =~ m/\G[ \t\r\n]*/gc;
    # fast path: an object of plain strings and integers only (most tree entries once their
    # content comes by content_id), matched whole and split without a call per value
    if (
        $$ref =~ m/\G\{((?:"[^"\\\x00-\x1f]*":(?:"[^"\\\x00-\x1f]*"|-?(?:0|[1-9][0-9]*)),)*
            "[^"\\\x00-\x1f]*":(?:"[^"\\\x00-\x1f]*"|-?(?:0|[1-9][0-9]*)))\}/gcx
    ) {
        my $body = $1;
        my %obj;
        while ($body =~ m/"([^"]*)":(?:"([^"]*)"|(-?[0-9]+))/g) {
            $obj{$1} = defined($2) ? $2 : 0 + $3;
        }
        return \%obj;
    }
    if ($$ref =~ m/\G\{/gc) {
        my %obj;
        $$ref =~ m/\G[ \t\r\n]*/gc;
        return \%obj if $$ref =~ m/\G\}/gc;
        while (1) {
            $$ref =~ m/\G[ \t\r\n]*/gc;
            my $key = _string($ref);
            $$ref =~ m/\G[ \t\r\n]*:/gc or _fail($ref, 'colon');
            $obj{$key} = _value($ref);
            $$ref =~ m/\G[ \t\r\n]*/gc;
            next if $$ref =~ m/\G,/gc;
            last if $$ref =~ m/\G\}/gc;
            _fail($ref, 'object');
        }
        return \%obj;
    }
    if ($$ref =~ m/\G\[/gc) {
        my @arr;
        $$ref =~ m/\G[ \t\r\n]*/gc;
        return \@arr if $$ref =~ m/\G\]/gc;
        while (1) {
            push @arr, _value($ref);
            $$ref =~ m/\G[ \t\r\n]*/gc;
            next if $$ref =~ m/\G,/gc;
            last if $$ref =~ m/\G\]/gc;
            _fail($ref, 'array');
        }
        return \@arr;
    }
    return _string($ref) if substr($$ref, pos($$ref), 1) eq '"';
    if ($$ref =~ m/\G(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)/gc) {
        return 0 + $1;
    }
    if ($$ref =~ m/\G(true|false)/gc) {
        # cases hold no booleans; JSON::PP (a large module) is loaded only if one comes
        require JSON::PP;
        return $1 eq 'true' ? JSON::PP::true() : JSON::PP::false();
    }
    if ($$ref =~ m/\Gnull/gc) {
        my $null; # one undef also in list context (array elements)
        return $null;
    }
    return _fail($ref, 'value');
}

1;
