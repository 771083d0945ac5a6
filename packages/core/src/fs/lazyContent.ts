/**
 * File content that is read only when something reads it: a rootfs from a template or a
 * big directory carries metadata for every entry but the bytes of few. The model loads
 * `load()` on the first read of the file; a snapshot of a file nobody read or wrote
 * carries the same LazyContent on, so comparing it costs no read.
 */
export interface LazyContent {
  /** Size in bytes (what stat shows before any read). */
  readonly size: number;
  /** The bytes; throws ContentUnavailable when they cannot be had. */
  load(): Buffer;
}

/** A read of content the source does not provide (above the size bound, not fetched yet). */
export class ContentUnavailable extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'ContentUnavailable';
  }
}
