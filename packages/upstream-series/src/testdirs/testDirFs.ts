import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { contentFields, entryContentBytes, formatMode, type FsEntry } from '@pve-chainguard/core';

/** Writes entries (paths relative to `dir`, with a leading `/`) below `dir`. */
export function writeTestDir(dir: string, entries: readonly FsEntry[]): void {
  for (const e of entries) {
    const path = join(dir, e.path);
    if (e.type === 'dir') {
      mkdirSync(path, { recursive: true });
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    if (e.type === 'symlink') symlinkSync(e.target!, path);
    else if (e.type === 'file') {
      writeFileSync(path, entryContentBytes(e));
      chmodSync(path, parseInt(e.mode ?? '0644', 8));
    } else throw new Error(`${e.path}: cannot write a '${e.type}' entry into a test dir`);
  }
}

/** Reads a test dir back into entries, as the harness's `cp -a` would present it. */
export function readTestDir(dir: string): FsEntry[] {
  const out: FsEntry[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const r = `${rel}/${name}`;
      const st = lstatSync(join(dir, r));
      const mode = formatMode(st.mode & 0o7777);
      if (st.isSymbolicLink()) out.push({ path: r, type: 'symlink', target: readlinkSync(join(dir, r)) });
      else if (st.isDirectory()) {
        out.push({ path: r, type: 'dir', mode });
        walk(r);
      } else if (st.isFile()) out.push({ path: r, type: 'file', mode, ...contentFields(readFileSync(join(dir, r))) });
    }
  };
  walk('');
  return out;
}
