import { closeSync, lstatSync, openSync, readdirSync, readlinkSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { ContentUnavailable, decodeUtf8Strict, type FsEntry } from '@pve-chainguard/core';
import { escapeValue, InputError, reason } from '../input/index.ts';
import { lazyContent } from './lazyFile.ts';

/**
 * A real directory as manifest entries (lstat semantics, sorted by path): the way to hand
 * an unpacked template or OCI rootfs to the model. Only metadata is read here; a file's
 * bytes are read when the model reads it (lazyFile.ts). Device nodes and FIFOs become
 * `other`. Names that are not UTF-8 cannot be represented and are refused by path.
 */
export function readDirectory(root: string): FsEntry[] {
  const out: FsEntry[] = [];
  const walk = (dir: Buffer, rel: string) => {
    let names: Buffer[];
    try {
      names = readdirSync(dir, { encoding: 'buffer' });
    } catch (e) {
      throw new InputError(`--rootfs: cannot list '${escapeValue(rel || '/')}': ${reason(e)}`);
    }
    for (const raw of names) {
      const name = decodeUtf8Strict(raw);
      if (name === undefined) {
        throw new InputError(`--rootfs: file name is not UTF-8: '${escapeValue(rel)}/${bytesForDisplay(raw)}'`);
      }
      const full = Buffer.concat([dir, Buffer.from(`/${name}`)]);
      const path = `${rel}/${name}`;
      const st = lstatSync(full);
      const base = { path, mode: (st.mode & 0o7777).toString(8).padStart(4, '0'), uid: st.uid, gid: st.gid };
      if (st.isSymbolicLink()) {
        const target = decodeUtf8Strict(readlinkSync(full, { encoding: 'buffer' }));
        if (target === undefined) throw new InputError(`--rootfs: link target of '${escapeValue(path)}' is not UTF-8`);
        out.push({ ...base, type: 'symlink', mode: '0777', target });
      } else if (st.isDirectory()) {
        out.push({ ...base, type: 'dir' });
        walk(full, path);
      } else if (st.isFile()) {
        out.push({ ...base, type: 'file', lazy: lazyContent(path, st.size, () => readWhole(full, path, st.size)) });
      } else {
        out.push({ ...base, type: 'other' });
      }
    }
  };
  walk(Buffer.from(join(root)), '');
  return out.sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
}

/** Bytes as ASCII with every other byte as `\xNN`. */
function bytesForDisplay(bytes: Buffer): string {
  return [...bytes].map((b) => (b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('');
}

function readWhole(full: Buffer, path: string, size: number): Buffer {
  try {
    const fd = openSync(full, 'r');
    try {
      const buf = Buffer.alloc(size);
      let got = 0;
      while (got < size) {
        const n = readSync(fd, buf, got, size - got, got);
        if (n === 0) break;
        got += n;
      }
      return buf.subarray(0, got);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    throw new ContentUnavailable(path, `cannot read: ${reason(e)}`);
  }
}
