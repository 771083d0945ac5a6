import { describe, expect, it } from 'vitest';
import { ctFsFromEntries } from '../../src/fs/manifest.ts';
import { walk } from '../../src/fs/pathWalk.ts';
import { rootOf } from '../../src/fs/inodes.ts';
import { FsError } from '../../src/fs/CtFsApi.ts';
import { CHROOT_ROWS, HOST_ESCAPING_QUERIES, HOST_INSIDE_ROWS, PROBE_TREE } from './fixtures/linuxProbe.ts';

const fs = ctFsFromEntries(PROBE_TREE);

function walkError(path: string, followFinal: boolean): string | null {
  try {
    return walk(rootOf(fs.volume), path, { followFinal }).link ? null : 'ENOENT';
  } catch (e) {
    if (e instanceof FsError) return e.code;
    throw e;
  }
}

function readResult(path: string): string | null {
  try {
    return fs.readFile(path);
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    return e.code === 'EISDIR' ? null : `ERR:${e.code}`;
  }
}

describe('the chrooted view matches Linux + Perl recorded on the same tree', () => {
  it.each(CHROOT_ROWS)('$q', (row) => {
    const q = row.q;
    expect({
      realpath: fs.realpath(q) ?? null,
      statErr: walkError(q, true),
      lstatErr: walkError(q, false),
      f: +fs.isFile(q),
      d: +fs.isDir(q),
      l: +fs.isSymlink(q),
      e: +fs.exists(q),
      x: +fs.isExecutable(q),
      read: readResult(q),
    }).toEqual({ ...row, q: undefined });
  });
});

describe('the host view matches Perl on "$rootdir$path" while it stays inside', () => {
  it.each(HOST_INSIDE_ROWS)('$q', (row) => {
    expect({
      realpath: fs.hostRealpath(row.q) ?? null,
      f: +fs.hostIsFile(row.q),
      d: +fs.hostIsDir(row.q),
      e: +fs.hostExists(row.q),
    }).toEqual({ ...row, q: undefined });
  });

  it.each(HOST_ESCAPING_QUERIES)('%s leaves the rootfs: escaped, and not found', (q) => {
    expect(fs.hostRealpath(q)).toEqual({ escaped: true });
    expect(fs.hostStat(q)).toBeUndefined();
    expect(fs.hostIsFile(q) || fs.hostIsDir(q) || fs.hostExists(q)).toBe(false);
  });
});
