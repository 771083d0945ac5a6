/**
 * A mutable container tree keyed by path, turned into the sorted entry list vectors use.
 * Keeps the entry-list rules of oracle/README.md §4: parents are listed before
 * children (missing ones become 0755 root directories) and nothing is listed below a
 * symlink.
 */
import { comparePaths, type FsEntry } from '@pve-chainguard/core';

export class TreeBuilder {
  /** Entries are values: replaced, never changed in place, so builders and lists share them. */
  readonly #entries = new Map<string, FsEntry>();

  constructor(entries: readonly FsEntry[] = []) {
    for (const entry of entries) this.#entries.set(entry.path, entry);
  }

  /** An independent copy (same listed entries; implied parents stay implied). */
  clone(): TreeBuilder {
    return new TreeBuilder(this.listed());
  }

  /** The entries as listed, in insertion order, without implied parents or sorting. */
  listed(): FsEntry[] {
    return [...this.#entries.values()];
  }

  has(path: string): boolean {
    return this.#entries.has(path);
  }

  get(path: string): FsEntry | undefined {
    return this.#entries.get(path);
  }

  dir(path: string, mode = '0755', uid = 0, gid = uid): this {
    // children of an implied or declared directory stay; a file or link there goes
    const existing = this.#entries.get(path);
    this.remove(path, { keepChildren: existing === undefined || existing.type === 'dir' });
    this.#entries.set(path, { path, type: 'dir', mode, uid, gid });
    return this;
  }

  file(path: string, content: string, mode = '0644', uid = 0, gid = uid): this {
    this.remove(path);
    this.#entries.set(path, { path, type: 'file', mode, uid, gid, content });
    return this;
  }

  binary(path: string, bytes: Uint8Array, mode = '0755'): this {
    return this.base64(path, Buffer.from(bytes).toString('base64'), mode);
  }

  /** A binary file given as its base64 text (contents encoded once and reused across trees). */
  base64(path: string, content: string, mode = '0755'): this {
    this.remove(path);
    this.#entries.set(path, { path, type: 'file', mode, uid: 0, gid: 0, content, encoding: 'base64' });
    return this;
  }

  link(path: string, target: string): this {
    this.remove(path);
    this.#entries.set(path, { path, type: 'symlink', mode: '0777', uid: 0, gid: 0, target });
    return this;
  }

  /** Removes a path and everything below it (unless `keepChildren`). */
  remove(path: string, opts: { keepChildren?: boolean } = {}): this {
    this.#entries.delete(path);
    if (!opts.keepChildren) {
      const prefix = `${path}/`;
      // deleting while iterating a Map is safe: no copy of the keys per call
      for (const key of this.#entries.keys()) if (key.startsWith(prefix)) this.#entries.delete(key);
    }
    return this;
  }

  /** Changes the owner of every entry (an image unpacked for an id-mapped container). */
  chownAll(uid: number, gid: number, filter: (e: FsEntry) => boolean = () => true): this {
    for (const [path, entry] of this.#entries) {
      if (filter(entry)) this.#entries.set(path, { ...entry, uid, gid });
    }
    return this;
  }

  /** Sorted entries, parents completed, nothing below a symlink or a file. */
  entries(): FsEntry[] {
    const listed = this.#entries;
    const implied = new Map<string, FsEntry>();
    for (const path of listed.keys()) {
      // a parent already there has had its own parents completed (listed ones in this loop)
      for (let p = parentOf(path); p !== '/' && !listed.has(p) && !implied.has(p); p = parentOf(p)) {
        implied.set(p, { path: p, type: 'dir', mode: '0755', uid: 0, gid: 0 });
      }
    }
    const paths = sortedPaths([...listed.keys(), ...implied.keys()]);
    // parents sort before their children: an entry stays when its parent is '/' or a kept
    // directory (so nothing below a file, a symlink or a dropped directory)
    const keptDirs = new Set<string>();
    const out: FsEntry[] = [];
    for (const path of paths) {
      const parent = parentOf(path);
      if (parent !== '/' && !keptDirs.has(parent)) continue;
      const entry = listed.get(path) ?? implied.get(path)!;
      if (entry.type === 'dir') keptDirs.add(path);
      out.push(entry);
    }
    return out;
  }
}

/** Code units from U+D800 up, where UTF-16 order stops being byte order. */
const HIGH_UNITS = /[\ud800-\uffff]/;

/** Byte order; plain code-unit order (one test per path, not per comparison) when it agrees. */
function sortedPaths(paths: string[]): string[] {
  if (paths.some((p) => HIGH_UNITS.test(p))) return paths.sort(comparePaths);
  return paths.sort(); // strings: code-unit order
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}
