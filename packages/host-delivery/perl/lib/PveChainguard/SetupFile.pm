package PveChainguard::SetupFile;

# SPDX-License-Identifier: AGPL-3.0-or-later
# Our edits to PVE/LXC/Setup.pm: the plugin's `use` line, its `$plugins` entry, the
# `$plugin_alias` entries (registration) and the marker fallback inserted as one more branch
# of the autodetection chain, right before the branch that dies (markers).

use strict;
use warnings;

use PveChainguard::Hash qw(find_hash hash_insert hash_remove sorted_position);

my $begin_re = qr/^\s*# BEGIN pve-chainguard fallback markers\b/;
my $end_re = qr/^\s*# END pve-chainguard fallback markers\b/;
my $die_re = qr/^\s*die "unable to detect OS distribution\\n";\s*$/;

sub use_lines {
    my ($lines, $reg, $mode, $file) = @_;

    my $changed = 0;
    for my $module (sort values %{ $reg->{plugins} }) {
        my $ours = "use $module;\n";
        my @have = grep { $lines->[$_] =~ /^use \Q$module\E;\s*$/ } 0 .. $#$lines;
        if ($mode eq 'remove') {
            splice(@$lines, $_, 1) for reverse @have;
            $changed += @have;
            next;
        }
        next if @have;
        my ($ns) = $module =~ /\A(.*)::\w+\z/ or die "$file: bad module name '$module'\n";
        my @idx = grep { $lines->[$_] =~ /^use \Q$ns\E::\w+;\s*$/ } 0 .. $#$lines;
        die "$file: no 'use ${ns}::...;' lines to add '$module' to\n" if !@idx;
        die "$file: the 'use ${ns}::...;' lines are not one block\n"
            if $idx[-1] - $idx[0] != $#idx;
        my @names = map { $lines->[$_] =~ /::(\w+);/ ? $1 : '' } @idx;
        my ($short) = $module =~ /::(\w+)\z/;
        my $pos = sorted_position(\@names, $short);
        splice(@$lines, $pos < @idx ? $idx[$pos] : $idx[-1] + 1, 0, $ours);
        $changed++;
    }
    return $changed;
}

sub hash_edit {
    my ($lines, $name, $pairs, $mode, $file) = @_;

    my $changed = 0;
    for my $key (sort keys %$pairs) {
        my $h = find_hash($lines, $name, $file);
        my $fn = $mode eq 'remove' ? \&hash_remove : \&hash_insert;
        $changed += $fn->($lines, $h, $key, $pairs->{$key}, $file, $name);
    }
    return $changed;
}

# The fallback branches, in the style of the chain they join ($l1: `} elsif`, $l2: bodies).
# With space indentation the block is a fixed point of perltidy with upstream's options (the
# comments at body depth, the multi-line grep inside `} elsif (`...`) {`); a tab-indented chain
# (older releases, formatted before perltidy) keeps its own style.
sub marker_block {
    my ($reg, $l1, $l2) = @_;

    my $tidy = "$l1$l2" !~ /\t/;
    my $lc = $tidy ? $l2 : $l1;
    my @out = ("$lc# BEGIN pve-chainguard fallback markers (from chainguardRegistry(), v1)\n");
    for my $m (@{ $reg->{markers} }) {
        my $ret = "${l2}return \"$m->{ostype}\";\n";
        if (my @files = @{ $m->{anyFile} // [] }) {
            my @tests = map { qq{-f "\$rootdir$_"} } @files;
            my $one = "$l1} elsif (" . join(' || ', @tests) . ") {\n";
            if (length($one) <= 100 && $one !~ /\t/) {
                push @out, $one;
            } elsif ($tidy) {
                push @out, "$l1} elsif ($tests[0]\n", map({ "$l2|| $_\n" } @tests[1 .. $#tests]);
                $out[-1] =~ s/\n\z/) {\n/;
            } else {
                push @out, "$l1} elsif (\n", "$l2" . join("\n$l2|| ", @tests) . "\n", "$l1) {\n";
            }
            push @out, $ret;
        }
        if (my $any = $m->{anyName}) {
            push @out, name_branch($any, $l1, $l2, $tidy), $ret;
        }
    }
    push @out, "$lc# END pve-chainguard fallback markers\n";
    return @out;
}

# `} elsif (grep { m/RE/ && -f "DIR/$_" } (readdir of DIR)) {` over several lines.
sub name_branch {
    my ($any, $l1, $l2, $tidy) = @_;

    (my $re = $any->{pattern}) =~ s/\$\z/\\z/;
    my $dir = "\$rootdir$any->{dir}";
    my $list = "(do { my \$dh; opendir(\$dh, \"$dir\") ? readdir(\$dh) : () })";
    my @cond = ("m/$re/\n", "    && -f \"$dir/\$_\"\n");
    return ("$l1} elsif (grep {\n", (map { "$l2$_" } @cond), "$l1} $list) {\n") if !$tidy;
    my @body = ("${l2}grep {\n", (map { "$l2    $_" } @cond), "$l2} $list\n");
    return ("$l1} elsif (\n", @body, "$l1) {\n");
}

sub markers {
    my ($lines, $reg, $mode, $file) = @_;

    my @begin = grep { $lines->[$_] =~ $begin_re } 0 .. $#$lines;
    my @end = grep { $lines->[$_] =~ $end_re } 0 .. $#$lines;
    die "$file: unbalanced pve-chainguard marker comments\n"
        if @begin > 1 || @begin != @end || (@begin && $end[0] < $begin[0]);
    my @old = @begin ? @$lines[$begin[0] .. $end[0]] : ();
    my @rest = @$lines;
    splice(@rest, $begin[0], $end[0] - $begin[0] + 1) if @begin;
    if ($mode eq 'remove') {
        @$lines = @rest;
        return @begin ? 1 : 0;
    }
    my @die = grep { $rest[$_] =~ $die_re } 0 .. $#rest;
    die "$file: expected one 'die \"unable to detect OS distribution\\n\";' line, found "
        . scalar(@die) . "\n"
        if @die != 1;
    my $at = $die[0] - 1;
    my ($l1) = $at >= 0 ? $rest[$at] =~ /^(\s*)\} elsif \(.*\) \{\s*$/ : ();
    die "$file: autodetection's final die is not inside an '} elsif (...) {' branch\n"
        if !defined($l1);
    my ($l2) = $rest[$die[0]] =~ /^(\s*)/;
    my @new = marker_block($reg, $l1, $l2);
    splice(@rest, $at, 0, @new);
    my $same = join('', @old) eq join('', @new) && @begin && $begin[0] == $at;
    @$lines = @rest;
    return $same ? 0 : 1;
}

# Returns the edited text and the number of changes; dies (naming the file) when the layout is
# not recognised, before anything is returned.
sub edit {
    my ($text, $reg, $mode, $only, $file) = @_;

    my @lines = split(/^/m, $text);
    my $changed = 0;
    if ($only ne 'markers') {
        $changed += use_lines(\@lines, $reg, $mode, $file);
        $changed += hash_edit(\@lines, 'plugins', $reg->{plugins}, $mode, $file);
        $changed += hash_edit(\@lines, 'plugin_alias', $reg->{aliases}, $mode, $file);
    }
    $changed += markers(\@lines, $reg, $mode, $file) if $only ne 'registration';
    return (join('', @lines), $changed);
}

1;
