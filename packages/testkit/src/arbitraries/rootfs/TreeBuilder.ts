/**
 * A mutable container tree keyed by path, turned into the sorted entry list vectors use.
 * Keeps the entry-list rules of oracle/README.md §4: parents are listed before
 * children (missing ones become 0755 root directories) and nothing is listed below a
 * symlink.
 */
import { comparePaths, type FsEntry } from '@pve-chainguard/core';

export class TreeBuilder {
  readonly #entries = new Map<string, FsEntry>();

  constructor(entries: readonly FsEntry[] = []) {
    for (const entry of entries) this.#entries.set(entry.path, { ...entry });
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
    this.remove(path);
    const content = Buffer.from(bytes).toString('base64');
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
      for (const key of [...this.#entries.keys()]) if (key.startsWith(prefix)) this.#entries.delete(key);
    }
    return this;
  }

  /** Changes the owner of every entry (an image unpacked for an id-mapped container). */
  chownAll(uid: number, gid: number, filter: (e: FsEntry) => boolean = () => true): this {
    for (const entry of this.#entries.values()) {
      if (filter(entry)) Object.assign(entry, { uid, gid });
    }
    return this;
  }

  /** Sorted entries, parents completed, nothing below a symlink or a file. */
  entries(): FsEntry[] {
    const all = new Map(this.#entries);
    for (const path of [...all.keys()]) {
      for (let p = parentOf(path); p !== '/'; p = parentOf(p)) {
        if (!all.has(p)) all.set(p, { path: p, type: 'dir', mode: '0755', uid: 0, gid: 0 });
      }
    }
    const sorted = [...all.values()].sort((a, b) => comparePaths(a.path, b.path));
    // kept non-directories; a path below one (any prefix before a '/') is dropped. Looked
    // up per prefix: scanning every blocked path per entry was a tenth of case building.
    const blocked = new Set<string>();
    return sorted.filter((entry) => {
      const path = entry.path;
      for (let i = path.indexOf('/', 1); i > 0; i = path.indexOf('/', i + 1)) {
        if (blocked.has(path.slice(0, i))) return false;
      }
      if (entry.type !== 'dir') blocked.add(path);
      return true;
    });
  }
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}
