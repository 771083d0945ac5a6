/**
 * The inode tree under the container filesystem: directories of named links to inodes.
 *
 * Our own, not memfs: memfs's public fs API checks permission bits for every caller, root
 * included (a 0000 `/etc/shadow` is unreadable, a 0700 dir owned by 100000 in an
 * unprivileged container cannot be entered), its `rename` follows a symlink source and
 * leaks the replaced inode, and its path walk knows nothing of a chroot; the model only
 * ever used its bare Link/Node tree. That tree costs per inode two getuid system calls,
 * six Dates, a change fan-out and a path array, and every read and write copies the data:
 * most of the model's time went there. Here an inode is its mode, owner, and data or link
 * target; names are byte strings. Nothing in the model observes times or inode numbers.
 */
import type { LazyContent } from './lazyContent.ts';

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
const S_IFIFO = 0o010000;
export const S_ISUID = 0o4000;
export const S_ISGID = 0o2000;

export type InodeKind = 'file' | 'dir' | 'symlink' | 'other';

const EMPTY = Buffer.alloc(0);

export class Inode {
  /** File type bits and permission bits, as st_mode. */
  mode: number;
  uid = 0;
  gid = 0;
  /** A symlink's target (byte string). */
  symlink = '';
  /**
   * A file's content as given (text, or base64 text) while it has not been written since:
   * most files of a tree are only ever snapshotted, so they are never encoded or decoded.
   */
  text: string | undefined;
  base64: string | undefined;
  private bytes: Buffer | undefined = EMPTY;

  constructor(mode: number) {
    this.mode = mode;
  }

  /** A file's bytes; replaced whole, never changed in place (readers may hold views). */
  get data(): Buffer {
    return (this.bytes ??= this.text !== undefined ? Buffer.from(this.text, 'utf8') : Buffer.from(this.base64 ?? '', 'base64'));
  }

  set data(bytes: Buffer) {
    this.bytes = bytes;
    this.text = undefined;
    this.base64 = undefined;
  }

  /** Content given as text whose UTF-8 bytes decode back to it (no lone surrogate). */
  setWellFormedText(text: string): void {
    this.data = EMPTY;
    this.bytes = undefined;
    this.text = text;
  }

  /** Content given as base64. */
  setBase64(base64: string): void {
    this.data = EMPTY;
    this.bytes = undefined;
    this.base64 = base64;
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Gives a file the UTF-8 encoding of `text`, encoded only when someone reads the bytes. */
export function setText(node: Inode, text: string): void {
  // a lone surrogate encodes as U+FFFD: those bytes do not decode back to the text
  if (LONE_SURROGATE.test(text)) node.data = Buffer.from(text, 'utf8');
  else node.setWellFormedText(text);
}

export class Link {
  /** A directory's entries (no `.` or `..`); empty for other inodes. */
  readonly children = new Map<string, Link>();

  constructor(
    public name: string,
    public parent: Link | undefined,
    readonly node: Inode,
  ) {}

  getNode(): Inode {
    return this.node;
  }
}

/** A whole tree; its root link has no name and no parent. */
export class Volume {
  readonly root = new Link('', undefined, new Inode(S_IFDIR | 0o755));
}

/** An empty volume whose root is a 0755 directory owned by 0:0. */
export function createRootVolume(): Volume {
  return new Volume();
}

export function rootOf(vol: Volume): Link {
  return vol.root;
}

export function kindOf(node: Inode): InodeKind {
  switch (node.mode & S_IFMT) {
    case S_IFREG:
      return 'file';
    case S_IFDIR:
      return 'dir';
    case S_IFLNK:
      return 'symlink';
    default:
      return 'other';
  }
}

export function isDirLink(link: Link): boolean {
  return (link.node.mode & S_IFMT) === S_IFDIR;
}

/** A real entry of a directory (`.` and `..` are the walk's business, not entries). */
export function childOf(dir: Link, name: string): Link | undefined {
  if (name === '.' || name === '..') return undefined;
  return dir.children.get(name);
}

export function childNames(dir: Link): string[] {
  return [...dir.children.keys()];
}

/** The directory above `link`; the root is its own parent. */
export function parentOf(link: Link, root: Link): Link {
  return link === root || !link.parent ? root : link.parent;
}

export interface NewInode {
  kind: InodeKind;
  /** Permission bits incl. setuid/setgid/sticky, already final (umask applied by caller). */
  perm: number;
  uid: number;
  gid: number;
  data?: Uint8Array;
  /** Content loaded on the first read instead of `data`. */
  lazy?: LazyContent;
  /** File content as text (its UTF-8 bytes), or as base64, instead of `data`. */
  text?: string;
  base64?: string;
  target?: string;
}

/** Files whose content has not been read or written yet. */
const pending = new WeakMap<Inode, LazyContent>();

const TYPE_BITS: Record<InodeKind, number> = {
  file: S_IFREG,
  dir: S_IFDIR,
  symlink: S_IFLNK,
  other: S_IFIFO,
};

/** Adds `name` to `dir`; every field is set explicitly. */
export function addChild(dir: Link, name: string, spec: NewInode): Link {
  const node = new Inode(TYPE_BITS[spec.kind] | (spec.perm & 0o7777));
  if (spec.kind === 'symlink') node.symlink = spec.target ?? '';
  node.uid = spec.uid;
  node.gid = spec.gid;
  if (spec.kind === 'file' && spec.text !== undefined) setText(node, spec.text);
  else if (spec.kind === 'file' && spec.base64 !== undefined) node.setBase64(spec.base64);
  else if (spec.kind === 'file' && spec.data) node.data = Buffer.from(spec.data);
  if (spec.kind === 'file' && spec.lazy) pending.set(node, spec.lazy);
  const link = new Link(name, dir, node);
  dir.children.set(name, link);
  return link;
}

/** Detaches a link; its inode goes with it (the model makes no hard links). */
export function removeChild(link: Link): void {
  const parent = link.parent;
  if (!parent) throw new Error('cannot remove the root directory');
  parent.children.delete(link.name);
}

/** Moves a link (and the inode it names, unchanged) to `newDir/newName`. */
export function moveChild(link: Link, newDir: Link, newName: string): void {
  link.parent?.children.delete(link.name);
  link.name = newName;
  link.parent = newDir;
  newDir.children.set(newName, link);
}

/** The file's bytes as a read-only view (writes replace the buffer, never change it). */
export function readBytes(node: Inode): Buffer {
  const lazy = pending.get(node);
  if (lazy) {
    node.data = lazy.load();
    pending.delete(node);
  }
  return node.data;
}

/** Gives the file `data`, which the inode then owns. */
export function writeBytes(node: Inode, data: Buffer): void {
  pending.delete(node);
  node.data = data;
}

/** Content size without reading lazy content. */
export function sizeOf(node: Inode): number {
  return pending.get(node)?.size ?? node.data.length;
}

/** The lazy content of a file nobody has read or written yet. */
export function pendingContent(node: Inode): LazyContent | undefined {
  return pending.get(node);
}

export function permOf(node: Inode): number {
  return node.mode & 0o7777;
}

export function setPerm(node: Inode, perm: number): void {
  node.mode = (node.mode & S_IFMT) | (perm & 0o7777);
}
