/** The `package` command's front-end: the paths it prints, its help and its usage errors. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { releaseVersion } from '@pve-chainguard/host-delivery';
import { afterAll, describe, expect, it } from 'vitest';
import { packageCommand } from '../../src/commands/package.ts';
import { main } from '../../src/main.ts';

const work = mkdtempSync(join(tmpdir(), 'pvecg-package-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function pkg(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(['package', ...args], [packageCommand], { out: (t) => void (out += t), err: (t) => void (err += t), cwd: work });
  return { code, out, err };
}

describe('pve-chainguard package', () => {
  it('prints the two artefacts relative to the caller', async () => {
    const v = releaseVersion();
    const r = await pkg(['--out', 'a']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(`a/pve-chainguard-support-${v}.tar.gz\na/pve-chainguard-support_${v}_all.deb\n`);
  });

  it('usage: --help exits 0, an unknown option 2 with nothing on stdout', async () => {
    expect((await pkg(['--help'])).out).toMatch(/Exit status:\n  0  built\n  1  the build failed/);
    const bad = await pkg(['--frob']);
    expect(bad.code).toBe(2);
    expect(bad.out).toBe('');
    expect(bad.err).toMatch(/^package: Unknown option '--frob'/);
  });
});
