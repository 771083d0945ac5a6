import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { FsEntry } from '@pve-chainguard/core';

/**
 * A real directory as manifest entries (lstat semantics, sorted by path): the way to hand
 * an unpacked template or OCI rootfs to the model. Device nodes and FIFOs become `other`.
 */
export function readDirectory(root: string): FsEntry[] {
  const out: FsEntry[] = [];
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const path = `${rel}/${name}`;
      const st = lstatSync(full);
      const base = { path, mode: (st.mode & 0o7777).toString(8).padStart(4, '0'), uid: st.uid, gid: st.gid };
      if (st.isSymbolicLink()) {
        out.push({ ...base, type: 'symlink', mode: '0777', target: readlinkSync(full, 'latin1') });
      } else if (st.isDirectory()) {
        out.push({ ...base, type: 'dir' });
        walk(full, path);
      } else if (st.isFile()) {
        const bytes = readFileSync(full);
        const text = bytes.toString('utf8');
        out.push(Buffer.from(text, 'utf8').equals(bytes)
          ? { ...base, type: 'file', content: text }
          : { ...base, type: 'file', content: bytes.toString('base64'), encoding: 'base64' });
      } else {
        out.push({ ...base, type: 'other' });
      }
    }
  };
  walk(root, '');
  return out.sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
}
