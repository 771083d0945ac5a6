/**
 * Readable differences between two FsEntry lists (tree snapshots or manifests). Missing
 * fields take the manifest defaults (see manifest.ts), and contents compare as bytes, so
 * a text entry equals a base64 entry with the same bytes.
 */
import { decodeUtf8Strict } from './bytes.ts';
import type { FsEntry } from './entry.ts';
import { unifiedHunks } from './lineDiff.ts';
import { entryContentBytes, formatMode, parseMode } from './manifest.ts';

interface Canonical {
  path: string;
  type: FsEntry['type'];
  mode: string;
  uid: number;
  gid: number;
  /** File content, read on first use (lazy entries load then). */
  readonly bytes: Buffer | undefined;
  lazy: FsEntry['lazy'];
  target: string | undefined;
}

/** Same unread content on both sides: equal without reading it. */
function sameLazy(a: Canonical | undefined, b: Canonical | undefined): boolean {
  return a?.lazy !== undefined && a.lazy === b?.lazy;
}

const DEFAULT_MODE: Record<FsEntry['type'], string> = {
  dir: '0755',
  file: '0644',
  symlink: '0777',
  other: '0644',
};

function canonical(e: FsEntry): Canonical {
  let bytes: Buffer | undefined;
  return {
    path: e.path,
    type: e.type,
    mode: e.type === 'symlink' ? '0777' : e.mode === undefined ? DEFAULT_MODE[e.type] : formatMode(parseMode(e.mode, e.path)),
    uid: e.uid ?? 0,
    gid: e.gid ?? 0,
    get bytes() {
      if (e.type === 'file') bytes ??= entryContentBytes(e);
      return bytes;
    },
    lazy: e.type === 'file' ? e.lazy : undefined,
    target: e.type === 'symlink' ? (e.target ?? '') : undefined,
  };
}

/** Code units from U+D800 up, where UTF-16 order stops being UTF-8 (code point) order. */
const HIGH_UNITS = /[\ud800-\uffff]/;

/** Byte order of the UTF-8 paths (the order snapshots use). */
export function comparePaths(a: string, b: string): number {
  if (!HIGH_UNITS.test(a) && !HIGH_UNITS.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function byPath(entries: readonly FsEntry[]): Map<string, Canonical> {
  return new Map(entries.map((e) => [e.path, canonical(e)]));
}

/** Paths in byte order: each encoded once (a 100k-entry rootfs would otherwise encode millions of times). */
export function sortPaths(paths: Iterable<string>): string[] {
  return [...paths]
    .map((path) => ({ path, key: Buffer.from(path, 'utf8').toString('latin1') }))
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    .map((x) => x.path);
}

function allPaths(a: Map<string, Canonical>, b: Map<string, Canonical>): string[] {
  return sortPaths(new Set([...a.keys(), ...b.keys()]));
}

function owner(e: Canonical): string {
  return `${e.uid}:${e.gid}`;
}

function describe(e: Canonical): string {
  if (e.type === 'symlink') return `symlink ${owner(e)} -> ${e.target}`;
  if (e.type === 'file') return `file ${e.mode} ${owner(e)} (${e.lazy?.size ?? e.bytes!.length} bytes)`;
  return `${e.type} ${e.mode} ${owner(e)}`;
}

function asText(bytes: Buffer): string | undefined {
  return decodeUtf8Strict(bytes);
}

function firstByteDifference(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}

/** Content change of two files: a short line diff for text, sizes and offset for binary. */
function contentDifference(before: Buffer, after: Buffer, maxHunks?: number): string {
  const a = asText(before);
  const b = asText(after);
  if (a !== undefined && b !== undefined) {
    return unifiedHunks(a, b, { context: 2, maxHunks });
  }
  return `binary content differs: ${before.length} vs ${after.length} bytes, ` + `first difference at byte ${firstByteDifference(before, after)}\n`;
}

function fieldDifferences(e: Canonical, a: Canonical): string[] {
  if (e.type !== a.type) return [`type: expected ${describe(e)}, got ${describe(a)}`];
  const out: string[] = [];
  if (e.target !== a.target) {
    out.push(`target: expected ${JSON.stringify(e.target)}, got ${JSON.stringify(a.target)}`);
  }
  if (e.mode !== a.mode) out.push(`mode: expected ${e.mode}, got ${a.mode}`);
  if (e.uid !== a.uid) out.push(`uid: expected ${e.uid}, got ${a.uid}`);
  if (e.gid !== a.gid) out.push(`gid: expected ${e.gid}, got ${a.gid}`);
  if (!sameLazy(e, a) && e.bytes && a.bytes && !e.bytes.equals(a.bytes)) {
    out.push('content differs (- expected, + actual):\n' + contentDifference(e.bytes, a.bytes, 3).trimEnd());
  }
  return out;
}

/**
 * The first path (in byte order) where the lists disagree, with every differing field of
 * it and both values; undefined when they describe the same tree.
 */
export function firstDifference(expected: readonly FsEntry[], actual: readonly FsEntry[]): string | undefined {
  if (sameFields(expected, actual)) return undefined;
  const exp = byPath(expected);
  const act = byPath(actual);
  for (const path of allPaths(exp, act)) {
    const e = exp.get(path);
    const a = act.get(path);
    if (!a) return `${path}: expected ${describe(e!)}, missing`;
    if (!e) return `${path}: unexpected ${describe(a)}`;
    const diffs = fieldDifferences(e, a);
    if (diffs.length > 0) return `${path}: ${diffs.join('\n  ')}`;
  }
  return undefined;
}

/**
 * The lists are entry for entry the same, field for field as written: then they describe
 * the same tree (the usual answer, found without decoding contents or sorting paths).
 */
function sameFields(a: readonly FsEntry[], b: readonly FsEntry[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (
      x.path !== y.path ||
      x.type !== y.type ||
      x.mode !== y.mode ||
      x.uid !== y.uid ||
      x.gid !== y.gid ||
      x.content !== y.content ||
      x.encoding !== y.encoding ||
      x.target !== y.target
    ) {
      return false;
    }
  }
  return true;
}

function creationLine(prefix: 'new' | 'deleted', e: Canonical): string {
  return e.type === 'symlink' ? `${prefix} symlink ${owner(e)} -> ${e.target}` : `${prefix} ${e.type} ${e.mode} ${owner(e)}`;
}

function contentSection(path: string, before: Buffer | undefined, after: Buffer | undefined): string[] {
  const from = before ?? Buffer.alloc(0);
  const to = after ?? Buffer.alloc(0);
  if (from.equals(to)) return [];
  const a = asText(from);
  const b = asText(to);
  if (a === undefined || b === undefined) {
    return [`Binary content differs (${from.length} -> ${to.length} bytes)`];
  }
  return [before ? `--- a${path}` : '--- /dev/null', after ? `+++ b${path}` : '+++ /dev/null', unifiedHunks(a, b).trimEnd()];
}

/**
 * Every change from `before` to `after` as a unified diff: one `diff a/<p> b/<p>` block
 * per changed path, with header lines for creation/deletion, mode, owner and link target
 * changes, followed by the content hunks of files. '' when nothing changed.
 */
export function unifiedTreeDiff(before: readonly FsEntry[], after: readonly FsEntry[]): string {
  const old = byPath(before);
  const now = byPath(after);
  const blocks: string[] = [];
  for (const path of allPaths(old, now)) {
    const o = old.get(path);
    const n = now.get(path);
    const lines: string[] = [];
    if (!o || !n || o.type !== n.type) {
      if (o) lines.push(creationLine('deleted', o));
      if (n) lines.push(creationLine('new', n));
    } else {
      if (o.mode !== n.mode) lines.push(`old mode ${o.mode}`, `new mode ${n.mode}`);
      if (o.uid !== n.uid || o.gid !== n.gid) {
        lines.push(`old owner ${owner(o)}`, `new owner ${owner(n)}`);
      }
      if (o.target !== n.target) lines.push(`old target ${o.target}`, `new target ${n.target}`);
    }
    if (!sameLazy(o, n)) lines.push(...contentSection(path, o?.bytes, n?.bytes));
    if (lines.length === 0) continue;
    blocks.push([`diff a${path} b${path}`, ...lines].join('\n'));
  }
  return blocks.length === 0 ? '' : blocks.join('\n') + '\n';
}
