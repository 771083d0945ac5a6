/**
 * The Perl tools the gates run. Each lookup fails with an install hint when the tool is
 * missing (CI installs them: apt-get install perltidy libperl-critic-perl).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { PERL_STUBS_DIR, REPO_ROOT } from '../../src/repo.ts';

const INSTALL = {
  perl: 'install perl',
  perltidy: 'apt-get install perltidy',
  perlcritic: 'apt-get install libperl-critic-perl',
} as const;

export function requireTool(name: keyof typeof INSTALL): string {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  if (r.status !== 0 || !r.stdout.trim()) {
    throw new Error(`${name} is not installed (${INSTALL[name]}); the Perl gates need it`);
  }
  return r.stdout.trim();
}

export const PERLTIDY_PROFILE = resolve(REPO_ROOT, '.perltidyrc');

/** perltidy with the repository's Proxmox options; returns the tidied text. */
export function perltidy(text: string): string {
  const bin = requireTool('perltidy');
  return execFileSync(bin, [`--profile=${PERLTIDY_PROFILE}`, '-st', '-se'], { input: text, encoding: 'utf8' });
}

export interface ToolRun {
  ok: boolean;
  output: string;
}

function run(bin: string, args: string[], input?: string): ToolRun {
  const r = spawnSync(bin, args, { encoding: 'utf8', input });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/** `perl -c` with our stub library standing in for the Proxmox modules. */
export function perlSyntaxCheck(file: string): ToolRun {
  return run(requireTool('perl'), [`-I${PERL_STUBS_DIR}`, '-c', file]);
}

/** perlcritic (no profile: the stock set) over several files in one run (it is slow to start): output per file. */
export function perlcriticAll(files: string[], severity: 4 | 5): Map<string, string> {
  const r = run(requireTool('perlcritic'), ['--noprofile', '--severity', String(severity), '--verbose', '%f: %m at line %l (%p)\n', ...files]);
  const byFile = new Map(files.map((f) => [f, '']));
  for (const line of r.output.split('\n').filter(Boolean)) {
    const file = files.find((f) => line.startsWith(`${f}:`) || line.startsWith(`${f} `));
    if (file) byFile.set(file, `${byFile.get(file)}${line}\n`);
  }
  return byFile;
}
