package PveChainguard::Registry;

# SPDX-License-Identifier: AGPL-3.0-or-later
# Reads REGISTRY.json, the serialised chainguardRegistry() of the TypeScript model, and checks
# that every value is safe to write into Perl source.

use strict;
use warnings;

use JSON::PP ();

my $ident = qr/\A[a-z][a-z0-9-]*\z/;
my $module = qr/\A[A-Za-z_]\w*(?:::\w+)*\z/;
my $path = qr{\A(?:/[A-Za-z0-9._-]+)+\z};

sub load {
    my ($file) = @_;

    open(my $fh, '<:raw', $file) or die "cannot read registry '$file': $!\n";
    my $text = do { local $/; <$fh> };
    close($fh);
    my $reg = eval { JSON::PP->new->decode($text) };
    die "registry '$file' is not valid JSON: $@" if !$reg;
    die "registry '$file': expected schema 1\n" if ($reg->{schema} // 0) != 1;
    validate($file, $reg);
    return $reg;
}

sub validate {
    my ($file, $reg) = @_;

    my $plugins = $reg->{plugins};
    die "registry '$file': 'plugins' must be a non-empty object\n"
        if ref($plugins) ne 'HASH' || !%$plugins;
    for my $ostype (sort keys %$plugins) {
        die "registry '$file': bad ostype '$ostype'\n" if $ostype !~ $ident;
        die "registry '$file': bad module for '$ostype'\n"
            if ($plugins->{$ostype} // '') !~ $module;
    }
    my $aliases = $reg->{aliases} // {};
    die "registry '$file': 'aliases' must be an object\n" if ref($aliases) ne 'HASH';
    for my $alias (sort keys %$aliases) {
        die "registry '$file': bad alias '$alias'\n" if $alias !~ $ident;
        die "registry '$file': alias '$alias' points to an unknown ostype\n"
            if !$plugins->{ $aliases->{$alias} // '' };
    }
    my $markers = $reg->{markers} // [];
    die "registry '$file': 'markers' must be an array\n" if ref($markers) ne 'ARRAY';
    for my $m (@$markers) {
        die "registry '$file': marker for an unknown ostype\n" if !$plugins->{ $m->{ostype} // '' };
        for my $f (@{ $m->{anyFile} // [] }) {
            die "registry '$file': bad marker file '$f'\n" if $f !~ $path;
        }
        next if !$m->{anyName};
        my ($dir, $re) = @{ $m->{anyName} }{qw(dir pattern)};
        die "registry '$file': bad marker dir '$dir'\n" if ($dir // '') !~ $path;
        # a pattern goes verbatim into m/.../: no delimiter, no interpolation, anchored at the end
        die "registry '$file': marker pattern not usable in Perl\n"
            if ($re // '') !~ m{\A\^[^/\@\$\\]*(?:\\.[^/\@\$\\]*)*\$\z};
    }
    $reg->{aliases} = $aliases;
    $reg->{markers} = $markers;
    return;
}

1;
