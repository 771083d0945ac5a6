import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runChecks } from '../checks/runChecks.ts';
import type { UpstreamOptions } from './options.ts';
import { git, gitMaybe, SeriesError } from '../git/git.ts';
import { formatIdent, gitIdent, identEnv, parseIdent } from '../git/identity.ts';
import { checkRepo, repoTop, resolveBase } from '../repo/checkRepo.ts';
import { buildSeries } from './buildSeries.ts';
import { formatPatches } from './formatPatch.ts';
import { seriesSummary } from './summary.ts';

export interface RunIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/**
 * Builds the series in a scratch clone, checks it, and only then creates the branch in the
 * checkout and writes the patches (nothing at all with --dry-run). SeriesError → exit 1.
 */
export function runUpstream(o: UpstreamOptions, io: RunIo): number {
  const top = repoTop(resolve(io.cwd, o.pveContainer));
  checkRepo(top);
  const base = resolveBase(top, o.base);
  const branchExists = gitMaybe(top, ['show-ref', '--verify', '--quiet', `refs/heads/${o.branch}`]) !== undefined;
  if (branchExists && o.reroll === undefined) throw new SeriesError(`branch '${o.branch}' already exists in ${top}; pass --branch NAME, or --reroll N to replace it`);
  if (branchExists && git(top, ['branch', '--show-current']).trim() === o.branch)
    throw new SeriesError(`branch '${o.branch}' is checked out in ${top}; switch away from it first`);

  const author = gitIdent(top, 'AUTHOR', io.env);
  const committer = gitIdent(top, 'COMMITTER', io.env);
  if (!author || !committer) throw new SeriesError(`no git identity in ${top}: set user.name and user.email (git config) for the commits' author and committer`);
  const signoff = o.signoff !== undefined ? formatIdent(parseIdent(o.signoff, '--signoff')) : formatIdent(author);
  const changes = o.changes === undefined ? undefined : readChanges(resolve(io.cwd, o.changes));
  const env = identEnv(io.env, author, committer);

  const tmp = mkdtempSync(join(tmpdir(), 'pve-chainguard-upstream-'));
  try {
    const repo = join(tmp, 'series');
    // --shared: the scratch clone sees every object of the checkout, so a base that only a
    // remote-tracking ref or a tag names (--base origin/master) can be checked out there too
    git(top, ['clone', '--quiet', '--shared', '--no-checkout', top, repo], { env });
    git(repo, ['checkout', '--quiet', '-b', o.branch, base], { env });
    buildSeries({ repo, signoff, env });
    const patchDir = join(tmp, 'patches');
    const reroll = o.reroll === undefined ? undefined : { version: o.reroll, changes: changes! };
    const patches = formatPatches({ repo, base, outDir: patchDir, env, reroll });
    const tree = git(repo, ['rev-parse', 'HEAD^{tree}'], { env }).trim();
    const checks = runChecks({ source: repo, base, patchDir, patches, scratch: join(tmp, 'checks'), expectedTree: tree, env });

    io.out(`Series on ${base.slice(0, 12)} (${o.base}) as ${formatIdent(author)}, Signed-off-by: ${signoff}\n`);
    for (const line of seriesSummary(repo, base, env)) io.out(`  ${line}\n`);
    io.out('Checks:\n');
    for (const c of checks) {
      const status = c.problems.length === 0 ? 'ok  ' : c.note ? 'note' : 'FAIL';
      io.out(`  ${status} ${c.name}\n${c.problems.map((p) => `       ${p}\n`).join('')}`);
    }
    if (checks.some((c) => c.problems.length > 0 && !c.note)) {
      io.err('upstream: checks failed; nothing was written\n');
      return 1;
    }
    if (o.dryRun) {
      io.out(`Dry run: would create branch '${o.branch}' in ${top} and write ${patches.length} files: ${patches.join(', ')}\n`);
      return 0;
    }
    git(top, ['fetch', '--quiet', repo, `${branchExists ? '+' : ''}refs/heads/${o.branch}:refs/heads/${o.branch}`], { env });
    const out = resolve(io.cwd, o.out ?? 'dist/upstream');
    mkdirSync(out, { recursive: true });
    for (const p of patches) copyFileSync(join(patchDir, p), join(out, p));
    io.out(`Branch '${o.branch}' ${branchExists ? 'replaced' : 'created'} in ${top} (not checked out).\n`);
    io.out(`Patches in ${out}:\n${patches.map((p) => `  ${p}\n`).join('')}`);
    io.out(
      `Before sending: read every patch, then\n  git send-email --to=pve-devel@lists.proxmox.com ${join(out, patches[0]!.replace(/0000-cover-letter\.patch$/, '*.patch'))}\n`,
    );
    return 0;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function readChanges(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new SeriesError(`--changes ${path}: ${(e as Error).message}`);
  }
}
