/**
 * Perl's `Cwd::abs_path` (the XS `bsd_realpath` in Cwd.xs, perl 5.36), replayed on the model.
 *
 * The rule, component by component on a growing symlink-free prefix `resolved`:
 * - empty and `.` components are skipped; `..` strips the last component of `resolved`
 *   *lexically* (`/` stays `/`), so `/etc/hosts/..` is `/etc` even though hosts is a file;
 * - any other component is appended and `lstat`ed. If that fails with ENOENT **and no `/`
 *   follows the component in the remaining path**, the result is `resolved` as it stands
 *   (a missing final component is fine: `/etc/missing` → `/etc/missing`). Any other
 *   failure (a missing intermediate like `/missing/x`, `missing/` with a trailing slash,
 *   ENOTDIR under a file) gives undef;
 * - a symlink restarts at `/` (absolute target) or the link's directory (relative target)
 *   with the target text followed by the rest of the path. The same ENOENT rule applies to
 *   the target's components: a dangling link whose target's last component is missing
 *   resolves to that target; one whose target misses a directory gives undef;
 * - `symlinks++ > MAXSYMLINKS` with glibc's MAXSYMLINKS 20: 21 links resolve, the 22nd
 *   gives undef (measured: a 21-link chain resolves, a 22-link chain does not);
 * - a trailing `/` is removed from the result unless it is `/`.
 * A relative input starts from the cwd, `/` inside the chroot; `''` gives `/`.
 * Not modelled: ENAMETOOLONG at PATH_MAX (4096) – no tree here comes close.
 */
import type { Escaped } from './CtFsApi.ts';
import { kindOf } from './inodes.ts';
import { tryWalkPath, type WalkScope } from './pathWalk.ts';
import type { Link } from './inodes.ts';

export const ABS_PATH_MAX_SYMLINKS = 20;

type LstatResult = { kind: 'symlink'; target: string } | { kind: 'other' } | { code: string };

function lstatAt(root: Link, resolved: string): LstatResult {
  // `resolved` holds no symlink or `..` before its last component, so the scope of this
  // walk never matters; chroot scope keeps it from leaving the rootfs.
  const r = tryWalkPath(root, resolved, false, 'chroot');
  if (typeof r === 'string') return { code: r };
  if (!r.link) return { code: 'ENOENT' };
  const node = r.link.getNode();
  return kindOf(node) === 'symlink' ? { kind: 'symlink', target: node.symlink } : { kind: 'other' };
}

function stripLastComponent(resolved: string): string {
  const cut = resolved.slice(0, -1);
  return cut.slice(0, cut.lastIndexOf('/') + 1);
}

export function absPath(root: Link, path: string, scope: WalkScope): string | undefined | Escaped {
  let resolved = '/';
  let remaining = path.startsWith('/') ? path.slice(1) : path;
  let symlinks = 0;
  while (remaining.length !== 0) {
    const slash = remaining.indexOf('/');
    const slashFollows = slash >= 0;
    const token = slashFollows ? remaining.slice(0, slash) : remaining;
    remaining = slashFollows ? remaining.slice(slash + 1) : '';
    if (!resolved.endsWith('/')) resolved += '/';
    if (token === '' || token === '.') continue;
    if (token === '..') {
      if (resolved.length > 1) resolved = stripLastComponent(resolved);
      else if (scope === 'host') return { escaped: true };
      continue;
    }
    resolved += token;
    const st = lstatAt(root, resolved);
    if ('code' in st) return st.code === 'ENOENT' && !slashFollows ? resolved : undefined;
    if (st.kind !== 'symlink') continue;
    if (symlinks++ > ABS_PATH_MAX_SYMLINKS) return undefined;
    let target = st.target;
    if (target.startsWith('/')) {
      if (scope === 'host') return { escaped: true };
      resolved = '/';
    } else if (resolved.length > 1) {
      resolved = stripLastComponent(resolved);
    }
    if (slashFollows) {
      if (!target.endsWith('/')) target += '/';
      target += remaining;
    }
    remaining = target;
  }
  if (resolved.length > 1 && resolved.endsWith('/')) resolved = resolved.slice(0, -1);
  return resolved;
}
