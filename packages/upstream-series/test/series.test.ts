import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTestfiles, PATHS, TEST_CASES, verifyTestDir } from '../src/index.ts';
import { runSeries } from './fixture/runSeries.ts';
import { gitIn, syntheticRepo } from './fixture/syntheticRepo.ts';

const fx = syntheticRepo();
const out = join(fx.root, 'out');
let first: ReturnType<typeof runSeries>;
beforeAll(() => {
  first = runSeries({ pveContainer: fx.repo, out, signoff: 'Sam Signer <sam@example.org>' }, fx.root, fx.env);
});
afterAll(() => rmSync(fx.root, { recursive: true, force: true }));

const patches = () => readdirSync(out).sort();
const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');

describe('upstream on a synthetic pve-container', () => {
  it('writes a cover letter and three patches with the container prefix', () => {
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(patches()).toEqual([
      '0000-cover-letter.patch',
      '0001-setup-add-Chainguard-OS-and-Wolfi-support.patch',
      '0002-setup-detect-Wolfi-based-images-without-a-usable-os-.patch',
      '0003-test-add-Chainguard-and-Wolfi-setup-tests.patch',
    ]);
    const [cover, p1, p2, p3] = patches().map((p) => read(out, p));
    expect(cover).toContain('Subject: [PATCH container 0/3] add Chainguard OS and Wolfi container support');
    expect(cover).not.toContain('*** BLURB HERE ***');
    expect(p1).toContain('Subject: [PATCH container 1/3] setup: add Chainguard OS and Wolfi support');
    expect(p1).toContain('From: Ada Author <ada@example.org>');
    for (const p of [p1, p2, p3]) expect(p).toContain('\nSigned-off-by: Sam Signer <sam@example.org>\n---\n');
    expect(p2).toContain('Subject: [PATCH container 2/3] setup: detect Wolfi-based images');
    expect(p3).toContain('Subject: [PATCH container 3/3] test: add Chainguard and Wolfi setup tests');
  });

  it('puts each change in the commit it belongs to', () => {
    const files = (n: number) =>
      gitIn(fx.repo, fx.env, 'show', '--name-only', '--format=', `chainguard-support~${3 - n}`)
        .trim()
        .split('\n');
    expect(files(1).sort()).toEqual([PATHS.config, PATHS.setup, PATHS.module, PATHS.makefile].sort());
    expect(files(2)).toEqual([PATHS.setup]);
    expect(files(3)).toContain(PATHS.runTests);
    expect(files(3).filter((f) => f.endsWith('/config'))).toHaveLength(TEST_CASES.length);
    const setup = gitIn(fx.repo, fx.env, 'show', `chainguard-support:${PATHS.setup}`);
    expect(setup).toContain("chainguard => 'PVE::LXC::Setup::Chainguard',");
    expect(setup).toContain("wolfi => 'chainguard',");
    expect(setup).toContain('/etc/secfixes.d/wolfi');
    expect(setup).not.toContain('pve-chainguard fallback markers');
    expect(gitIn(fx.repo, fx.env, 'show', `chainguard-support:${PATHS.makefile}`)).toContain('    Chainguard.pm\t\\\n');
    expect(gitIn(fx.repo, fx.env, 'show', `chainguard-support:${PATHS.config}`)).toMatch(/qw\([^)]*chainguard/);
  });

  it('applies with git am to a fresh copy, and the test dirs there match the model', () => {
    const copy = join(fx.root, 'am-copy');
    gitIn(fx.root, fx.env, 'clone', '--quiet', fx.repo, copy);
    gitIn(
      copy,
      fx.env,
      'am',
      '--quiet',
      ...patches()
        .slice(1)
        .map((p) => join(out, p)),
    );
    expect(gitIn(copy, fx.env, 'rev-parse', 'HEAD^{tree}')).toBe(gitIn(fx.repo, fx.env, 'rev-parse', 'chainguard-support^{tree}'));
    const testfiles = parseTestfiles(read(copy, PATHS.runTests), PATHS.runTests);
    expect(testfiles).toContain('/etc/systemd/network/10-pve-eth0.network');
    TEST_CASES.forEach((_, i) => {
      const dir = PATHS.testDir(i + 1);
      expect(verifyTestDir(join(copy, dir), dir, testfiles)).toEqual([]);
    });
  });

  it('leaves the checkout on its branch and clean', () => {
    expect(gitIn(fx.repo, fx.env, 'branch', '--show-current').trim()).toBe('master');
    expect(gitIn(fx.repo, fx.env, 'status', '--porcelain')).toBe('');
  });

  it('refuses to overwrite the branch without --reroll', () => {
    const r = runSeries({ pveContainer: fx.repo, dryRun: true }, fx.root, fx.env);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/branch 'chainguard-support' already exists/);
  });

  it('a reroll carries the changes text in every patch and the cover letter', () => {
    const changes = join(fx.root, 'changes.txt');
    writeFileSync(changes, '- reworded the commit messages\n- one more test dir\n');
    const out2 = join(fx.root, 'out-v2');
    const r = runSeries({ pveContainer: fx.repo, out: out2, reroll: 2, changes }, fx.root, fx.env);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const files = readdirSync(out2).sort();
    expect(files[0]).toBe('v2-0000-cover-letter.patch');
    expect(files).toHaveLength(4);
    for (const f of files) expect(read(out2, f)).toContain('Changes since v1:\n- reworded the commit messages\n- one more test dir\n');
    expect(read(out2, files[1]!)).toMatch(/Subject: \[PATCH container v2 1\/3\]/);
    expect(read(out2, files[1]!)).toMatch(/\n---\nChanges since v1:\n/);
    expect(read(out2, files[1]!)).toContain('Signed-off-by: Ada Author <ada@example.org>');
  });

  it('builds on a base that only a remote-tracking ref names', () => {
    const sha = gitIn(fx.repo, fx.env, 'commit-tree', 'HEAD^{tree}', '-p', 'master', '-m', 'upstream moved on').trim();
    gitIn(fx.repo, fx.env, 'update-ref', 'refs/remotes/origin/master', sha);
    const r = runSeries({ pveContainer: fx.repo, base: 'origin/master', branch: 'on-remote', dryRun: true }, fx.root, fx.env);
    expect(r.err).toBe('');
    expect(r.out).toContain(`Series on ${sha.slice(0, 12)} (origin/master)`);
  });

  it('--dry-run prints the summary and touches nothing', () => {
    const before = gitIn(fx.repo, fx.env, 'for-each-ref');
    const r = runSeries({ pveContainer: fx.repo, branch: 'try', out: join(fx.root, 'dry'), dryRun: true }, fx.root, fx.env);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1\/3 setup: add Chainguard OS and Wolfi support\n\s+4 files, \+\d+ -\d+/);
    expect(r.out).toContain('ok   perl -c of the changed modules');
    expect(r.out).toContain('ok   module is a perltidy fixed point');
    expect(r.out).toContain('ok   Setup.pm/Config.pm edits under perltidy'); // no note: our edits are tidy
    expect(r.out).toContain(`ok   test dir expectations equal the model (${TEST_CASES.length} dirs)`);
    expect(existsSync(join(fx.root, 'dry'))).toBe(false);
    expect(gitIn(fx.repo, fx.env, 'for-each-ref')).toBe(before);
  });
});
