package Harness::SshKeyCache;

# SPDX-License-Identifier: AGPL-3.0-or-later

# Opt-in speed-up: the first key of each type is made by the real ssh-keygen and kept in
# a directory that outlives the per-case processes; later cases reuse it, with the comment
# (root@<hostname>) of the fingerprint line and the public key rewritten to theirs. Invisible
# after the oracle's normalisation (key contents and fingerprints are masked; the private
# key keeps the first comment), but containers then share host keys - tests only.

use strict;
use warnings;

use Digest::SHA qw(sha1_hex);

use Harness::Tree;
use PVE::LXC::Setup;
use PVE::Tools;

sub install {
    my ($dir) = @_;

    $PVE::LXC::Setup::ssh_key_generator = sub {
        my ($type, $comment) = @_;

        # one directory per key type, renamed into place complete: drivers of a pool share
        # $dir, and a reader must never pair one driver's private key with another's id
        my $keep = "$dir/ssh-" . sha1_hex($type);
        if (!-d $keep) {
            my @res = PVE::LXC::Setup::generate_ssh_key($type, $comment);
            my %parts = (id => $res[0], key => $res[1], pub => $res[2], comment => $comment);
            my $tmp = "$keep.tmp$$";
            if (mkdir($tmp, 0700)) {
                my $mode = oct('0600');
                PVE::Tools::file_set_contents("$tmp/$_", $parts{$_}, $mode) for sort keys %parts;
                # another driver may have been first: then its key stays
                rename($tmp, $keep) or Harness::Tree::remove($tmp);
            }
            return @res;
        }
        my ($id, $key, $pub, $first) =
            map { PVE::Tools::file_get_contents("$keep/$_") } qw(id key pub comment);
        $id =~ s/ \Q$first\E$/ $comment/;
        $pub =~ s/ \Q$first\E(\n?)$/ $comment$1/;
        return ($id, $key, $pub);
    };
    return;
}

1;
