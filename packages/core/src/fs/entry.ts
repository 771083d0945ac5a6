import type { LazyContent } from './lazyContent.ts';

/**
 * One filesystem entry, in the shape the oracle vectors use (oracle/README.md §4).
 * Manifests, tree snapshots and vector `rootfs`/`tree` lists all use it.
 */
export interface FsEntry {
  /** Absolute path as seen inside the container, e.g. `/etc/hosts`. */
  path: string;
  type: 'dir' | 'file' | 'symlink' | 'other';
  /** Four-digit octal permission string incl. setuid/setgid/sticky, e.g. `"0644"`. */
  mode?: string;
  uid?: number;
  gid?: number;
  /** File content: UTF-8 text, or standard base64 when `encoding` is `"base64"`. */
  content?: string;
  encoding?: 'base64';
  /** Symlink target, verbatim. */
  target?: string;
  /** Content read on first access instead of `content` (big rootfs sources; never in vectors). */
  lazy?: LazyContent;
}
