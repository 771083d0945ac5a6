/**
 * The strict rules every FsEntry list from outside passes before it is materialised
 * (a manifest array, a vector's rootfs): volumeFromEntries trusts its input, so a `..`
 * path, an unknown type or a bad mode must be refused here, with entry and key named.
 */
import type { FsEntry } from './entry.ts';
import { sortPaths } from './treeDiff.ts';

export class EntryError extends Error {
  constructor(
    /** Where in the input: `entries[3]`, `rootfs[0]`. */
    readonly where: string,
    readonly key: string | undefined,
    readonly reason: string,
  ) {
    super(`${where}${key === undefined ? '' : `.${key}`}: ${reason}`);
    this.name = 'EntryError';
  }
}

export interface EntryRules {
  /** `required`: every ancestor is listed as a directory; `implicit`: unlisted ones are 0755 dirs (the recorder's rule). */
  parents: 'required' | 'implicit';
  /** Name of the list in messages (default `entries`). */
  listName?: string;
  /** Extra keys allowed on an entry (e.g. fixture notes). */
  extraKeys?: readonly string[];
}

const KEYS = new Set(['path', 'type', 'mode', 'uid', 'gid', 'content', 'encoding', 'target']);
const TYPES = new Set(['dir', 'file', 'symlink', 'other']);
const MAX_ID = 0xfffffffe;

/** Checks `raw` and returns it typed and sorted by path in byte order (parents first). */
export function validateEntries(raw: unknown, rules: EntryRules): FsEntry[] {
  const list = rules.listName ?? 'entries';
  if (!Array.isArray(raw)) throw new EntryError(list, undefined, 'must be an array of entries');
  const types = new Map<string, FsEntry['type']>();
  const entries = raw.map((candidate: unknown, i) => {
    const entry = checkEntry(candidate, `${list}[${i}]`, rules);
    if (types.has(entry.path)) throw new EntryError(`${list}[${i}]`, 'path', `${JSON.stringify(entry.path)} is listed twice`);
    types.set(entry.path, entry.type);
    return entry;
  });
  entries.forEach((entry, i) => {
    let ancestor = '';
    for (const name of entry.path.split('/').slice(1, -1)) {
      ancestor += `/${name}`;
      const type = types.get(ancestor);
      if (type === undefined && rules.parents === 'implicit') continue;
      const why = type === undefined ? 'is not listed' : type === 'dir' ? undefined : `is a ${type}, not a directory`;
      if (why) throw new EntryError(`${list}[${i}]`, 'path', `${JSON.stringify(entry.path)}: parent ${ancestor} ${why}`);
    }
  });
  const byPath = new Map(entries.map((e) => [e.path, e]));
  return sortPaths(byPath.keys()).map((p) => byPath.get(p)!);
}

function checkEntry(candidate: unknown, where: string, rules: EntryRules): FsEntry {
  const fail = (key: string | undefined, reason: string): never => {
    throw new EntryError(where, key, reason);
  };
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) return fail(undefined, 'is not an object');
  const e = candidate as Record<string, unknown>;
  for (const key of Object.keys(e)) {
    if (!KEYS.has(key) && !rules.extraKeys?.includes(key)) fail(key, 'unknown key');
  }
  if (typeof e.path !== 'string') return fail('path', 'must be a string');
  if (!isNormalisedAbsolute(e.path)) {
    fail('path', `${JSON.stringify(e.path)} must be absolute and normalised (no //, ., .., trailing / or NUL)`);
  }
  if (typeof e.type !== 'string' || !TYPES.has(e.type)) fail('type', `${JSON.stringify(e.type)} is not dir, file, symlink or other`);
  const type = e.type as FsEntry['type'];
  if (e.mode !== undefined) {
    if (typeof e.mode !== 'string' || !/^[0-7]{4}$/.test(e.mode)) fail('mode', `${JSON.stringify(e.mode)} is not four octal digits, e.g. "0644"`);
    if (type === 'symlink' && e.mode !== '0777') fail('mode', 'a symlink has mode 0777 or none');
  }
  for (const key of ['uid', 'gid'] as const) {
    const id = e[key];
    if (id !== undefined && !(typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 && id <= MAX_ID)) {
      fail(key, `${JSON.stringify(id)} is not an id 0..${MAX_ID}`);
    }
  }
  if (type === 'symlink') {
    if (typeof e.target !== 'string' || e.target === '' || e.target.includes('\0')) fail('target', 'a symlink needs a non-empty target without NUL');
  } else if (e.target !== undefined) {
    fail('target', `a ${type} has no target`);
  }
  if (type !== 'file') {
    for (const key of ['content', 'encoding']) if (e[key] !== undefined) fail(key, `a ${type} has no ${key}`);
  } else {
    if (e.content !== undefined && typeof e.content !== 'string') fail('content', 'must be a string');
    if (e.encoding !== undefined) {
      if (e.encoding !== 'base64') fail('encoding', `${JSON.stringify(e.encoding)} is not "base64"`);
      if (!isCanonicalBase64(String(e.content ?? ''))) fail('content', 'is not canonical base64');
    }
  }
  return candidate as FsEntry;
}

/** `/a/b`: absolute, no empty, `.` or `..` names, no trailing slash, no NUL. */
export function isNormalisedAbsolute(path: string): boolean {
  if (!path.startsWith('/') || path === '/' || path.endsWith('/') || path.includes('\0')) return false;
  return path
    .slice(1)
    .split('/')
    .every((name) => name !== '' && name !== '.' && name !== '..');
}

/** Standard base64 that re-encodes to itself (no stray characters, no missing padding). */
export function isCanonicalBase64(text: string): boolean {
  return /^[A-Za-z0-9+/]*={0,2}$/.test(text) && Buffer.from(text, 'base64').toString('base64') === text;
}
