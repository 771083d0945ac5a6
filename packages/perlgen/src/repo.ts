/** Where things live in the repository (located from this file, not the cwd). */
import { relative, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
export const PLUGINS_DIR = resolve(REPO_ROOT, 'packages/core/src/plugins');
export const GENERATED_DIR = resolve(REPO_ROOT, 'generated');
export const PERL_STUBS_DIR = resolve(REPO_ROOT, 'packages/perlgen/perl-stubs');
/** The Base model the Perl harness's PVE::LXC::Setup::Base is compiled from. */
export const BASE_SOURCE = resolve(REPO_ROOT, 'packages/core/src/base/Base.ts');
/** Where the harness loads its generated Base from (committed, like generated/). */
export const HARNESS_GENERATED_DIR = resolve(REPO_ROOT, 'packages/testkit/perl/generated');

/** The plugin every bare `generate` writes. */
export const PRIMARY_PLUGIN = 'Chainguard';

/** `generated/PVE/LXC/Setup/<Name>.pm` under `outDir`. */
export function modulePath(outDir: string, className: string): string {
  return resolve(outDir, 'PVE/LXC/Setup', `${className}.pm`);
}

/** A path as shown in headers and diagnostics: repo-relative with forward slashes. */
export function displayPath(path: string): string {
  const rel = relative(REPO_ROOT, resolve(path));
  return rel.startsWith('..') ? resolve(path) : rel.split('\\').join('/');
}
