import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRelease } from '../src/index.ts';
import { releaseVersion } from '../src/release.ts';
import { run, tempDir } from './helpers.ts';

const work = tempDir('package');
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('package', () => {
  it('builds the tarball and the .deb byte-identically twice', async () => {
    const v = releaseVersion();
    const names = [`pve-chainguard-support-${v}.tar.gz`, `pve-chainguard-support_${v}_all.deb`];
    const a = buildRelease(join(work, 'a'));
    expect([a.tarball, a.deb]).toEqual(names.map((n) => join(work, 'a', n)));
    await new Promise((r) => setTimeout(r, 1100)); // a different wall clock second
    buildRelease(join(work, 'b'));
    for (const n of names) expect(sha(join(work, 'b', n)), n).toBe(sha(join(work, 'a', n)));
  });

  it('the tarball has one top folder with the scripts, module, engine and valid SHA256SUMS', () => {
    const v = releaseVersion();
    const list = run('tar', ['-tzvf', join(work, 'a', `pve-chainguard-support-${v}.tar.gz`)])
      .stdout.trim()
      .split('\n');
    const paths = list.map((l) => l.split(/\s+/).at(-1)!);
    expect(new Set(paths.map((p) => p.split('/')[0]))).toEqual(new Set([`pve-chainguard-support-${v}`]));
    for (const f of ['install.sh', 'uninstall.sh', 'Chainguard.pm', 'pve-chainguard-edit', 'registry.json', 'README.md', 'SHA256SUMS']) {
      expect(paths).toContain(`pve-chainguard-support-${v}/${f}`);
    }
    expect(list.every((l) => l.includes(' 0/0 ') && l.includes('2026-01-01 00:00'))).toBe(true);
    const x = join(work, 'x');
    mkdirSync(x);
    expect(run('tar', ['-xzf', join(work, 'a', `pve-chainguard-support-${v}.tar.gz`), '-C', x]).status).toBe(0);
    const sums = run('sh', ['-c', `cd ${x}/pve-chainguard-support-${v} && sha256sum -c --quiet SHA256SUMS`]);
    expect(sums.status, sums.stdout + sums.stderr).toBe(0);
  });
});
