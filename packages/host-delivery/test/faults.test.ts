import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG, MODULE, PERL5, SETUP, fakeRoot, layoutFile, perlCompiles, read, releaseDir, run, tempDir } from './helpers.ts';

const release = releaseDir();
const work = tempDir('faults');
const LAYOUT = 'spaces-wrapped';
const STEPS = ['preflight', 'stage', 'edit', 'verify', 'backup', 'commit-Chainguard.pm', 'commit-Config.pm', 'commit-Setup.pm'];
const install = (root: string, env: Record<string, string> = {}) => run('bash', [join(release, 'install.sh'), '--root', root], env);

const reference = fakeRoot(work, LAYOUT);
const patched = (() => {
  expect(install(reference).status).toBe(0);
  return { setup: read(reference, SETUP), config: read(reference, CONFIG), module: read(reference, MODULE) };
})();
const original = { setup: layoutFile(LAYOUT, 'Setup.pm'), config: layoutFile(LAYOUT, 'Config.pm') };

function leftovers(root: string): string[] {
  const dirs = ['PVE/LXC', 'PVE/LXC/Setup'].map((d) => join(root, PERL5, d));
  return dirs.flatMap((d) => readdirSync(d).filter((n) => n.includes('.pvecg-')));
}

describe('install fault injection', () => {
  it.each(STEPS)('step %s fails → exit 1, every file as before, no backup, no leftovers', (step) => {
    const root = fakeRoot(work, LAYOUT);
    const r = install(root, { PVECG_FAULT_AT: step });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`injected fault at step '${step}'`);
    expect(read(root, SETUP)).toBe(original.setup);
    expect(read(root, CONFIG)).toBe(original.config);
    expect(existsSync(join(root, MODULE))).toBe(false);
    expect(leftovers(root)).toEqual([]);
    expect(existsSync(join(root, 'var/lib/pve-chainguard/backup')) ? readdirSync(join(root, 'var/lib/pve-chainguard/backup')) : []).toEqual([]);
  });

  it.each([...STEPS, 'reload'])('killed after %s → each file original or fully patched and parsing; a rerun completes', (step) => {
    const root = fakeRoot(work, LAYOUT);
    const r = install(root, { PVECG_KILL_AFTER: step });
    expect(r.status).toBe(null); // SIGKILL
    expect([original.setup, patched.setup]).toContain(read(root, SETUP));
    expect([original.config, patched.config]).toContain(read(root, CONFIG));
    if (existsSync(join(root, MODULE))) expect(read(root, MODULE)).toBe(patched.module);
    for (const f of [SETUP, CONFIG]) expect(perlCompiles(root, f), f).toBe(true);
    const again = install(root);
    expect(again.status).toBe(0);
    expect(read(root, SETUP)).toBe(patched.setup);
    expect(read(root, CONFIG)).toBe(patched.config);
    expect(leftovers(root)).toEqual([]);
  });

  it('uninstall failing at its last commit puts the installed files back', () => {
    const root = fakeRoot(work, LAYOUT);
    expect(install(root).status).toBe(0);
    const r = run('bash', [join(release, 'uninstall.sh'), '--root', root], { PVECG_FAULT_AT: 'commit-Chainguard.pm' });
    expect(r.status).toBe(1);
    expect(read(root, SETUP)).toBe(patched.setup);
    expect(read(root, CONFIG)).toBe(patched.config);
    expect(readFileSync(join(root, MODULE), 'utf8')).toBe(patched.module);
  });
});
