package Harness::JsonDecode;

# SPDX-License-Identifier: AGPL-3.0-or-later

# Decodes a case line (JSON, UTF-8 bytes): objects, arrays, character strings, numbers,
# true/false as JSON::PP::Boolean objects, null as undef; anything else dies with a message
# naming what is wrong. Cpanel::JSON::XS (see Harness::JsonXs) does it in a tenth of the
# time; the pure-Perl decoder below is the fallback without it and the reference with it:
# the XS answer is taken only where it is the pure one's, and a line XS refuses goes to
# the pure decoder, for its answer (lone surrogates, repeated keys) or its error wording.
# The pure decoder is several times faster than JSON::PP's (one character at a time,
# about 6 ms for a 20 KB case on a small VM), with the same results for what cases hold.

use strict;
use warnings;

no warnings 'experimental::builtin'; ## no critic (ProhibitNoWarnings) - stable since 5.36
use builtin qw(created_as_number);

use Harness::JsonXs;

my $xs = Harness::JsonXs::codec();

# Lines XS would read otherwise, left to the pure decoder: a byte order mark (refused
# there, skipped by XS), \u0080-\u00ff (a string without the UTF-8 flag there) and runs of
# 19 or more digits (a float there; past 64 bits a string from XS). Three matches: one
# pattern with the three alternatives takes ten times as long.
sub _pure_only {
    my ($bytes) = @_;
    return 1 if rindex($bytes, "\xef\xbb\xbf", 0) == 0;
    return 1 if $bytes =~ m/\\u00[89a-fA-F]/;
    return $bytes =~ m/[0-9]{19}/;
}

# The pure decoder cuts every string and key from one decoded text, so all of them carry
# the UTF-8 flag when the line has a non-ASCII byte; XS flags only the non-ASCII ones. The
# flag shows where such a string meets bytes (utf8::is_utf8 in Harness::Capture and Case),
# so the XS answer gets it too. Keys come back in another hash order: nothing iterates a
# case's hashes unsorted.
sub _flag_all {
    my ($v) = @_;
    if (ref($v) eq 'ARRAY') {
        for my $x (@$v) {
            if (ref($x)) {
                $x = _flag_all($x);
            } elsif (defined($x) && !created_as_number($x)) {
                utf8::upgrade($x);
            }
        }
        return $v;
    }
    return $v if ref($v) ne 'HASH'; # true, false
    my %flagged;
    while (my ($key, $x) = each %$v) {
        if (ref($x)) {
            $x = _flag_all($x);
        } elsif (defined($x) && !created_as_number($x)) {
            utf8::upgrade($x);
        }
        utf8::upgrade($key);
        $flagged{$key} = $x;
    }
    return \%flagged;
}

sub decode {
    my ($bytes) = @_;
    return _decode_pure($bytes) if !$xs || _pure_only($bytes);
    my $data;
    eval { $data = $xs->decode($bytes); 1 } or return _decode_pure($bytes);
    return $data if $bytes !~ m/[\x80-\xff]/;
    return _flag_all($data) if ref($data);
    utf8::upgrade($data) if defined($data) && !created_as_number($data);
    return $data;
}

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

sub _decode_pure {
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
