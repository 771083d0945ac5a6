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

/** Path components, last first (the walk pops the next one off the end). */
function pushComponentsReversed(stack: string[], path: string): void {
  let end = path.length;
  for (let i = path.length - 1; i >= -1; i--) {
    if (i >= 0 && path.charCodeAt(i) !== 0x2f) continue;
    if (end > i + 1) stack.push(path.slice(i + 1, end));
    end = i;
  }
}

/** Why a walk failed: an errno code, or `escape` (host scope left the rootfs). */
export type WalkFailure = 'ENOENT' | 'ENOTDIR' | 'ELOOP' | 'escape';

/**
 * Resolves `path` from `root` (relative paths too: the chroot's cwd is `/`). Throws FsError
 * ENOENT (empty path, missing intermediate), ENOTDIR, ELOOP; HostEscape in host scope.
 */
export function walk(root: Link, path: string, options: WalkOptions): Resolved {
  const r = tryWalkPath(root, path, options.followFinal, options.scope ?? 'chroot');
  if (typeof r !== 'string') return r;
  if (r === 'escape') throw new HostEscape(path);
  throw new FsError(r, path);
}

/**
 * `walk` that returns its failure instead of throwing: stat-like queries on missing paths
 * are the model's commonest call, and an Error's stack trace costs more than the walk.
 */
export function tryWalkPath(root: Link, path: string, followFinal: boolean, scope: WalkScope): Resolved | WalkFailure {
  if (path === '') return 'ENOENT';
  const pending: string[] = [];
  pushComponentsReversed(pending, path);
  let mustBeDir = path.length > 1 && path.endsWith('/');
  let cur = root;
  let hops = 0;

  while (pending.length > 0) {
    const comp = pending.pop()!;
    if (!isDirLink(cur)) return 'ENOTDIR';
    if (comp === '.') continue;
    if (comp === '..') {
      if (cur === root && scope === 'host') return 'escape';
      cur = parentOf(cur, root);
      continue;
    }
    const isLast = pending.length === 0;
    const child = childOf(cur, comp);
    if (!child) {
      if (isLast) return { dir: cur, name: comp, link: undefined, isDot: false, mustBeDir };
      return 'ENOENT';
    }
    const node = child.getNode();
    if (kindOf(node) === 'symlink' && (!isLast || followFinal || mustBeDir)) {
      if (++hops > KERNEL_MAX_SYMLINKS) return 'ELOOP';
      const target = node.symlink;
      if (target === '') return 'ENOENT';
      if (target.startsWith('/')) {
        if (scope === 'host') return 'escape';
        cur = root;
      }
      if (isLast && target.endsWith('/')) mustBeDir = true;
      pushComponentsReversed(pending, target);
      continue;
    }
    if (isLast) {
      if (mustBeDir && kindOf(node) !== 'dir') return 'ENOTDIR';
      return { dir: cur, name: comp, link: child, isDot: false, mustBeDir };
    }
    cur = child;
  }
  // Ended on `.`/`..`, on `/`, or on a link whose target is `/`: the result is `cur` itself.
  if (!isDirLink(cur)) return 'ENOTDIR';
  return { dir: parentOf(cur, root), name: cur.name, link: cur, isDot: true, mustBeDir };
}
