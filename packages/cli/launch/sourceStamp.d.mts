export const REPO_ROOT: string;
export const BUILD_DIR: string;
export function bundleEntry(stamp: string): string;
/** A digest of every workspace source file's path, size, mtime and inode (and the install state). */
export function sourceStamp(root?: string): string;
