import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TreeBuilder } from '../../../src/arbitraries/rootfs/TreeBuilder.ts';

const name = fc.constantFrom('a', 'b', 'a-b', 'a.b', 'c');
const path = fc.array(name, { minLength: 1, maxLength: 4 }).map((parts) => `/${parts.join('/')}`);
const op = fc.oneof(
  fc.tuple(fc.constant('dir' as const), path),
  fc.tuple(fc.constant('file' as const), path),
  fc.tuple(fc.constant('link' as const), path),
  fc.tuple(fc.constant('remove' as const), path),
);

describe('TreeBuilder', () => {
  it('lists entries in byte order, parents first as directories, nothing below a symlink or file', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const t = new TreeBuilder();
        for (const [kind, p] of ops) {
          if (kind === 'dir') t.dir(p);
          else if (kind === 'file') t.file(p, 'x');
          else if (kind === 'link') t.link(p, '../x');
          else t.remove(p);
        }
        const entries = t.entries();
        const paths = entries.map((e) => e.path);
        expect(paths).toEqual([...paths].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
        expect(new Set(paths).size).toBe(paths.length);
        const byPath = new Map(entries.map((e) => [e.path, e]));
        for (const e of entries) {
          const parent = e.path.slice(0, e.path.lastIndexOf('/'));
          if (parent !== '') expect(byPath.get(parent)?.type).toBe('dir');
        }
      }),
    );
  });

  it('removes a whole subtree and keeps the children of a directory that is redeclared', () => {
    const t = new TreeBuilder().file('/etc/a/b', '1').file('/etc/c', '2');
    t.dir('/etc', '0700');
    expect(t.entries().map((e) => e.path)).toEqual(['/etc', '/etc/a', '/etc/a/b', '/etc/c']);
    t.remove('/etc/a');
    expect(t.entries().map((e) => `${e.path}:${e.mode}`)).toEqual(['/etc:0700', '/etc/c:0644']);
  });

  it('keeps a clone independent of its source, and an implied parent implied', () => {
    const base = new TreeBuilder().file('/etc/apk/arch', 'x86_64\n');
    const copy = base.clone().remove('/etc/apk/arch').file('/etc/b', 'b');
    // /etc/apk was only implied by its file: it goes with it
    expect(copy.entries().map((e) => e.path)).toEqual(['/etc', '/etc/b']);
    expect(base.entries().map((e) => e.path)).toEqual(['/etc', '/etc/apk', '/etc/apk/arch']);
    copy.chownAll(7, 7);
    expect(base.get('/etc/apk/arch')?.uid).toBe(0);
  });

  it('places a base64 file as binary() does for the same bytes', () => {
    const bytes = Uint8Array.from([0, 1, 2, 255]);
    const a = new TreeBuilder().binary('/x', bytes, '0644').entries();
    const b = new TreeBuilder().base64('/x', Buffer.from(bytes).toString('base64'), '0644').entries();
    expect(b).toEqual(a);
    expect(a[0]).toMatchObject({ encoding: 'base64', content: 'AAEC/w==' });
  });
});
