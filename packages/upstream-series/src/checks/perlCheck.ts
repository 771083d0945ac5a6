import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runProgram } from '../git/git.ts';

/**
 * An @INC hook of our own, tried before any library directory: every `PVE/…` module loads as
 * a stub whose import() declares the requested subs in the caller, so `perl -c FILE` checks
 * FILE alone (syntax, strict, its use lines) without pve-common and friends installed. A
 * `PVE/LXC/…` module must still exist in the checkout (a misspelt or missing plugin fails).
 */
const STUB_LOADER = `package PveChainguardStubs;
use strict;
use warnings;

my $src = $ENV{PVE_CHAINGUARD_SRC} // die "PVE_CHAINGUARD_SRC not set\\n";

unshift @INC, sub {
    my (undef, $file) = @_;
    return if $file !~ m!^(PVE/[A-Za-z0-9_/]+)\\.pm$!;
    (my $package = $1) =~ s!/!::!g;
    die "$file is used but not in the checkout ($src)\\n" if $file =~ m!^PVE/LXC[/.]! && !-f "$src/$file";
    my $code = "package $package; sub import { PveChainguardStubs::declare(scalar(caller), \\@_) } 1;\\n";
    open(my $fh, '<', \\$code) or die "cannot stub $file: $!\\n";
    return $fh;
};

sub declare {
    my ($caller, undef, @names) = @_; # the stub's import(): caller, package, names
    for my $name (@names) {
        next if ref($name) || $name !~ m/^&?([A-Za-z_][A-Za-z0-9_]*)$/;
        no strict 'refs';
        *{"\${caller}::$1"} = sub { return; } if !defined(&{"\${caller}::$1"});
    }
}

1;
`;

/** `perl -c` of each file (paths relative to `repo`) with the stub loader. */
export function perlCheck(repo: string, files: string[], scratch: string): string[] {
  mkdirSync(scratch, { recursive: true });
  writeFileSync(join(scratch, 'PveChainguardStubs.pm'), STUB_LOADER);
  const env = { ...process.env, PVE_CHAINGUARD_SRC: join(repo, 'src') };
  const problems: string[] = [];
  for (const file of files) {
    const r = runProgram('perl', [`-I${scratch}`, '-MPveChainguardStubs', '-c', join(repo, file)], { cwd: repo, env });
    if (r.status !== 0) problems.push(`perl -c ${file}: ${(r.stderr || r.stdout).trim()}`);
  }
  return problems;
}
