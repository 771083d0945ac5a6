import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CtFs } from '../../src/fs/CtFs.ts';
import type { FsEntry } from '../../src/fs/entry.ts';
import { entriesFromFs, volumeFromEntries } from '../../src/fs/manifest.ts';

/** The recorded vectors (oracle/); a missing file fails. */
const vectorsPath = process.env.PVE_ORACLE_VECTORS ?? fileURLToPath(new URL('../../../../oracle/base-vectors.jsonl', import.meta.url));

interface Vector {
  id: string;
  rootfs: FsEntry[];
  expect: { tree: FsEntry[] };
}

const vectors: Vector[] = readFileSync(vectorsPath, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Vector);

// ---- an independent statement of README §4's input defaults ----

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function withDefaults(entries: FsEntry[]): FsEntry[] {
  const byPath = new Map<string, FsEntry>();
  for (const e of entries) {
    // Unlisted parents are 0755 root-owned directories.
    const parts = e.path.split('/').slice(1, -1);
    for (let i = 1; i <= parts.length; i++) {
      const p = '/' + parts.slice(0, i).join('/');
      if (!byPath.has(p)) byPath.set(p, { path: p, type: 'dir' });
    }
    byPath.set(e.path, e);
  }
  const out = [...byPath.values()].map((e): FsEntry => {
    const mode = e.type === 'symlink' ? '0777' : (e.mode ?? (e.type === 'dir' ? '0755' : '0644'));
    const owner = { gid: e.gid ?? 0, mode };
    if (e.type === 'symlink') {
      return { ...owner, path: e.path, target: e.target, type: e.type, uid: e.uid ?? 0 };
    }
    if (e.type !== 'file') return { ...owner, path: e.path, type: e.type, uid: e.uid ?? 0 };
    let content: Pick<FsEntry, 'content' | 'encoding'> = { content: e.content ?? '' };
    if (e.encoding === 'base64') {
      const bytes = Buffer.from(e.content ?? '', 'base64');
      try {
        content = { content: utf8.decode(bytes) };
      } catch {
        content = { content: bytes.toString('base64'), encoding: 'base64' };
      }
    }
    return { ...content, ...owner, path: e.path, type: 'file', uid: e.uid ?? 0 };
  });
  return out.sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
}

describe('round trips over the 400 oracle vectors', () => {
  it('reads all 400 vectors', () => {
    expect(vectors).toHaveLength(400);
  });

  it.each(vectors.map((v) => [v.id, v] as const))('%s: a materialised rootfs snapshots to the rootfs with defaults filled in', (_id, v) => {
    expect(JSON.stringify(entriesFromFs(volumeFromEntries(v.rootfs)))).toBe(JSON.stringify(withDefaults(v.rootfs)));
  });

  it.each(vectors.map((v) => [v.id, v] as const))('%s: expect.tree snapshots to itself, byte for byte in JSON', (_id, v) => {
    expect(JSON.stringify(entriesFromFs(new CtFs(volumeFromEntries(v.expect.tree))))).toBe(JSON.stringify(v.expect.tree));
  });
});

describe('materialisation rules (README §4)', () => {
  it('creates unlisted parents as 0755 root directories, lists explicit modes and owners', () => {
    const tree = entriesFromFs(volumeFromEntries([{ path: '/a/b/c', type: 'file', mode: '0600', uid: 5, gid: 6, content: 'x' }]));
    expect(tree).toEqual([
      { gid: 0, mode: '0755', path: '/a', type: 'dir', uid: 0 },
      { gid: 0, mode: '0755', path: '/a/b', type: 'dir', uid: 0 },
      { content: 'x', gid: 6, mode: '0600', path: '/a/b/c', type: 'file', uid: 5 },
    ]);
  });

  it('decodes base64 content, keeps NULs in text, and emits invalid UTF-8 as base64', () => {
    const elf = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0xff]);
    const tree = entriesFromFs(
      volumeFromEntries([
        { path: '/bin', type: 'file', content: elf.toString('base64'), encoding: 'base64' },
        { path: '/nul', type: 'file', content: 'a\u0000b' },
        {
          path: '/text',
          type: 'file',
          content: Buffer.from('héllo').toString('base64'),
          encoding: 'base64',
        },
      ]),
    );
    expect(tree.map((e) => [e.path, e.content, e.encoding])).toEqual([
      ['/bin', elf.toString('base64'), 'base64'],
      ['/nul', 'a\u0000b', undefined],
      ['/text', 'héllo', undefined],
    ]);
  });

  it('encodes text content as UTF-8 bytes in the volume', () => {
    const fs = new CtFs(volumeFromEntries([{ path: '/f', type: 'file', content: 'é\n' }]));
    expect(fs.readFile('/f')).toBe('\xc3\xa9\n');
    expect(fs.lstat('/f')?.size).toBe(3);
  });

  it('snapshots text content as its bytes decode, whether read or not', () => {
    // a lone surrogate has no UTF-8 form: it is stored as U+FFFD's bytes
    const entries = [
      { path: '/lone', type: 'file' as const, content: 'a\ud800b' },
      { path: '/read', type: 'file' as const, content: 'é' },
    ];
    const fs = new CtFs(volumeFromEntries(entries));
    fs.readFile('/read');
    expect(entriesFromFs(fs).map((e) => e.content)).toEqual(['a\ufffdb', 'é']);
  });

  it('keeps a leading byte-order mark in the content', () => {
    const tree = entriesFromFs(volumeFromEntries([{ path: '/f', type: 'file', content: '\ufeffx' }]));
    expect(tree[0]?.content).toBe('\ufeffx');
  });

  it('sorts the snapshot by path bytes, not depth-first', () => {
    const tree = entriesFromFs(
      volumeFromEntries([
        { path: '/a/x', type: 'file', content: '' },
        { path: '/a-b', type: 'file', content: '' },
      ]),
    );
    expect(tree.map((e) => e.path)).toEqual(['/a', '/a-b', '/a/x']);
  });

  it('ignores a listed symlink mode and reports 0777', () => {
    const tree = entriesFromFs(volumeFromEntries([{ path: '/l', type: 'symlink', target: 'x', mode: '0644', uid: 3 }]));
    expect(tree).toEqual([{ gid: 0, mode: '0777', path: '/l', target: 'x', type: 'symlink', uid: 3 }]);
  });

  it('accepts a Volume or any CtFsApi', () => {
    const vol = volumeFromEntries([{ path: '/d', type: 'dir', mode: '0700' }]);
    expect(entriesFromFs(vol)).toEqual(entriesFromFs(new CtFs(vol)));
  });

  it('rejects an entry listed twice', () => {
    expect(() =>
      volumeFromEntries([
        { path: '/f', type: 'file', content: '' },
        { path: '/f', type: 'file', content: '' },
      ]),
    ).toThrow('listed twice');
  });

  it('puts children under a listed directory however their paths spell it', () => {
    // a listed directory is known as its children's parent at once (no walk): the
    // spellings below must land where walking them would
    const entries: FsEntry[] = [
      { path: '/a', type: 'dir', mode: '0700' },
      { path: '/a/f', type: 'file', content: '1' },
      { path: '/a/./g', type: 'file', content: '2' },
      { path: '/a/b', type: 'dir', mode: '0750', uid: 3 },
      { path: '/a/b/../h', type: 'file', content: '3' },
      { path: '/l', type: 'symlink', target: 'a/b' },
      { path: '/l/i', type: 'file', content: '4' },
      { path: '/c/', type: 'dir', mode: '0711' },
      { path: '/c/j', type: 'file', content: '5' },
      { path: '/x/y', type: 'file', content: '6' },
      { path: '/x', type: 'dir', mode: '0701' },
      { path: '/x/z', type: 'file', content: '7' },
    ];
    const tree = entriesFromFs(volumeFromEntries(entries));
    expect(tree.map((e) => `${e.path} ${e.type} ${e.mode} ${e.uid}${e.content === undefined ? '' : ` ${e.content}`}`)).toEqual([
      '/a dir 0700 0',
      '/a/b dir 0750 3',
      '/a/b/i file 0644 0 4',
      '/a/f file 0644 0 1',
      '/a/g file 0644 0 2',
      '/a/h file 0644 0 3',
      '/c dir 0711 0',
      '/c/j file 0644 0 5',
      '/l symlink 0777 0',
      '/x dir 0701 0',
      '/x/y file 0644 0 6',
      '/x/z file 0644 0 7',
    ]);
  });
});
