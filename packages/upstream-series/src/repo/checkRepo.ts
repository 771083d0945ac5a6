import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, gitMaybe, SeriesError } from '../git/git.ts';
import { PATHS } from './layout.ts';

/** What a pve-container checkout must hold for the series to make sense. */
const SHAPE: Array<[path: string, mustContain: RegExp, why: string]> = [
  [PATHS.setup, /^package PVE::LXC::Setup;/m, 'the setup dispatcher'],
  [PATHS.setup, /^my \$plugins = \{/m, 'the $plugins hash in Setup.pm'],
  [PATHS.config, /^package PVE::LXC::Config;/m, 'the container config schema'],
  [PATHS.config, /ostype => \{/, 'the ostype property in Config.pm'],
  [PATHS.makefile, /^SOURCES\s*=/m, 'the SOURCES list of Setup/Makefile'],
  [PATHS.runTests, /my @testfiles = qw\(/, 'the @testfiles list of run_setup_tests.pl'],
];

/** The top of the work tree `dir` belongs to; refuses anything but a git work tree's top. */
export function repoTop(dir: string): string {
  if (!existsSync(dir)) throw new SeriesError(`--pve-container ${dir}: no such directory`);
  const top = gitMaybe(dir, ['rev-parse', '--show-toplevel'])?.trim();
  if (!top) throw new SeriesError(`--pve-container ${dir}: not a git work tree`);
  return top;
}

/** Refuses a checkout that is not pve-container (naming the missing piece) or is dirty. */
export function checkRepo(top: string): void {
  for (const [path, re, why] of SHAPE) {
    const file = join(top, path);
    if (!existsSync(file)) {
      throw new SeriesError(`${top} does not look like pve-container: ${path} (${why}) is missing`);
    }
    if (!re.test(readFileSync(file, 'utf8'))) {
      throw new SeriesError(`${top} does not look like pve-container: ${path} lacks ${why}`);
    }
  }
  const status = git(top, ['status', '--porcelain', '--untracked-files=normal']);
  if (status.trim() !== '') {
    const first = status
      .split('\n')
      .filter(Boolean)
      .slice(0, 5)
      .map((l) => l.trim())
      .join('; ');
    throw new SeriesError(`${top} has uncommitted changes or untracked files (${first}); commit or stash them first`);
  }
}

/** The commit REF names in `top`, refusing a REF that already carries the plugin. */
export function resolveBase(top: string, ref: string): string {
  const sha = gitMaybe(top, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])?.trim();
  if (!sha) throw new SeriesError(`--base ${ref}: not a commit in ${top}`);
  if (gitMaybe(top, ['cat-file', '-e', `${sha}:${PATHS.module}`]) !== undefined) {
    throw new SeriesError(`--base ${ref}: ${PATHS.module} already exists there; the series adds it`);
  }
  return sha;
}
