/**
 * The repository stands alone: no tracked file reaches outside the checkout for the recorded
 * vectors, the docs or the tool library. `.ci/run` is the one exception: CI compares oracle/
 * with the recording when that recording happens to sit beside the checkout.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const OUTSIDE = /\.\.\/(?:shared|\.library)\b|(?<![\w./-])shared\/(?:oracle|docs|seed|tools|hooks)\b/;
const ALLOWED = new Set(['.ci/run', 'packages/testkit/test/repo/standsAlone.test.ts']);

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
}

function outsideReferences(text: string): string[] {
  return text.split('\n').filter((line) => OUTSIDE.test(line));
}

describe('the repository stands alone', () => {
  it('recognises a reference to the recording beside the checkout', () => {
    expect(outsideReferences('conform ../shared/oracle/base-vectors.jsonl')).toHaveLength(1);
    expect(outsideReferences('see shared/docs/host-delivery.md')).toHaveLength(1);
    expect(outsideReferences('ls ../.library/README.md')).toHaveLength(1);
    expect(outsideReferences('conform oracle/base-vectors.jsonl')).toEqual([]);
  });

  it('no tracked file but .ci/run names anything outside the repository', () => {
    const offenders: string[] = [];
    for (const file of trackedFiles()) {
      if (ALLOWED.has(file)) continue;
      const bytes = readFileSync(resolve(ROOT, file));
      if (bytes.includes(0)) continue; // binary
      for (const line of outsideReferences(bytes.toString('utf8'))) offenders.push(`${file}: ${line.trim()}`);
    }
    expect(offenders).toEqual([]);
  });

  it('holds both recordings and their description', () => {
    for (const name of ['base-vectors.jsonl', 'base-vectors-pve8.jsonl', 'README.md']) {
      expect(readFileSync(resolve(ROOT, 'oracle', name), 'utf8').length).toBeGreaterThan(1000);
    }
  });
});
