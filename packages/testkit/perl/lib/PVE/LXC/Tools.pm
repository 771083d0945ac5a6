package PVE::LXC::Tools;

# SPDX-License-Identifier: AGPL-3.0-or-later

use strict;
use warnings;

use PVE::Tools;

my $elf_machines = {
    0x03 => 'i386',
    0x3e => 'amd64',
    0x28 => 'armhf',
    0xb7 => 'arm64',
    0xf3 => 'riscv',
};

# Reads the first 20 bytes of $path (in a forked child with a 10 s timeout unless it is a
# regular file). Like upstream, the
# machine number is taken big-endian from bytes 17..18, which for little-endian ELF files
# with a small e_type yields the low byte of e_machine.
sub detect_elf_architecture {
    my ($path) = @_;

    my $probe = sub {
        open(my $fh, '<', $path) or die "open '$path' failed: $!\n";
        binmode($fh);
        read($fh, my $head, 20) or die "read failed: $!\n";

        my ($magic, $class, undef, $machine) = unpack('A4CA12n', $head);
        die "'$path' does not resolve to an ELF!\n"
            if !defined($class) || !defined($magic) || $magic ne "\177ELF";

        my $arch = $elf_machines->{$machine};
        die "'$path' has unknown ELF machine '$machine'!\n" if !defined($arch);
        return $arch if $arch ne 'riscv';

        return 'riscv32' if $class eq 1;
        return 'riscv64' if $class eq 2;
        die "'$path' has invalid class '$class'!\n";
    };

    # The fork and its timeout guard against a read that blocks (a FIFO, a device); reading
    # a regular file cannot block, so that probe runs here (same answer and error, a fork
    # less: Chainguard probes up to four paths per case). Anything else keeps the fork.
    my $arch = eval { -f $path ? $probe->() : PVE::Tools::run_fork_with_timeout(10, $probe) };
    my $err = $@ // "timeout\n";
    die $err if !defined($arch);
    return $arch;
}

1;
