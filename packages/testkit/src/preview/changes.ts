import { createHash } from 'node:crypto';
import { entryContentBytes, sortPaths, type FsEntry } from '@pve-chainguard/core';

/** What --json shows of an entry on each side of a change (content as size and digest). */
export interface EntryMeta {
  type: FsEntry['type'];
  mode: string;
  uid: number;
  gid: number;
  target?: string;
  size?: number;
  sha256?: string;
}

export interface EntryChange {
  path: string;
  change: 'added' | 'changed' | 'removed';
  before?: EntryMeta;
  after?: EntryMeta;
}

export interface ChangeCounts {
  added: number;
  changed: number;
  removed: number;
}

const DEFAULT_MODE: Record<FsEntry['type'], string> = { dir: '0755', file: '0644', symlink: '0777', other: '0644' };

/** Metadata; `digest` false leaves unread (lazy) content unread. */
function meta(e: FsEntry, digest = true): EntryMeta {
  const m: EntryMeta = {
    type: e.type,
    mode: e.type === 'symlink' ? '0777' : (e.mode ?? DEFAULT_MODE[e.type]),
    uid: e.uid ?? 0,
    gid: e.gid ?? 0,
  };
  if (e.type === 'symlink') m.target = e.target ?? '';
  if (e.type === 'file' && e.lazy && !digest) {
    m.size = e.lazy.size;
  } else if (e.type === 'file') {
    const bytes = entryContentBytes(e);
    m.size = bytes.length;
    m.sha256 = createHash('sha256').update(bytes).digest('hex');
  }
  return m;
}

function sameMeta(a: EntryMeta, b: EntryMeta): boolean {
  return (Object.keys({ ...a, ...b }) as Array<keyof EntryMeta>).every((k) => a[k] === b[k]);
}

/** Every path added, changed (type, mode, owner, target or bytes) or removed, in byte order. */
export function treeChanges(before: readonly FsEntry[], after: readonly FsEntry[]): EntryChange[] {
  const old = new Map(before.map((e) => [e.path, e]));
  const now = new Map(after.map((e) => [e.path, e]));
  const paths = sortPaths(new Set([...old.keys(), ...now.keys()]));
  const out: EntryChange[] = [];
  for (const path of paths) {
    const o = old.get(path);
    const n = now.get(path);
    if (o === n) continue;
    if (o && n) {
      // the same unread content on both sides is equal without reading it
      const digest = !(o.lazy && o.lazy === n.lazy);
      const [a, b] = [meta(o, digest), meta(n, digest)];
      if (!sameMeta(a, b)) out.push({ path, change: 'changed', before: a, after: b });
    } else if (n) {
      out.push({ path, change: 'added', after: meta(n) });
    } else if (o) {
      out.push({ path, change: 'removed', before: meta(o, false) });
    }
  }
  return out;
}

export function countChanges(changes: readonly EntryChange[]): ChangeCounts {
  const counts: ChangeCounts = { added: 0, changed: 0, removed: 0 };
  for (const c of changes) counts[c.change]++;
  return counts;
}

/** `N added, N changed, N removed`, or `no changes`. */
export function summaryText(counts: ChangeCounts): string {
  if (counts.added + counts.changed + counts.removed === 0) return 'no changes';
  return `${counts.added} added, ${counts.changed} changed, ${counts.removed} removed`;
}
