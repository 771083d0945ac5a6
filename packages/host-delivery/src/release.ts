import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { registryJson } from './registryJson.ts';

export const PACKAGE_DIR = resolve(import.meta.dirname, '..');
export const REPO_ROOT = resolve(PACKAGE_DIR, '../..');
export const PERL_DIR = resolve(PACKAGE_DIR, 'perl');
/** The generated plugin, as committed (`pve-chainguard check` keeps it current). */
export const MODULE_PATH = resolve(REPO_ROOT, 'generated/PVE/LXC/Setup/Chainguard.pm');

export const PACKAGE_NAME = 'pve-chainguard-support';
/** Every timestamp in the artefacts (2026-01-01T00:00:00Z): same inputs, same bytes. */
export const SOURCE_DATE_EPOCH = 1767225600;

/** The release version: host-delivery's package.json, the one place it is set. */
export function releaseVersion(): string {
  const pkg = JSON.parse(readFileSync(resolve(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string };
  if (!/^\d+\.\d+\.\d+$/.test(pkg.version)) throw new Error(`bad version '${pkg.version}' in host-delivery/package.json`);
  return pkg.version;
}

export interface ReleaseFile {
  /** Relative to the release folder. */
  path: string;
  mode: number;
  content: Buffer;
}

function perlFile(rel: string, mode: number): ReleaseFile {
  return { path: rel, mode, content: readFileSync(resolve(PERL_DIR, rel)) };
}

/** What an administrator's release folder holds (and the .deb ships under /usr/share), sorted. */
export function releaseFiles(): ReleaseFile[] {
  const libs = readdirSync(resolve(PERL_DIR, 'lib/PveChainguard'))
    .filter((f) => f.endsWith('.pm'))
    .sort();
  const files: ReleaseFile[] = [
    perlFile('install.sh', 0o755),
    perlFile('uninstall.sh', 0o755),
    perlFile('pve-chainguard-edit', 0o755),
    perlFile('verify-load.pl', 0o644),
    perlFile('lib/common.sh', 0o644),
    ...libs.map((f) => perlFile(`lib/PveChainguard/${f}`, 0o644)),
    { path: 'Chainguard.pm', mode: 0o644, content: readFileSync(MODULE_PATH) },
    { path: 'registry.json', mode: 0o644, content: Buffer.from(registryJson()) },
    { path: 'README.md', mode: 0o644, content: readFileSync(resolve(PERL_DIR, 'README.admin.md')) },
    { path: 'VERSION', mode: 0o644, content: Buffer.from(`${releaseVersion()}\n`) },
  ];
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const sums = files.map((f) => `${createHash('sha256').update(f.content).digest('hex')}  ${f.path}\n`).join('');
  return [...files, { path: 'SHA256SUMS', mode: 0o644, content: Buffer.from(sums) }];
}
