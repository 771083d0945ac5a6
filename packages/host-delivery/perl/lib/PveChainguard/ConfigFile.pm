package PveChainguard::ConfigFile;

# SPDX-License-Identifier: AGPL-3.0-or-later
# Our edit to PVE/LXC/Config.pm: the ostype in the `ostype` option's `enum => [qw(...)]`,
# one line or wrapped. Appended after the last word unless the list is sorted.

use strict;
use warnings;

# [start, end) of the qw(...) contents of the ostype enum, or a die naming what is missing.
sub find_enum {
    my ($text, $file) = @_;

    my @found;
    while ($text =~ /^([ \t]*)ostype => \{[ \t]*\n(.*?)^\1\},?[ \t]*$/msg) {
        my ($body, $body_start) = ($2, $-[2]);
        next if $body !~ /^\s*enum\s*=>\s*\[\s*qw\(([^()]*)\)\s*,?\s*\]/m;
        push @found, [$body_start + $-[1], $body_start + $+[1]];
    }
    die "$file: no 'ostype => {' option with an 'enum => [qw(...)]' found\n" if !@found;
    die "$file: " . scalar(@found) . " ostype enums found, expected one\n" if @found > 1;
    return @{ $found[0] };
}

sub enum_edit {
    my ($text, $word, $mode, $file) = @_;

    my ($from, $to) = find_enum($text, $file);
    my $list = substr($text, $from, $to - $from);
    my @words = split(' ', $list);
    die "$file: the ostype enum is empty\n" if !@words;
    my $have = grep { $_ eq $word } @words;
    if ($mode eq 'remove') {
        return ($text, 0) if !$have;
        $list =~ s/(?:(?<=\S) \Q$word\E(?=\s|\z)|(?<!\S)\Q$word\E (?=\S)|(?<!\S)\Q$word\E(?!\S))//;
    } else {
        return ($text, 0) if $have;
        my $sorted = join("\n", @words) eq join("\n", sort @words);
        my ($next) = $sorted ? grep { $_ gt $word } @words : ();
        if (defined($next)) {
            $list =~ s/(?<!\S)\Q$next\E(?!\S)/$word $next/;
        } else {
            $list =~ s/(\S)(\s*)\z/$1 $word$2/;
        }
    }
    substr($text, $from, $to - $from) = $list;
    return ($text, 1);
}

sub edit {
    my ($text, $reg, $mode, $file) = @_;

    my $changed = 0;
    for my $ostype (sort keys %{ $reg->{plugins} }) {
        ($text, my $n) = enum_edit($text, $ostype, $mode, $file);
        $changed += $n;
    }
    return ($text, $changed);
}

1;
