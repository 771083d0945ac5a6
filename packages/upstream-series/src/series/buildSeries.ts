import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits } from '../engine/editEngine.ts';
import { dropInstallerComments } from '../engine/upstreamStyle.ts';
import { git, SeriesError } from '../git/git.ts';
import { PATHS } from '../repo/layout.ts';
import { addToSources } from '../repo/makefile.ts';
import { addTestfiles, parseTestfiles } from '../repo/testfiles.ts';
import { buildTestDir } from '../testdirs/buildTestDir.ts';
import { TEST_CASES } from '../testdirs/cases.ts';
import { writeTestDir } from '../testdirs/testDirFs.ts';
import { message, MARKERS_BODY, PLUGIN_BODY, SUBJECTS, testsBody } from './messages.ts';
import { upstreamModule } from './module.ts';

/** Paths the plugin writes that upstream's @testfiles may not list yet. */
export const PLUGIN_PATHS = [
  '/etc/systemd/network/10-pve-eth0.network',
  '/etc/systemd/network/10-pve-eth1.network',
  '/etc/systemd/network/10-pve-eth2.network',
  '/etc/systemd/resolved.conf.d/pve.conf',
];

export interface BuildInput {
  /** A scratch clone, checked out on the new branch at the base commit. */
  repo: string;
  signoff: string;
  /** Environment carrying the author and committer identity. */
  env: NodeJS.ProcessEnv;
}

/** Makes the three commits in `repo`; returns the @testfiles entries the tests added. */
export function buildSeries({ repo, signoff, env }: BuildInput): { addedTestfiles: string[] } {
  const commit = (subject: string, body: string) => {
    git(repo, ['add', '-A'], { env });
    if (git(repo, ['status', '--porcelain'], { env }).trim() === '') throw new SeriesError(`'${subject}' would be an empty commit`);
    git(repo, ['commit', '--quiet', '--no-verify', '-F', '-'], { env, input: message(subject, body, signoff) });
  };
  const edit = (path: string, change: (text: string) => string) => {
    const file = join(repo, path);
    writeFileSync(file, change(readFileSync(file, 'utf8')));
  };

  writeFileSync(join(repo, PATHS.module), upstreamModule());
  edit(PATHS.makefile, (t) => addToSources(t, 'Chainguard.pm', PATHS.makefile));
  applyEdits(repo, 'registration');
  commit(SUBJECTS.plugin, PLUGIN_BODY);

  applyEdits(repo, 'markers');
  edit(PATHS.setup, dropInstallerComments);
  commit(SUBJECTS.markers, MARKERS_BODY);

  const script = readFileSync(join(repo, PATHS.runTests), 'utf8');
  const testfiles = parseTestfiles(script, PATHS.runTests);
  const candidates = [...testfiles, ...PLUGIN_PATHS.filter((p) => !testfiles.includes(p))];
  const needed = new Set<string>();
  TEST_CASES.forEach((tc, i) => {
    const dir = PATHS.testDir(i + 1);
    const content = buildTestDir(dir, tc, candidates);
    for (const path of content.expectations.keys()) if (!testfiles.includes(path)) needed.add(path);
    writeTestDir(join(repo, dir), content.entries);
  });
  const added = PLUGIN_PATHS.filter((p) => needed.has(p));
  edit(PATHS.runTests, (t) => addTestfiles(t, added, PATHS.runTests));
  commit(SUBJECTS.tests, testsBody(TEST_CASES, added));
  return { addedTestfiles: added };
}
