/**
 * The launcher runs a prebuilt bundle only when its stamp equals the sources' stamp: every
 * kind of change to a source must change the stamp, or a stale bundle would run.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceStamp } from '../../launch/sourceStamp.mjs';

const root = mkdtempSync(join(tmpdir(), 'pvecg-stamp-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const src = join(root, 'packages/core/src');
mkdirSync(join(src, 'fs'), { recursive: true });
writeFileSync(join(root, 'packages/core/package.json'), '{}\n');
writeFileSync(join(src, 'index.ts'), 'export const a = 1;\n');
writeFileSync(join(src, 'fs/tree.ts'), 'export const b = 2;\n');

describe('sourceStamp', () => {
  it('is the same for unchanged sources', () => {
    expect(sourceStamp(root)).toBe(sourceStamp(root));
  });

  it('changes when a file is edited in place, even to the same size', () => {
    const before = sourceStamp(root);
    writeFileSync(join(src, 'fs/tree.ts'), 'export const b = 3;\n');
    // a distinct mtime, as a later save has
    utimesSync(join(src, 'fs/tree.ts'), new Date(), new Date(Date.now() + 5000));
    expect(sourceStamp(root)).not.toBe(before);
  });

  it('changes when a file is added, removed or replaced by another (a checkout, an editor save)', () => {
    const s0 = sourceStamp(root);
    writeFileSync(join(src, 'new.ts'), 'export {};\n');
    const s1 = sourceStamp(root);
    expect(s1).not.toBe(s0);
    const other = join(root, 'other.ts');
    writeFileSync(other, 'export {};\n');
    renameSync(other, join(src, 'new.ts'));
    const s2 = sourceStamp(root);
    expect(s2).not.toBe(s1);
    rmSync(join(src, 'new.ts'));
    expect(sourceStamp(root)).not.toBe(s2);
  });

  it('changes when a package manifest changes (its exports map decides what is bundled)', () => {
    const before = sourceStamp(root);
    writeFileSync(join(root, 'packages/core/package.json'), '{"exports":{}}\n');
    expect(sourceStamp(root)).not.toBe(before);
  });
});
