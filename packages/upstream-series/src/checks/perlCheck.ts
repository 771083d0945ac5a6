import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runProgram } from '../git/git.ts';

/**
 * An @INC hook of our own, tried after every real library directory: any module that is not
 * found (pve-common, pve-cluster, … on a machine without Proxmox) loads as an empty package,
 * so `perl -c` checks the syntax of the changed modules and their `use` lines from the checkout.
 */
const STUB_LOADER = `package PveChainguardStubMissing;
use strict;
use warnings;

push @INC, sub {
    my (undef, $file) = @_;
    return if $file !~ m/^([A-Z][A-Za-z0-9_\\/]*)\\.pm$/;
    (my $package = $1) =~ s!/!::!g;
    # one sub, so that \`use base\` does not call the package empty
    my $code = "package $package; sub pve_chainguard_stub { return 1; } 1;\\n";
    open(my $fh, '<', \\$code) or die "cannot stub $file: $!\\n";
    return $fh;
};

1;
`;

/** `perl -c` of each file (paths relative to `repo`) with `repo/src` and the stub loader. */
export function perlCheck(repo: string, files: string[], scratch: string): string[] {
  mkdirSync(scratch, { recursive: true });
  writeFileSync(join(scratch, 'PveChainguardStubMissing.pm'), STUB_LOADER);
  const problems: string[] = [];
  for (const file of files) {
    const r = runProgram('perl', [`-I${join(repo, 'src')}`, `-I${scratch}`, '-MPveChainguardStubMissing', '-c', join(repo, file)], { cwd: repo });
    if (r.status !== 0) problems.push(`perl -c ${file}: ${(r.stderr || r.stdout).trim()}`);
  }
  return problems;
}
