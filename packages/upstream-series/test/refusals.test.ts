import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitEnv, gitIn, syntheticRepo } from './fixture/syntheticRepo.ts';
import { runSeries } from './fixture/runSeries.ts';

const fx = syntheticRepo();
afterAll(() => rmSync(fx.root, { recursive: true, force: true }));

describe('upstream refuses, naming why, and writes nothing', () => {
  it('a dirty tree', () => {
    writeFileSync(join(fx.repo, 'src/PVE/LXC/Setup.pm'), '# changed\n', { flag: 'a' });
    const r = runSeries({ pveContainer: fx.repo, out: join(fx.root, 'out') }, fx.root, fx.env);
    gitIn(fx.repo, fx.env, 'checkout', '--', '.');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/has uncommitted changes or untracked files \(M src\/PVE\/LXC\/Setup\.pm\)/);
  });

  it('an untracked file', () => {
    writeFileSync(join(fx.repo, 'stray.txt'), 'x\n');
    const r = runSeries({ pveContainer: fx.repo }, fx.root, fx.env);
    rmSync(join(fx.repo, 'stray.txt'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('?? stray.txt');
  });

  it('a repository that is not pve-container', () => {
    const other = join(fx.root, 'other');
    mkdirSync(other);
    gitIn(other, fx.env, 'init', '--quiet');
    const r = runSeries({ pveContainer: other }, fx.root, fx.env);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/does not look like pve-container: src\/PVE\/LXC\/Setup\.pm \(the setup dispatcher\) is missing/);
  });

  it('no Signed-off-by identity (no --signoff, no user.name/user.email)', () => {
    const r = runSeries({ pveContainer: fx.repo }, fx.root, gitEnv(fx.root, false));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no git identity .*set user\.name and user\.email/);
  });

  it('a malformed --signoff and an unknown base', () => {
    expect(runSeries({ pveContainer: fx.repo, signoff: 'nobody' }, fx.root, fx.env).err).toMatch(/--signoff 'nobody' is not of the form/);
    expect(runSeries({ pveContainer: fx.repo, base: 'nope' }, fx.root, fx.env).err).toMatch(/--base nope: not a commit/);
  });

  it('left the checkout as it was', () => {
    expect(gitIn(fx.repo, fx.env, 'branch', '--list').trim()).toBe('* master');
    expect(gitIn(fx.repo, fx.env, 'status', '--porcelain')).toBe('');
  });
});
