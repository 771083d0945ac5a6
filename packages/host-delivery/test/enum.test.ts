import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG, SETUP, engine, fakeRoot, layoutFile, overlong, read, releaseDir, tempDir, tidy } from './helpers.ts';

const release = releaseDir();
const work = tempDir('enum');
const args = (root: string) => ['--registry', join(release, 'registry.json'), '--setup', join(root, SETUP), '--config', join(root, CONFIG)];
const apply = (root: string) => expect(engine(release, ['apply', ...args(root)]).status).toBe(0);
const remove = (root: string) => expect(engine(release, ['remove', ...args(root)]).status).toBe(0);

describe('ostype enum line length', () => {
  it('a wrapped enum whose last line would pass 100 columns continues on a new line; remove undoes it byte for byte', () => {
    const root = fakeRoot(work, 'long-enum');
    const before = read(root, CONFIG);
    apply(root);
    const config = read(root, CONFIG);
    expect(config).toContain('            qw(debian alpine unmanaged aardvark-os bittern-os curlew-os dunlin-os egret-os\n                chainguard)\n        ],\n');
    expect(overlong(config)).toEqual([]);
    expect(tidy(root, CONFIG)).toBe(config);
    apply(root);
    expect(read(root, CONFIG)).toBe(config);
    remove(root);
    expect(read(root, CONFIG)).toBe(before);
  });

  it("a list already continued over lines gets the new line at the last line's indentation", () => {
    const root = fakeRoot(work, 'spaces-wrapped');
    const words = 'aardvark-os bittern-os curlew-os dunlin-os egret-os fulmar-os gannet-os heron-os ibis-os';
    const original = layoutFile('spaces-wrapped', 'Config.pm').replace('qw(debian alpine unmanaged)', `qw(debian alpine unmanaged\n                ${words})`);
    writeFileSync(join(root, CONFIG), original);
    apply(root);
    expect(read(root, CONFIG)).toContain(`                ${words}\n                chainguard)\n`);
    remove(root);
    expect(read(root, CONFIG)).toBe(original);
  });

  it('a short wrapped enum stays on its line; a one-line enum stays one line however long', () => {
    const root = fakeRoot(work, 'spaces-wrapped');
    apply(root);
    expect(read(root, CONFIG)).toContain('            qw(debian alpine unmanaged chainguard)\n');
    const tabs = fakeRoot(work, 'tabs-aligned');
    const words = 'aardvark-os bittern-os curlew-os dunlin-os egret-os fulmar-os gannet-os heron-os';
    const original = layoutFile('tabs-aligned', 'Config.pm').replace('qw(debian alpine unmanaged)', `qw(debian alpine unmanaged ${words})`);
    writeFileSync(join(tabs, CONFIG), original);
    apply(tabs);
    expect(read(tabs, CONFIG)).toContain(`\tenum => [qw(debian alpine unmanaged ${words} chainguard)],\n`);
    remove(tabs);
    expect(read(tabs, CONFIG)).toBe(original);
  });
});
