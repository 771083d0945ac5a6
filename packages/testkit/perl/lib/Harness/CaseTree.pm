package Harness::CaseTree;

# SPDX-License-Identifier: AGPL-3.0-or-later

# The data side of a case, in the driver process: the input trees go onto disk before the
# runner plays the case, and the trees it left are read back afterwards (README sections
# 4 and 6). This process never forks, so none of this work pays for copy-on-write faults.

use strict;
use warnings;

use POSIX ();

use Harness::Normalize;
use Harness::Tree;

# compact_tree: a file whose content and encoding are exactly those of input entry N gets
# "content_of": N instead (the client puts them back). Most of a tree is unchanged, and
# its content is half a result line: less to encode, send and parse. Strings with UTF-16
# surrogate code points keep their content (JSON would not carry them back unchanged).
my $refer_to_input = sub {
    my ($tree, $input) = @_;
    my %index; # path => last file entry with it
    for my $i (0 .. $#$input) {
        my $entry = $input->[$i];
        next if ($entry->{type} // '') ne 'file' || !defined($entry->{content});
        (my $rel = $entry->{path}) =~ s!^/+!!;
        $index{"/$rel"} = $i;
    }
    for my $entry (@$tree) {
        next if $entry->{type} ne 'file';
        my $i = $index{ $entry->{path} } // next;
        my $before = $input->[$i];
        next if $before->{content} ne $entry->{content};
        next if ($before->{encoding} // '') ne ($entry->{encoding} // '');
        next if $entry->{content} =~ m/[\x{D800}-\x{DFFF}]/;
        delete @$entry{qw(content encoding)};
        $entry->{content_of} = $i;
    }
};

# $work: the case's scratch directory (exists, empty). Makes $work/rootfs (root-owned,
# 0755) from the case's rootfs entries and the outside entries below $work.
sub prepare {
    my ($case, $work) = @_;

    umask(022);
    my $rootfs = "$work/rootfs";
    mkdir($rootfs) or die "harness: mkdir $rootfs: $!\n";
    chmod(0755, $rootfs);
    POSIX::lchown(0, 0, $rootfs);
    for my $entry (@{ $case->{rootfs} // [] }) {
        $entry->{_bytes} = Harness::Tree::entry_bytes($entry) if $entry->{type} eq 'file';
    }
    Harness::Tree::materialise($rootfs, $case->{rootfs} // []);
    Harness::Tree::materialise($work, $case->{outside} // []);
    return;
}

# Adds tree and outside to the runner's $result and removes what they listed (the rest
# goes with the case directory).
sub collect {
    my ($case, $result, $work) = @_;

    my @listing;
    my $tree = Harness::Tree::snapshot(
        "$work/rootfs",
        rename => \&Harness::Normalize::mask_pid_path,
        listing => \@listing,
    );
    Harness::Normalize::ssh_host_keys($tree, $case->{rootfs} // []);
    $refer_to_input->($tree, $case->{rootfs} // []) if $case->{compact_tree};
    delete $_->{bytes} for @$tree;
    my $outside = Harness::Tree::snapshot(
        $work,
        skip => 'rootfs',
        rename => \&Harness::Normalize::mask_pid_path,
        listing => \@listing,
    );
    delete $_->{bytes} for @$outside;
    Harness::Tree::remove_listed(\@listing);

    $result->{tree} = $tree;
    $result->{outside} = $outside;
    return $result;
}

1;
