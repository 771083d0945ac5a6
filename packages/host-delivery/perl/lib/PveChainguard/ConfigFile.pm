package PveChainguard::ConfigFile;

# SPDX-License-Identifier: AGPL-3.0-or-later
# Our edit to PVE/LXC/Config.pm: the ostype in the `ostype` option's `enum => [qw(...)]`,
# one line or wrapped. Appended after the last word unless the list is sorted. In a wrapped
# enum (`enum => [` and the list on different lines) a word that would take its line past
# 100 columns starts a new line instead: with the indentation of the list's last line, or
# that plus 4 when the last line is the one that opens `qw(` (perltidy's -ci=4).

use strict;
use warnings;

my $max_cols = 100;

# Columns of one line (tabs to the next multiple of 8).
sub cols {
    my ($line) = @_;
    1 while $line =~ s/^([^\t\n]*)\t/$1 . ' ' x (8 - length($1) % 8)/e;
    return length($line);
}

# [start, end) of the qw(...) contents of the ostype enum and whether the enum spans several
# lines, or a die naming what is missing.
sub find_enum {
    my ($text, $file) = @_;

    my @found;
    while ($text =~ /^([ \t]*)ostype => \{[ \t]*\n(.*?)^\1\},?[ \t]*$/msg) {
        my ($body, $body_start) = ($2, $-[2]);
        next if $body !~ /^\s*(enum\s*=>\s*\[\s*qw\(([^()]*)\)\s*,?\s*\])/m;
        my ($from, $to, $enum) = ($body_start + $-[2], $body_start + $+[2], $1);
        push @found, [$from, $to, $enum =~ /\n/ ? 1 : 0];
    }
    die "$file: no 'ostype => {' option with an 'enum => [qw(...)]' found\n" if !@found;
    die "$file: " . scalar(@found) . " ostype enums found, expected one\n" if @found > 1;
    return @{ $found[0] };
}

sub enum_edit {
    my ($text, $word, $mode, $file) = @_;

    my ($from, $to, $wrapped) = find_enum($text, $file);
    my $list = substr($text, $from, $to - $from);
    my @words = split(' ', $list);
    die "$file: the ostype enum is empty\n" if !@words;
    my $have = grep { $_ eq $word } @words;
    if ($mode eq 'remove') {
        return ($text, 0) if !$have;
        my $w = quotemeta($word);
        # after a word on its line; alone on a continuation line; first; the only word
        my @forms = (
            qr/(?<=\S) $w(?=\s|\z)/,
            qr/(?<=\S)\n[ \t]*$w(?=[ \t]*(?:\n|\z))/,
            qr/(?<!\S)$w (?=\S)/,
            qr/(?<!\S)$w(?!\S)/,
        );
        my $any = join('|', @forms);
        $list =~ s/$any//;
    } else {
        return ($text, 0) if $have;
        my $sorted = join("\n", @words) eq join("\n", sort @words);
        my ($next) = $sorted ? grep { $_ gt $word } @words : ();
        if (defined($next)) {
            $list =~ s/(?<!\S)\Q$next\E(?!\S)/$word $next/;
        } else {
            $list = append_word($text, $from, $list, $word, $wrapped);
        }
    }
    substr($text, $from, $to - $from) = $list;
    return ($text, 1);
}

# The list with $word after its last word: on the same line, or on a new one when the enum is
# wrapped and the same line would run past $max_cols.
sub append_word {
    my ($text, $from, $list, $word, $wrapped) = @_;

    $list =~ /(\S)(\s*)\z/ or return $list;
    my ($at, $tail) = ($+[1], $2);
    my $line_start = rindex($text, "\n", $from + $at - 1) + 1;
    my $line_end = index($text, "\n", $from + $at);
    $line_end = length($text) if $line_end < 0;
    my $line = substr($text, $line_start, $line_end - $line_start);
    if (!$wrapped || cols($line) + 1 + length($word) <= $max_cols) {
        return substr($list, 0, $at) . " $word$tail";
    }
    my ($indent) = $line =~ /^([ \t]*)/;
    $indent .= '    ' if $line_start <= $from;
    return substr($list, 0, $at) . "\n$indent$word$tail";
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
