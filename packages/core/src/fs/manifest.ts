/**
 * FsEntry lists ↔ volumes (oracle/README.md §4).
 *
 * Entries carry text (UTF-8 paths, targets and content, or base64 content); the volume
 * holds byte strings. Materialising follows the recorder: entries in list order, unlisted
 * parents as 0755 root-owned directories, explicit modes (umask plays no part), defaults
 * 0755 for dirs and 0644 for files, owners via lchown (default 0:0), symlink modes ignored.
 */
import { byteStringToUtf8, decodeUtf8Strict, utf8ToByteString } from './bytes.ts';
import { CtFs, type CtFsOptions } from './CtFs.ts';
import type { CtFsApi } from './CtFsApi.ts';
import type { FsEntry } from './entry.ts';
import { addChild, childNames, createRootVolume, isDirLink, kindOf, pendingContent, permOf, readBytes, rootOf, Volume, type Inode, type Link } from './inodes.ts';
import { walk } from './pathWalk.ts';

const DEFAULT_PERM: Record<FsEntry['type'], number> = {
  dir: 0o755,
  file: 0o644,
  symlink: 0o777,
  other: 0o644,
};

/** The bytes an entry's `content` stands for (UTF-8 text, or base64 when so marked). */
export function entryContentBytes(entry: Pick<FsEntry, 'content' | 'encoding' | 'lazy'>): Buffer {
  if (entry.lazy) return entry.lazy.load();
  const content = entry.content ?? '';
  return entry.encoding === 'base64' ? Buffer.from(content, 'base64') : Buffer.from(content, 'utf8');
}

/** `content` (+ `encoding`) for bytes: UTF-8 text when valid, else standard base64. */
export function contentFields(bytes: Uint8Array): Pick<FsEntry, 'content' | 'encoding'> {
  const text = decodeUtf8Strict(bytes);
  if (text !== undefined) return { content: text };
  return { content: Buffer.from(bytes).toString('base64'), encoding: 'base64' };
}

export function parseMode(mode: string, path: string): number {
  if (!/^[0-7]{1,4}$/.test(mode)) throw new Error(`${path}: bad mode ${JSON.stringify(mode)}`);
  return parseInt(mode, 8);
}

export function formatMode(perm: number): string {
  return (perm & 0o7777).toString(8).padStart(4, '0');
}

/**
 * The directory that will hold `path`, creating unlisted parents as 0755 root dirs.
 * `known` maps parent paths already resolved (as written, up to the last slash) to their
 * directory: entries only ever add to the tree, so a prefix that resolved once resolves
 * the same way for every later entry.
 */
function parentDir(root: Link, path: string, known: Map<string, Link>): { dir: Link; name: string } {
  // The cache key is the path up to its last slash, as written.
  const slash = path.lastIndexOf('/');
  const cached = known.get(path.slice(0, slash + 1));
  const last = path.slice(slash + 1);
  if (cached && last !== '' && last !== '.' && last !== '..') return { dir: cached, name: last };
  const names = path.split('/').filter((c) => c !== '');
  const name = names.pop();
  if (name === undefined || name === '.' || name === '..') {
    throw new Error(`not an entry path: ${JSON.stringify(path)}`);
  }
  let prefix = '';
  for (const dirName of names) {
    prefix += '/' + dirName;
    const r = walk(root, prefix, { followFinal: true });
    if (!r.link) addChild(r.dir, r.name, { kind: 'dir', perm: 0o755, uid: 0, gid: 0 });
  }
  const r = walk(root, prefix === '' ? '/' : prefix, { followFinal: true });
  if (!r.link || !isDirLink(r.link)) throw new Error(`${path}: parent is not a directory`);
  if (last === name) known.set(path.slice(0, slash + 1), r.link); // not for `a/b/`, `a/.`
  return { dir: r.link, name };
}

export function volumeFromEntries(entries: readonly FsEntry[]): Volume {
  const vol = createRootVolume();
  const root = rootOf(vol);
  const known = new Map<string, Link>();
  for (const entry of entries) {
    const path = utf8ToByteString(entry.path);
    const { dir, name } = parentDir(root, path, known);
    const perm = entry.mode === undefined ? DEFAULT_PERM[entry.type] : parseMode(entry.mode, entry.path);
    const uid = entry.uid ?? 0;
    const gid = entry.gid ?? 0;
    const existing = dir.children.get(name);
    if (existing && entry.type === 'dir' && kindOf(existing.getNode()) === 'dir') {
      // An implicit parent listed later: give it the listed mode and owner.
      const node = existing.getNode();
      node.mode = (node.mode & ~0o7777) | perm;
      node.uid = uid;
      node.gid = gid;
      knowDir(known, path, name, existing);
      continue;
    }
    if (existing) throw new Error(`${entry.path}: listed twice`);
    if (entry.type === 'symlink' && !entry.target) {
      throw new Error(`${entry.path}: symlink without target`);
    }
    const link = addChild(dir, name, {
      kind: entry.type,
      perm: entry.type === 'symlink' ? 0o777 : perm,
      uid,
      gid,
      text: entry.type === 'file' && !entry.lazy && entry.encoding !== 'base64' ? (entry.content ?? '') : undefined,
      base64: entry.type === 'file' && !entry.lazy && entry.encoding === 'base64' ? (entry.content ?? '') : undefined,
      lazy: entry.type === 'file' ? entry.lazy : undefined,
      target: entry.type === 'symlink' ? utf8ToByteString(entry.target!) : undefined,
    });
    if (entry.type === 'dir') knowDir(known, path, name, link);
  }
  return vol;
}

/**
 * A listed directory is the parent its children will name (lists put parents first), so
 * they find it in `known` without walking. Only for a path that ends in its own name
 * (not `a/b/`), the form parentDir caches too.
 */
function knowDir(known: Map<string, Link>, path: string, name: string, link: Link): void {
  const at = path.length - name.length;
  if (path.endsWith(name) && (at === 0 || path[at - 1] === '/')) known.set(`${path}/`, link);
}

/** A CtFs over a freshly materialised manifest. */
export function ctFsFromEntries(entries: readonly FsEntry[], options?: CtFsOptions): CtFs {
  return new CtFs(volumeFromEntries(entries), options);
}

const ASCII = /^[\x00-\x7f]*$/;

function asText(bytes: string, what: string): string {
  if (ASCII.test(bytes)) return bytes; // the common case: the bytes are their own text
  const text = byteStringToUtf8(bytes);
  if (text === undefined) throw new Error(`${what} is not valid UTF-8: ${JSON.stringify(bytes)}`);
  return text;
}

/**
 * The tree snapshot (`expect.tree` shape): every path below `/`, lstat semantics, sorted
 * by path in byte order, every field present, keys in alphabetical order.
 */
export function entriesFromFs(source: CtFsApi | Volume): FsEntry[] {
  if (source instanceof Volume) return entriesFromTree(rootOf(source));
  if (source instanceof CtFs) return entriesFromTree(rootOf(source.volume));
  const fs = source;
  const paths: string[] = [];
  const visit = (dir: string): void => {
    for (const name of fs.readdir(dir)) {
      const path = dir === '/' ? `/${name}` : `${dir}/${name}`;
      paths.push(path);
      if (fs.lstat(path)?.type === 'dir') visit(path);
    }
  };
  visit('/');
  // Byte-string paths: code-unit order is byte order (so `/a` < `/a-b` < `/a/x`).
  paths.sort();
  return paths.map((path) => snapshotEntry(fs, path));
}

/** entriesFromFs straight off the inode tree: no path walk per entry, no data copies. */
function entriesFromTree(root: Link): FsEntry[] {
  const found: Array<{ path: string; link: Link }> = [];
  const visit = (dir: Link, dirPath: string): void => {
    for (const name of childNames(dir)) {
      const link = dir.children.get(name)!;
      const path = dirPath === '/' ? `/${name}` : `${dirPath}/${name}`;
      found.push({ path, link });
      if (isDirLink(link)) visit(link, path);
    }
  };
  visit(root, '/');
  found.sort((a, b) => (a.path < b.path ? -1 : 1));
  return found.map(({ path, link }) => {
    const node = link.getNode();
    const type = kindOf(node);
    const content = type === 'file' ? fileContent(node) : undefined;
    return snapshotFields(path, type, node.uid, node.gid, permOf(node), content, node.symlink);
  });
}

/** Snapshot fields of base64 contents seen before: the same binaries recur in every tree. */
const base64Fields = new Map<string, Pick<FsEntry, 'content' | 'encoding'>>();

function fileContent(node: Inode): Pick<FsEntry, 'content' | 'encoding' | 'lazy'> {
  const lazy = pendingContent(node);
  if (lazy) return { lazy };
  if (node.text !== undefined) return { content: node.text };
  if (node.base64 === undefined) return contentFields(readBytes(node));
  let fields = base64Fields.get(node.base64);
  if (!fields) {
    if (base64Fields.size >= 1024) base64Fields.clear();
    fields = contentFields(readBytes(node));
    base64Fields.set(node.base64, fields);
  }
  return fields;
}

function snapshotEntry(fs: CtFsApi, path: string): FsEntry {
  const st = fs.lstat(path);
  if (!st) throw new Error(`vanished during snapshot: ${path}`);
  const content = st.type === 'file' ? contentFields(Buffer.from(fs.readFile(path), 'latin1')) : undefined;
  const target = st.type === 'symlink' ? (fs.readlink(path) ?? '') : undefined;
  return snapshotFields(path, st.type, st.uid, st.gid, st.mode, content, target);
}

/** One `expect.tree` entry; `content` is a file's, `target` a symlink's. */
function snapshotFields(
  path: string,
  type: FsEntry['type'],
  uid: number,
  gid: number,
  perm: number,
  fileContent: Pick<FsEntry, 'content' | 'encoding' | 'lazy'> | undefined,
  target: string | undefined,
): FsEntry {
  const textPath = asText(path, 'path');
  const mode = formatMode(type === 'symlink' ? 0o777 : perm);
  // Literals, not spreads (a tree has hundreds of entries); key order as before: sorted.
  switch (type) {
    case 'file': {
      // unread content stays unread: the snapshot refers to the same source
      const { content, encoding, lazy } = fileContent!;
      if (lazy) return { gid, lazy, mode, path: textPath, type: 'file', uid };
      return encoding === undefined ? { content, gid, mode, path: textPath, type: 'file', uid } : { content, encoding, gid, mode, path: textPath, type: 'file', uid };
    }
    case 'symlink': {
      const text = asText(target ?? '', `target of ${textPath}`);
      return { gid, mode, path: textPath, target: text, type: 'symlink', uid };
    }
    default:
      return { gid, mode, path: textPath, type, uid };
  }
}
