/**
 * The one place that touches memfs internals (the `Superblock` behind `Volume._core`, its
 * `Link` tree and `Node` inodes).
 *
 * Why not memfs's public fs API: it checks permission bits for every caller, root
 * included (a 0000 `/etc/shadow` is unreadable, a 0700 dir owned by 100000 in an
 * unprivileged container cannot be entered), its `rename` follows a symlink source and
 * leaks the replaced inode, and its path walk knows nothing of a chroot. Working on the
 * inode tree directly gives root's view with no mode juggling; names are byte strings.
 */
import { Volume } from 'memfs';

type Superblock = Volume['_core'];
export type Link = Superblock['root'];
export type Inode = ReturnType<Link['getNode']>;

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
const S_IFIFO = 0o010000;
export const S_ISUID = 0o4000;
export const S_ISGID = 0o2000;

export type InodeKind = 'file' | 'dir' | 'symlink' | 'other';

/** A process memfs may consult (public API users): root, cwd `/`, Linux error codes. */
const rootProcess = {
  getuid: () => 0,
  getgid: () => 0,
  cwd: () => '/',
  platform: 'linux',
  emitWarning: () => {},
  env: {},
};

/** An empty volume whose root is a 0755 directory owned by 0:0. */
export function createRootVolume(): Volume {
  const vol = Volume.fromJSON({}, '/', { process: rootProcess });
  const root = vol._core.root.getNode();
  root.mode = S_IFDIR | 0o755;
  root.uid = 0;
  root.gid = 0;
  return vol;
}

const nodeTemplate: Inode = createRootVolume()._core.createNode(S_IFREG | 0o644);

export function rootOf(vol: Volume): Link {
  return vol._core.root;
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
  return kindOf(link.getNode()) === 'dir';
}

/** A real entry of a directory; memfs keeps `.` and `..` in the same map. */
export function childOf(dir: Link, name: string): Link | undefined {
  if (name === '.' || name === '..') return undefined;
  return dir.children.get(name);
}

export function childNames(dir: Link): string[] {
  const names: string[] = [];
  for (const [name, link] of dir.children) {
    if (name !== '.' && name !== '..' && link) names.push(name);
  }
  return names;
}

/** The directory above `link`; the root is its own parent (memfs sets root.parent = root). */
export function parentOf(link: Link, root: Link): Link {
  return link === root || !link.parent ? root : link.parent;
}

/** Absolute byte-string path of a link, from its parent chain. */
export function pathOf(link: Link, root: Link): string {
  const names: string[] = [];
  for (let cur = link; cur !== root; cur = parentOf(cur, root)) names.push(cur.name);
  return '/' + names.reverse().join('/');
}

export interface NewInode {
  kind: InodeKind;
  /** Permission bits incl. setuid/setgid/sticky, already final (umask applied by caller). */
  perm: number;
  uid: number;
  gid: number;
  data?: Uint8Array;
  target?: string;
}

const TYPE_BITS: Record<InodeKind, number> = {
  file: S_IFREG,
  dir: S_IFDIR,
  symlink: S_IFLNK,
  other: S_IFIFO,
};

/** Adds `name` to `dir`; every field is set explicitly, nothing comes from memfs defaults. */
export function addChild(dir: Link, name: string, spec: NewInode): Link {
  const node = createNode(dir.vol);
  if (spec.kind === 'symlink') node.symlink = spec.target ?? '';
  node.mode = TYPE_BITS[spec.kind] | (spec.perm & 0o7777);
  node.uid = spec.uid;
  node.gid = spec.gid;
  if (spec.kind === 'file' && spec.data) writeBytes(node, Buffer.from(spec.data));
  return dir.createChild(name, node);
}

/**
 * A fresh inode registered with the volume, like `Superblock.createNode`, but copied from a
 * template: memfs's Node constructor asks the real process for its uid and gid (a system
 * call each, a sixth of the model's time materialising trees) and stamps four Dates. The
 * copy shares the template's Dates, empty buffer and change fan-out, which memfs only ever
 * replaces (setters assign new ones) and nothing here listens to. Callers set every field.
 */
function createNode(core: Link['vol']): Inode {
  const node = Object.assign(Object.create(Object.getPrototypeOf(nodeTemplate)), nodeTemplate) as Inode;
  node.ino = core['newInoNumber']();
  core.inodes[node.ino] = node;
  return node;
}

/** Detaches a link and frees its inode when no other link refers to it. */
export function removeChild(link: Link): void {
  const parent = link.parent;
  if (!parent) throw new Error('cannot remove the root directory');
  const node = link.getNode();
  parent.deleteChild(link);
  if (kindOf(node) === 'dir') {
    link.vol.deleteNode(node);
    return;
  }
  node.nlink = node.nlink - 1;
  if (node.nlink <= 0) link.vol.deleteNode(node);
}

/** Moves a link (and the inode it names, unchanged) to `newDir/newName`. */
export function moveChild(link: Link, newDir: Link, newName: string): void {
  link.parent?.deleteChild(link);
  link.name = newName;
  newDir.setChild(newName, link);
  link.syncSteps();
}

/**
 * The file's bytes as a read-only view: memfs's getBuffer copies them (and stamps atime
 * with a new Date), which nothing here needs; callers copy what they keep.
 */
export function readBytes(node: Inode): Buffer {
  return node.buf.subarray(0, node.getSize());
}

export function sizeOf(node: Inode): number {
  return node.getSize();
}

/** Gives the file `data`, which the inode then owns (memfs's setBuffer would copy it). */
export function writeBytes(node: Inode, data: Buffer): void {
  // memfs keeps _setBuf private; it is the setter without the copy
  node['_setBuf'](data);
}

export function permOf(node: Inode): number {
  return node.mode & 0o7777;
}

export function setPerm(node: Inode, perm: number): void {
  node.mode = (node.mode & S_IFMT) | (perm & 0o7777);
}
