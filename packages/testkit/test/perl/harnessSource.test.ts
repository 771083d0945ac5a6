/**
 * The hand-written Perl harness is held to the project's Perl standards: every file is a
 * fixed point of perltidy with the repository's .perltidyrc, names the licence in an SPDX
 * line, and keeps to 100 columns without tabs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const HARNESS = resolve(REPO, 'packages/testkit/perl');
const PROFILE = resolve(REPO, '.perltidyrc');

function perlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return perlFiles(path);
      return /\.(pm|pl)$/.test(name) ? [path] : [];
    });
}

const files = perlFiles(HARNESS);
const perltidy = spawnSync('sh', ['-c', 'command -v perltidy'], { encoding: 'utf8' }).stdout.trim();

describe('Perl harness sources', () => {
  it('finds the harness files', () => {
    expect(files.length).toBeGreaterThan(15);
  });

  it.each(files.map((f) => [relative(REPO, f), f]))('%s is perltidy-clean', (_name, file) => {
    if (!perltidy) throw new Error('perltidy is not installed (apt-get install perltidy)');
    const text = readFileSync(file, 'utf8');
    const tidy = execFileSync(perltidy, [`--profile=${PROFILE}`, '-st', '-se'], { input: text, encoding: 'utf8' });
    expect(tidy).toBe(text);
  });

  it.each(files.map((f) => [relative(REPO, f), f]))('%s names the licence and keeps the layout', (_name, file) => {
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.slice(0, 4)).toContain('# SPDX-License-Identifier: AGPL-3.0-or-later');
    const bad = lines.flatMap((l, i) => (l.includes('\t') || l.length > 100 ? [i + 1] : []));
    expect(bad, 'lines with tabs or over 100 columns').toEqual([]);
  });
});
