import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, SeriesError } from '../git/git.ts';
import { COVER_BLURB, COVER_SUBJECT } from './messages.ts';

export interface PatchOptions {
  repo: string;
  base: string;
  outDir: string;
  env: NodeJS.ProcessEnv;
  /** Series version (≥ 2 for a reroll) and what changed since the previous one. */
  reroll?: { version: number; changes: string };
}

/**
 * `git format-patch` of base..HEAD with a cover letter and the `PATCH container` prefix;
 * fills in the cover letter and, for a reroll, puts "Changes since vN-1" below the `---`
 * of every patch and into the cover letter. Returns the file names in order.
 */
export function formatPatches({ repo, base, outDir, env, reroll }: PatchOptions): string[] {
  const args = ['format-patch', '--quiet', '--cover-letter', '--subject-prefix=PATCH container', `--base=${base}`, '-o', outDir];
  if (reroll) args.push(`-v${reroll.version}`);
  git(repo, [...args, `${base}..HEAD`], { env });
  const files = readdirSync(outDir)
    .filter((f) => f.endsWith('.patch'))
    .sort();
  if (files.length === 0) throw new SeriesError(`git format-patch wrote nothing to ${outDir}`);
  const changes = reroll ? changesBlock(reroll.version, reroll.changes) : '';
  for (const name of files) {
    const path = join(outDir, name);
    let text = readFileSync(path, 'utf8');
    if (/^(?:v\d+-)?0000-cover-letter\.patch$/.test(name)) text = fillCover(text, changes, path);
    else if (changes) text = belowDashes(text, changes, path);
    writeFileSync(path, text);
  }
  return files;
}

function changesBlock(version: number, changes: string): string {
  const text = changes.replace(/\s+$/, '');
  if (!text) throw new SeriesError(`--changes: the file is empty; say what changed since v${version - 1}`);
  return `Changes since v${version - 1}:\n${text}\n\n`;
}

function fillCover(text: string, changes: string, path: string): string {
  if (!text.includes('*** SUBJECT HERE ***') || !text.includes('*** BLURB HERE ***')) {
    throw new SeriesError(`${path}: cover letter without git's SUBJECT/BLURB placeholders`);
  }
  return text.replace('*** SUBJECT HERE ***', COVER_SUBJECT).replace('*** BLURB HERE ***', `${COVER_BLURB}\n\n${changes}`.trimEnd());
}

/** Inserts `block` right after the first `---` line (git am ignores what stands there). */
function belowDashes(text: string, block: string, path: string): string {
  const at = text.search(/^---$/m);
  if (at < 0) throw new SeriesError(`${path}: no '---' line to put the changes under`);
  return `${text.slice(0, at)}---\n${block}${text.slice(at + 4)}`;
}
