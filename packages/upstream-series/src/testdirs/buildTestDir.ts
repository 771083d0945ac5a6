import type { FsEntry } from '@pve-chainguard/core';
import { SeriesError } from '../git/git.ts';
import type { TestCase } from './cases.ts';
import { modelFiles } from './modelRun.ts';

/** A test dir as files relative to the dir (leading `/`), expectations included. */
export interface TestDirContent {
  entries: FsEntry[];
  /** Compared path → expected content (written as `<path>.exp`). */
  expectations: Map<string, string>;
}

/**
 * The dir the harness copies is the rootfs, so the `config` and the `*.exp` files are part
 * of the input (an `.exp` under a missing directory makes that directory exist). We run the
 * model on the complete dir and repeat until the set of expected files is stable.
 */
export function buildTestDir(name: string, tc: TestCase, candidates: readonly string[]): TestDirContent {
  const base: FsEntry[] = [...tc.rootfs, { path: '/config', type: 'file', mode: '0644', content: tc.config }];
  const omit = new Set(tc.omitExp ?? []);
  let expectations = new Map<string, string>();
  for (let round = 0; round < 4; round++) {
    const entries = [...base, ...expEntries(expectations)];
    const next = new Map([...modelFiles(name, entries, tc.config, candidates)].filter(([p]) => !omit.has(p)));
    if (sameMap(next, expectations)) return { entries, expectations };
    expectations = next;
  }
  throw new SeriesError(`${name}: the expected files do not settle (each round's .exp files change the outcome)`);
}

export function expEntries(expectations: Map<string, string>): FsEntry[] {
  return [...expectations].map(([path, content]) => ({ path: `${path}.exp`, type: 'file', mode: '0644', content }));
}

function sameMap(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}
