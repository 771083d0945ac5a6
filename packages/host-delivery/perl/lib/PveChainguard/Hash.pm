package PveChainguard::Hash;

# SPDX-License-Identifier: AGPL-3.0-or-later
# A `my $name = { key => 'value', ... };` hash in a Perl source file, parsed line by line as a
# structure: entries are added and removed in the file's own style (indentation, `=>` columns
# aligned or not, alphabetical position where the file keeps its keys sorted).

use strict;
use warnings;

use Exporter 'import';
our @EXPORT_OK = qw(find_hash hash_insert hash_remove sorted_position);

my $quoted = qr/'[^'\\]*'|"[^"\\\$\@]*"/;
my $bare = qr/[A-Za-z_]\w*/;

sub unquote {
    my ($text) = @_;
    return $text =~ /\A['"](.*)['"]\z/s ? $1 : $text;
}

# Index at which $key goes: before the first larger key of the sorted run the list starts
# with; after the last entry when that run holds no larger key.
sub sorted_position {
    my ($keys, $key) = @_;

    for my $i (0 .. $#$keys) {
        return $i if lc($keys->[$i]) gt lc($key);
        last if $i < $#$keys && lc($keys->[$i + 1]) lt lc($keys->[$i]);
    }
    return scalar(@$keys);
}

sub find_hash {
    my ($lines, $name, $file) = @_;

    my @starts = grep { $lines->[$_] =~ /^my \$\Q$name\E = \{\s*$/ } 0 .. $#$lines;
    die "$file: hash \$$name not found (expected one line 'my \$$name = {')\n" if @starts != 1;
    my $h = { start => $starts[0], entries => [] };
    for (my $i = $h->{start} + 1; $i <= $#$lines; $i++) {
        my $line = $lines->[$i];
        if ($line =~ /^\};\s*$/) {
            $h->{end} = $i;
            last;
        }
        next if $line =~ /^\s*(?:#.*)?$/;
        my ($indent, $key, $pad, $value) = $line =~ /^(\s+)($quoted|$bare)( +)=> ($quoted),\s*$/
            or die "$file: line " . ($i + 1) . " of hash \$$name not recognised: $line\n";
        push @{ $h->{entries} },
            {
            idx => $i,
            indent => $indent,
            keytext => $key,
            key => unquote($key),
            pad => $pad,
            value => unquote($value),
            };
    }
    die "$file: hash \$$name has no closing '};'\n" if !defined($h->{end});
    die "$file: hash \$$name is empty\n" if !@{ $h->{entries} };
    my @e = @{ $h->{entries} };
    my %cols = map { (length($_->{indent} . $_->{keytext} . $_->{pad}) => 1) } @e;
    $h->{aligned} = @e > 1 && keys(%cols) == 1 && grep({ length($_->{pad}) > 1 } @e) ? 1 : 0;
    $h->{col} = length($e[0]{indent} . $e[0]{keytext} . $e[0]{pad});
    return $h;
}

sub entry_line {
    my ($indent, $keytext, $pad, $value) = @_;
    return "$indent$keytext$pad=> '$value',\n";
}

# Adds `key => 'value'`; 0 when already there, dies when the key maps to something else.
sub hash_insert {
    my ($lines, $h, $key, $value, $file, $name) = @_;

    my ($have) = grep { $_->{key} eq $key } @{ $h->{entries} };
    if ($have) {
        return 0 if $have->{value} eq $value;
        die "$file: \$$name already maps '$key' to '$have->{value}', not '$value'\n";
    }
    my @e = @{ $h->{entries} };
    my $keytext = $key =~ /\A$bare\z/ ? $key : "'$key'";
    my $indent = $e[0]{indent};
    my $pad = ' ';
    if ($h->{aligned}) {
        my $max = 0;
        for (@e) { $max = length($_->{keytext}) if length($_->{keytext}) > $max }
        my $width = $h->{col} - length($indent) - 1;
        if (length($keytext) <= $width) {
            $pad = ' ' x ($width - length($keytext) + 1);
        } elsif ($width == $max) {
            retext($lines, \@e, length($keytext));
        }
    }
    my $pos = sorted_position([map { $_->{key} } @e], $key);
    my $at = $pos < @e ? $e[$pos]{idx} : $e[-1]{idx} + 1;
    splice(@$lines, $at, 0, entry_line($indent, $keytext, $pad, $value));
    return 1;
}

# Rewrites the `=>` padding of aligned entries for a key column of $width, keeping each
# line's own quoting of its value.
sub retext {
    my ($lines, $entries, $width) = @_;
    for my $e (@$entries) {
        my $pad = ' ' x ($width - length($e->{keytext}) + 1);
        $lines->[$e->{idx}] =~ s/^(\s+\Q$e->{keytext}\E) +=>/$1$pad=>/;
    }
    return;
}

# Removes `key => 'value'`; 0 when absent. In an aligned hash where our key set the column,
# the others go back to their own column.
sub hash_remove {
    my ($lines, $h, $key, $value, $file, $name) = @_;

    my ($have) = grep { $_->{key} eq $key } @{ $h->{entries} };
    return 0 if !$have;
    die "$file: \$$name maps '$key' to '$have->{value}', not '$value'; left alone\n"
        if $have->{value} ne $value;
    my @rest = grep { $_ != $have } @{ $h->{entries} };
    if ($h->{aligned} && @rest > 1) {
        my $max = 0;
        for (@rest) { $max = length($_->{keytext}) if length($_->{keytext}) > $max }
        my $ours = length($have->{keytext});
        retext($lines, \@rest, $max)
            if $ours > $max && $h->{col} == length($have->{indent}) + $ours + 1;
    }
    splice(@$lines, $have->{idx}, 1);
    return 1;
}

1;
