import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';
import { releaseFiles } from '../src/index.ts';
import { writeTree } from '../src/stage.ts';

export const LAYOUTS = resolve(import.meta.dirname, 'layouts');
const STUBS = resolve(import.meta.dirname, 'stubs');
export const PERL5 = 'usr/share/perl5';
export const SETUP = `${PERL5}/PVE/LXC/Setup.pm`;
export const CONFIG = `${PERL5}/PVE/LXC/Config.pm`;
export const MODULE = `${PERL5}/PVE/LXC/Setup/Chainguard.pm`;

/** A temp dir removed after the test file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `pvecg-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The release folder (what the tarball holds), written once per test file. */
export function releaseDir(): string {
  const dir = tempDir('release');
  writeTree(dir, releaseFiles());
  return dir;
}

export function statusStanza(pkg: string, version: string): string {
  return `Package: ${pkg}\nStatus: install ok installed\nArchitecture: all\nVersion: ${version}\n\n`;
}

/** A fake host root: our stub modules, a layout's Setup.pm/Config.pm, dpkg status. */
export function fakeRoot(parent: string, layout: string, version = '6.1.10'): string {
  const root = mkdtempSync(join(parent, `${layout}-`));
  cpSync(STUBS, join(root, PERL5), { recursive: true });
  cpSync(join(LAYOUTS, layout, 'Setup.pm'), join(root, SETUP));
  cpSync(join(LAYOUTS, layout, 'Config.pm'), join(root, CONFIG));
  mkdirSync(join(root, 'var/lib/dpkg'), { recursive: true });
  writeFileSync(join(root, 'var/lib/dpkg/status'), statusStanza('perl', '5.36.0-7') + statusStanza('pve-container', version));
  return root;
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function read(root: string, rel: string): string {
  return readFileSync(join(root, rel), 'utf8');
}

export function layoutFile(layout: string, name: 'Setup.pm' | 'Config.pm'): string {
  return readFileSync(join(LAYOUTS, layout, name), 'utf8');
}

/** `perl -c` of a file with the root's perl5 (our stubs) in @INC. */
export function perlCompiles(root: string, rel: string): boolean {
  return run('perl', ['-I', join(root, PERL5), '-c', join(root, rel)]).status === 0;
}

const PERLTIDYRC = resolve(import.meta.dirname, '../../../.perltidyrc');

/** What perltidy with the repository's (upstream-fitted) options makes of a file under root. */
export function tidy(root: string, rel: string): string {
  const r = run('perltidy', [`--profile=${PERLTIDYRC}`, '--standard-output', '--standard-error-output', join(root, rel)]);
  if (r.status !== 0) throw new Error(`perltidy ${rel}: exit ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** Lines wider than 100 columns (tabs count 8). */
export const overlong = (text: string) => text.split('\n').filter((l) => l.replace(/\t/g, '        ').length > 100);

export function engine(release: string, args: string[]): Run {
  return run('perl', [join(release, 'pve-chainguard-edit'), ...args]);
}
