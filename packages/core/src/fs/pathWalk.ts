/**
 * The kernel's path walk, replayed on the inode tree.
 *
 * `chroot` scope: what a process chrooted into the rootfs sees. Absolute link targets
 * restart at the rootfs root and `..` at the root stays there, so nothing resolves
 * outside. `host` scope: the host's view of `<rootdir>/path` (Proxmox's `-f "$rootdir/..."`
 * checks). Any step that leaves the rootfs (an absolute target, `..` above the root) lands
 * in the host's filesystem, which the model does not have: the walk throws `HostEscape`.
 */
import { FsError } from './CtFsApi.ts';
import { childOf, isDirLink, kindOf, parentOf, type Link } from './inodes.ts';

/** Linux follows at most 40 symlinks in one path walk (MAXSYMLINKS); the 41st is ELOOP. */
export const KERNEL_MAX_SYMLINKS = 40;

export type WalkScope = 'chroot' | 'host';

/** Thrown in `host` scope when resolution leaves the rootfs. */
export class HostEscape extends Error {
  constructor(readonly path: string) {
    super(`path leaves the container root: ${path}`);
  }
}

export interface Resolved {
  /** Directory holding the final name (where a create would put it). */
  dir: Link;
  name: string;
  /** The final entry; undefined when only the final name is missing. */
  link: Link | undefined;
  /** The path ended in `.`, `..` or the root itself: there is no name to create or remove. */
  isDot: boolean;
  /** A trailing slash (in the path or a followed final link's target) demands a directory. */
  mustBeDir: boolean;
}

export interface WalkOptions {
  /** Follow a symlink in the final component (stat, open) or not (lstat, unlink, O_EXCL). */
  followFinal: boolean;
  scope?: WalkScope;
}

function components(path: string): string[] {
  return path.split('/').filter((c) => c !== '');
}

/**
 * Resolves `path` from `root` (relative paths too: the chroot's cwd is `/`). Throws FsError
 * ENOENT (empty path, missing intermediate), ENOTDIR, ELOOP; HostEscape in host scope.
 */
export function walk(root: Link, path: string, options: WalkOptions): Resolved {
  if (path === '') throw new FsError('ENOENT', path);
  const scope = options.scope ?? 'chroot';
  const pending = components(path);
  let mustBeDir = path.length > 1 && path.endsWith('/');
  let cur = root;
  let hops = 0;

  while (pending.length > 0) {
    const comp = pending.shift()!;
    if (!isDirLink(cur)) throw new FsError('ENOTDIR', path);
    if (comp === '.') continue;
    if (comp === '..') {
      if (cur === root && scope === 'host') throw new HostEscape(path);
      cur = parentOf(cur, root);
      continue;
    }
    const isLast = pending.length === 0;
    const child = childOf(cur, comp);
    if (!child) {
      if (isLast) return { dir: cur, name: comp, link: undefined, isDot: false, mustBeDir };
      throw new FsError('ENOENT', path);
    }
    const node = child.getNode();
    if (kindOf(node) === 'symlink' && (!isLast || options.followFinal || mustBeDir)) {
      if (++hops > KERNEL_MAX_SYMLINKS) throw new FsError('ELOOP', path);
      const target = node.symlink;
      if (target === '') throw new FsError('ENOENT', path);
      if (target.startsWith('/')) {
        if (scope === 'host') throw new HostEscape(path);
        cur = root;
      }
      if (isLast && target.endsWith('/')) mustBeDir = true;
      pending.unshift(...components(target));
      continue;
    }
    if (isLast) {
      if (mustBeDir && kindOf(node) !== 'dir') throw new FsError('ENOTDIR', path);
      return { dir: cur, name: comp, link: child, isDot: false, mustBeDir };
    }
    cur = child;
  }
  // Ended on `.`/`..`, on `/`, or on a link whose target is `/`: the result is `cur` itself.
  if (!isDirLink(cur)) throw new FsError('ENOTDIR', path);
  return { dir: parentOf(cur, root), name: cur.name, link: cur, isDot: true, mustBeDir };
}
