import { describe, expect, it } from 'vitest';
import type { FsEntry } from '../../src/fs/entry.ts';
import { firstDifference, unifiedTreeDiff } from '../../src/fs/treeDiff.ts';

const before: FsEntry[] = [
  { path: '/etc', type: 'dir' },
  { path: '/etc/hosts', type: 'file', mode: '0600', content: '127.0.0.1 localhost\n' },
  { path: '/etc/l', type: 'symlink', target: 'a' },
  { path: '/etc/old', type: 'file', content: 'gone\n' },
  { path: '/etc/resolv.conf', type: 'symlink', target: '/run/stub-resolv.conf' },
];
const after: FsEntry[] = [
  { path: '/etc', type: 'dir' },
  {
    path: '/etc/hosts',
    type: 'file',
    mode: '0644',
    uid: 100000,
    gid: 100000,
    content: '127.0.0.1 localhost\n# --- BEGIN PVE ---\n127.0.1.1 ct\n# --- END PVE ---\n',
  },
  { path: '/etc/l', type: 'symlink', target: 'b' },
  { path: '/etc/new', type: 'dir', mode: '0700' },
  { path: '/etc/resolv.conf', type: 'file', content: 'nameserver 192.0.2.1' },
];

describe('firstDifference', () => {
  it('is undefined for equal trees, defaults and encodings aside', () => {
    const full: FsEntry[] = [
      {
        content: 'aGk=',
        encoding: 'base64',
        gid: 0,
        mode: '0644',
        path: '/f',
        type: 'file',
        uid: 0,
      },
      { gid: 0, mode: '0777', path: '/l', target: 'f', type: 'symlink', uid: 0 },
    ];
    const sparse: FsEntry[] = [
      { path: '/l', type: 'symlink', target: 'f' },
      { path: '/f', type: 'file', content: 'hi' },
    ];
    expect(firstDifference(full, sparse)).toBeUndefined();
  });

  it('names the first differing path in byte order, every differing field and both values', () => {
    expect(firstDifference(before, after)).toBe(
      [
        '/etc/hosts: mode: expected 0600, got 0644',
        '  uid: expected 0, got 100000',
        '  gid: expected 0, got 100000',
        '  content differs (- expected, + actual):',
        '@@ -1 +1,4 @@',
        ' 127.0.0.1 localhost',
        '+# --- BEGIN PVE ---',
        '+127.0.1.1 ct',
        '+# --- END PVE ---',
      ].join('\n'),
    );
  });

  it('reports missing and unexpected entries, type and target changes', () => {
    const base: FsEntry[] = [{ path: '/a', type: 'file', content: 'x' }];
    expect(firstDifference(base, [])).toBe('/a: expected file 0644 0:0 (1 bytes), missing');
    expect(firstDifference([], base)).toBe('/a: unexpected file 0644 0:0 (1 bytes)');
    expect(firstDifference(base, [{ path: '/a', type: 'symlink', target: '/x' }])).toBe('/a: type: expected file 0644 0:0 (1 bytes), got symlink 0:0 -> /x');
    expect(firstDifference([{ path: '/l', type: 'symlink', target: 'a' }], [{ path: '/l', type: 'symlink', target: 'b' }])).toBe('/l: target: expected "a", got "b"');
  });

  it('describes binary content by size and first differing byte', () => {
    const bin = (bytes: number[]): FsEntry[] => [
      {
        path: '/b',
        type: 'file',
        content: Buffer.from(bytes).toString('base64'),
        encoding: 'base64',
      },
    ];
    expect(firstDifference(bin([0x7f, 0xff, 1]), bin([0x7f, 0xff, 2, 3]))).toBe(
      '/b: content differs (- expected, + actual):\n' + 'binary content differs: 3 vs 4 bytes, first difference at byte 2',
    );
  });
});

describe('unifiedTreeDiff', () => {
  it('is empty when nothing changed', () => {
    expect(unifiedTreeDiff(before, before)).toBe('');
  });

  it('shows every change: headers for create/delete/mode/owner/target, hunks for content', () => {
    expect(unifiedTreeDiff(before, after)).toBe(
      [
        'diff a/etc/hosts b/etc/hosts',
        'old mode 0600',
        'new mode 0644',
        'old owner 0:0',
        'new owner 100000:100000',
        '--- a/etc/hosts',
        '+++ b/etc/hosts',
        '@@ -1 +1,4 @@',
        ' 127.0.0.1 localhost',
        '+# --- BEGIN PVE ---',
        '+127.0.1.1 ct',
        '+# --- END PVE ---',
        'diff a/etc/l b/etc/l',
        'old target a',
        'new target b',
        'diff a/etc/new b/etc/new',
        'new dir 0700 0:0',
        'diff a/etc/old b/etc/old',
        'deleted file 0644 0:0',
        '--- a/etc/old',
        '+++ /dev/null',
        '@@ -1 +0,0 @@',
        '-gone',
        'diff a/etc/resolv.conf b/etc/resolv.conf',
        'deleted symlink 0:0 -> /run/stub-resolv.conf',
        'new file 0644 0:0',
        '--- /dev/null',
        '+++ b/etc/resolv.conf',
        '@@ -0,0 +1 @@',
        '+nameserver 192.0.2.1',
        '\\ No newline at end of file',
        '',
      ].join('\n'),
    );
  });

  it('summarises binary content changes', () => {
    const bin: FsEntry[] = [{ path: '/b', type: 'file', content: '/w==', encoding: 'base64' }];
    expect(unifiedTreeDiff([], bin)).toBe('diff a/b b/b\nnew file 0644 0:0\nBinary content differs (0 -> 1 bytes)\n');
  });
});
