/**
 * The container filesystem model: an inode tree (inodes.ts) whose root `/` is the container
 * root, seen by a root process chrooted into it (see CtFsApi). All paths and file data are
 * byte strings. Root ignores permission bits, as on Linux, so no operation checks them.
 */
import type { LazyContent } from './lazyContent.ts';
import type { Volume } from './inodes.ts';
import { absPath } from './absPath.ts';
import { assertByteString, byteStringToBytes, bytesToByteString } from './bytes.ts';
import { FsError, type CtFsApi, type Escaped, type Stat } from './CtFsApi.ts';
import { childNames, createRootVolume, kindOf, moveChild, parentOf, pendingContent, readBytes, removeChild, rootOf, setPerm, writeBytes, type Link } from './inodes.ts';
import { changeOwner, createInode, statOf } from './inodeRules.ts';
import { tryWalkPath, walk, type Resolved, type WalkScope } from './pathWalk.ts';
import { perlDirname } from './perlDirname.ts';
import { strerror } from './strerror.ts';

export interface CtFsOptions {
  /** Process umask (default 0o022, what Proxmox runs with). */
  umask?: number;
}

export class CtFs implements CtFsApi {
  readonly umask: number;
  readonly volume: Volume;
  private readonly root: Link;

  constructor(volume: Volume = createRootVolume(), options: CtFsOptions = {}) {
    this.volume = volume;
    this.root = rootOf(volume);
    this.umask = options.umask ?? 0o022;
  }

  // ---- queries ----

  lstat(path: string): Stat | undefined {
    return this.statVia(path, false, 'chroot');
  }

  stat(path: string): Stat | undefined {
    return this.statVia(path, true, 'chroot');
  }

  isFile(path: string): boolean {
    return this.stat(path)?.type === 'file';
  }

  isDir(path: string): boolean {
    return this.stat(path)?.type === 'dir';
  }

  isSymlink(path: string): boolean {
    return this.lstat(path)?.type === 'symlink';
  }

  isExecutable(path: string): boolean {
    const st = this.stat(path);
    if (!st) return false;
    return st.type === 'dir' || (st.mode & 0o111) !== 0;
  }

  exists(path: string): boolean {
    return this.stat(path) !== undefined;
  }

  readFile(path: string): string {
    const link = this.existing(path, true);
    const kind = kindOf(link.getNode());
    if (kind === 'dir') throw new FsError('EISDIR', path);
    if (kind === 'other') return '';
    return bytesToByteString(readBytes(link.getNode()));
  }

  /** The not-yet-read lazy content of the file at `path` (lstat semantics), if any. */
  pendingContent(path: string): LazyContent | undefined {
    const link = this.tryWalk(path, false)?.link;
    return link && kindOf(link.getNode()) === 'file' ? pendingContent(link.getNode()) : undefined;
  }

  readlink(path: string): string | undefined {
    const link = this.tryWalk(path, false)?.link;
    if (!link || kindOf(link.getNode()) !== 'symlink') return undefined;
    return link.getNode().symlink;
  }

  readdir(path: string): string[] {
    const link = this.existing(path, true);
    if (kindOf(link.getNode()) !== 'dir') throw new FsError('ENOTDIR', path);
    // Names are byte strings, so code-unit order is byte order.
    return childNames(link).sort();
  }

  realpath(path: string): string | undefined {
    assertByteString(path, 'path');
    const r = absPath(this.root, path, 'chroot');
    return typeof r === 'string' ? r : undefined;
  }

  // ---- host-side views (Proxmox's checks on "$rootdir/..." outside the chroot) ----

  /**
   * `stat "$rootdir$path"` on the host. A walk that leaves the rootfs (absolute link
   * target, `..` above the root) reaches the host's filesystem, which the model does not
   * have, so it counts as missing; relative links that stay inside resolve normally.
   */
  hostStat(path: string): Stat | undefined {
    return this.statVia(path, true, 'host');
  }

  /** Perl `-f "$rootdir$path"` on the host (see hostStat). */
  hostIsFile(path: string): boolean {
    return this.hostStat(path)?.type === 'file';
  }

  /** Perl `-d "$rootdir$path"` on the host (see hostStat). */
  hostIsDir(path: string): boolean {
    return this.hostStat(path)?.type === 'dir';
  }

  /** Perl `-e "$rootdir$path"` on the host (see hostStat). */
  hostExists(path: string): boolean {
    return this.hostStat(path) !== undefined;
  }

  /** Reading `"$rootdir$path"` on the host: undefined when missing, escaped or no file. */
  hostReadFile(path: string): string | undefined {
    const link = this.tryWalk(path, true, 'host')?.link;
    if (!link || kindOf(link.getNode()) !== 'file') return undefined;
    return bytesToByteString(readBytes(link.getNode()));
  }

  /**
   * `abs_path("$rootdir$path")` on the host, as a container path when it stays inside;
   * `{escaped: true}` as soon as an absolute link or a `..` above the root leaves the
   * rootfs (Base dies "Could not construct path to systemd binary" then); undefined where
   * abs_path gives undef inside the rootfs.
   */
  hostRealpath(path: string): string | Escaped | undefined {
    assertByteString(path, 'path');
    return absPath(this.root, path, 'host');
  }

  // ---- changes ----

  createExclusive(path: string, data: string, mode: number): void {
    assertByteString(data, 'data');
    const r = this.resolve(path, false);
    if (r.link) throw new FsError('EEXIST', path);
    if (r.mustBeDir) throw new FsError('EISDIR', path);
    const link = createInode(r, 'file', mode & ~this.umask);
    writeBytes(link.getNode(), byteStringToBytes(data));
  }

  writeNoTrunc(path: string, data: string, mode: number): void {
    const bytes = byteStringToBytes(data);
    // O_CREAT without O_EXCL follows a final symlink, and creates a dangling one's target.
    const r = this.resolve(path, true);
    if (!r.link && r.mustBeDir) throw new FsError('EISDIR', path);
    const link = r.link ?? createInode(r, 'file', mode & ~this.umask);
    const node = link.getNode();
    const kind = kindOf(node);
    if (kind === 'dir') throw new FsError('EISDIR', path);
    if (kind === 'other') return; // a device or fifo swallows the data
    const old = readBytes(node);
    if (bytes.length >= old.length) writeBytes(node, bytes);
    else writeBytes(node, Buffer.concat([bytes, old.subarray(bytes.length)]));
  }

  rename(from: string, to: string): void {
    const src = this.resolve(from, false);
    if (!src.link) throw new FsError('ENOENT', from);
    const dst = this.resolve(to, false);
    if (src.isDot || dst.isDot || src.link === this.root) throw new FsError('EINVAL', to);
    if (dst.link === src.link) return; // same inode: rename(2) does nothing
    const srcIsDir = kindOf(src.link.getNode()) === 'dir';
    if (!srcIsDir && (src.mustBeDir || dst.mustBeDir)) throw new FsError('ENOTDIR', to);
    if (srcIsDir && this.isAncestorOrSelf(src.link, dst.dir)) throw new FsError('EINVAL', to);
    if (dst.link) {
      const dstIsDir = kindOf(dst.link.getNode()) === 'dir';
      if (srcIsDir && !dstIsDir) throw new FsError('ENOTDIR', to);
      if (!srcIsDir && dstIsDir) throw new FsError('EISDIR', to);
      if (dstIsDir && childNames(dst.link).length > 0) throw new FsError('ENOTEMPTY', to);
      removeChild(dst.link);
    }
    moveChild(src.link, dst.dir, dst.name);
  }

  unlink(path: string): void {
    const r = this.resolve(path, false);
    if (!r.link) throw new FsError('ENOENT', path);
    if (kindOf(r.link.getNode()) === 'dir') throw new FsError('EISDIR', path);
    removeChild(r.link);
  }

  mkdir(path: string, mode: number): void {
    const r = this.resolve(path, false);
    if (r.link) throw new FsError('EEXIST', path);
    // mkdir(2) keeps only rwx and sticky bits of the requested mode.
    createInode(r, 'dir', mode & ~this.umask & 0o1777);
  }

  /**
   * File::Path::make_path(path, {mode => 0777[, owner, group]}): returns what it created,
   * parents first. Like Perl it skips a path that is already a directory (`-d` follows
   * links) and croaks on a mkdir that fails when the path is still no directory; the
   * FsError's message is Perl's `mkdir <path>: <strerror>`.
   */
  makePath(path: string, owner?: { uid: number; gid: number }): string[] {
    if (path === '' || this.isDir(path)) return [];
    const created: string[] = [];
    const parent = perlDirname(path);
    if (!this.isDir(parent) && parent !== path) created.push(...this.makePath(parent, owner));
    try {
      this.mkdir(path, 0o777);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      if (this.isDir(path)) return created;
      throw new FsError(e.code, path, `mkdir ${path}: ${strerror(e.code)}`);
    }
    created.push(path);
    if (owner) this.chown(path, owner.uid, owner.gid);
    return created;
  }

  symlink(target: string, path: string): void {
    assertByteString(target, 'symlink target');
    if (target === '') throw new FsError('ENOENT', path);
    const r = this.resolve(path, false);
    if (r.link) throw new FsError('EEXIST', path);
    if (r.mustBeDir) throw new FsError('ENOENT', path);
    const link = createInode(r, 'symlink', 0o777);
    link.getNode().symlink = target;
  }

  chown(path: string, uid: number, gid: number): void {
    changeOwner(this.existing(path, true), uid, gid);
  }

  lchown(path: string, uid: number, gid: number): void {
    changeOwner(this.existing(path, false), uid, gid);
  }

  chmod(path: string, mode: number): void {
    setPerm(this.existing(path, true).getNode(), mode & 0o7777);
  }

  // ---- internals ----

  private resolve(path: string, followFinal: boolean, scope: WalkScope = 'chroot'): Resolved {
    assertByteString(path, 'path');
    return walk(this.root, path, { followFinal, scope });
  }

  /** The walk's result, or undefined when it fails (missing, ENOTDIR, ELOOP, escaped). */
  private tryWalk(path: string, followFinal: boolean, scope: WalkScope = 'chroot') {
    assertByteString(path, 'path');
    const r = tryWalkPath(this.root, path, followFinal, scope);
    return typeof r === 'string' ? undefined : r;
  }

  private existing(path: string, followFinal: boolean): Link {
    const link = this.resolve(path, followFinal).link;
    if (!link) throw new FsError('ENOENT', path);
    return link;
  }

  private statVia(path: string, followFinal: boolean, scope: WalkScope): Stat | undefined {
    const link = this.tryWalk(path, followFinal, scope)?.link;
    return link ? statOf(link) : undefined;
  }

  private isAncestorOrSelf(ancestor: Link, link: Link): boolean {
    for (let cur = link; ; cur = parentOf(cur, this.root)) {
      if (cur === ancestor) return true;
      if (cur === this.root) return false;
    }
  }
}
