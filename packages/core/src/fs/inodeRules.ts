/**
 * What Linux does to an inode on its own, whatever the path walk: the owner and mode of a new
 * inode, chown's clearing of setuid/setgid, and what stat(2) reports. CtFs applies these.
 */
import type { Stat } from './CtFsApi.ts';
import { S_ISGID, S_ISUID, addChild, kindOf, permOf, setPerm, sizeOf, type InodeKind, type Link } from './inodes.ts';
import type { Resolved } from './pathWalk.ts';

/** ext4 reports 4096 for a small directory; nothing in the model depends on it. */
const DIR_SIZE = 4096;

/** stat(2) of an inode; Linux shows every symlink as 0777, whatever created it. */
export function statOf(link: Link): Stat {
  const node = link.getNode();
  const type = kindOf(node);
  return {
    type,
    mode: type === 'symlink' ? 0o777 : permOf(node),
    uid: node.uid,
    gid: node.gid,
    size: type === 'dir' ? DIR_SIZE : type === 'symlink' ? node.symlink.length : sizeOf(node),
  };
}

/**
 * A new inode at the walk's end, owned by root (the process), except that a setgid directory
 * passes on its group (and, to new directories, its setgid bit), as Linux does.
 */
export function createInode(r: Resolved, kind: InodeKind, perm: number): Link {
  const dirNode = r.dir.getNode();
  const inheritGroup = (permOf(dirNode) & S_ISGID) !== 0;
  const finalPerm = inheritGroup && kind === 'dir' ? perm | S_ISGID : perm;
  return addChild(r.dir, r.name, {
    kind,
    perm: finalPerm,
    uid: 0,
    gid: inheritGroup ? dirNode.gid : 0,
  });
}

/**
 * chown(2): -1 keeps an id. On a non-directory it clears setuid, and setgid when group
 * execute is set (Linux does this for root too).
 */
export function changeOwner(link: Link, uid: number, gid: number): void {
  const node = link.getNode();
  if (uid !== -1) node.uid = uid;
  if (gid !== -1) node.gid = gid;
  const kind = kindOf(node);
  if (kind === 'dir' || kind === 'symlink') return;
  let perm = permOf(node) & ~S_ISUID;
  if ((perm & (S_ISGID | 0o010)) === (S_ISGID | 0o010)) perm &= ~S_ISGID;
  setPerm(node, perm);
}
