import { ContentUnavailable, type LazyContent } from '@pve-chainguard/core';

/**
 * The largest file whose bytes preview will read. The plugin reads config files, os-release
 * and the headers of a few binaries; a bigger file is kept as metadata only.
 */
export const MAX_CONTENT_BYTES = 64 << 20;

/** Lazy content read by `read` on first use and kept; refused above the bound. */
export function lazyContent(path: string, size: number, read: () => Buffer, bound = MAX_CONTENT_BYTES): LazyContent {
  let bytes: Buffer | undefined;
  return {
    size,
    load() {
      if (size > bound) {
        throw new ContentUnavailable(path, `${size} bytes, above preview's bound of ${bound}; its content is not read`);
      }
      bytes ??= read();
      return bytes;
    },
  };
}
