package Harness::Frame;

# SPDX-License-Identifier: AGPL-3.0-or-later

# Perl data between the driver and its runner process: Storable images behind a 4-byte
# length, over pipes. Storable keeps what the JSON encoder later looks at (strings stay
# strings, numbers numbers, the UTF-8 flag) and costs far less than a JSON round trip.

use strict;
use warnings;

use Storable ();

sub write_bytes {
    my ($fh, $bytes) = @_;
    my $frame = pack('N', length($bytes)) . $bytes;
    my $off = 0;
    while ($off < length($frame)) {
        my $n = syswrite($fh, $frame, length($frame) - $off, $off);
        die "harness: write to pipe: $!\n" if !defined($n);
        $off += $n;
    }
    return;
}

sub write_data {
    my ($fh, $data) = @_;
    write_bytes($fh, Storable::freeze($data));
    return;
}

my $read_exactly = sub {
    my ($fh, $len) = @_;
    my $buf = '';
    while (length($buf) < $len) {
        my $n = sysread($fh, $buf, $len - length($buf), length($buf));
        die "harness: read from pipe: $!\n" if !defined($n);
        return if $n == 0; # the other side is gone
    }
    return $buf;
};

# The bytes of the next frame, or undef at end of file.
sub read_bytes {
    my ($fh) = @_;
    my $head = $read_exactly->($fh, 4) // return;
    return $read_exactly->($fh, unpack('N', $head));
}

# The data of the next frame, or undef at end of file.
sub read_data {
    my ($fh) = @_;
    my $bytes = read_bytes($fh) // return;
    return Storable::thaw($bytes);
}

1;
