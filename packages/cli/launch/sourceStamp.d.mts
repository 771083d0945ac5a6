export const REPO_ROOT: string;
/** A digest of every workspace source file's path, size, mtime and inode (and the install state). */
export function sourceStamp(root?: string): string;
