/**
 * File content of tar layers, read only when the model reads it. An uncompressed layer
 * is read at the member's offset; a compressed one cannot be seeked, so a read of content
 * not fetched yet is recorded (and answered empty), and the caller reruns after
 * `fetchMissing()` streamed the layers again for exactly those members (see withContent).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { ContentUnavailable, type LazyContent } from '@pve-chainguard/core';
import { MAX_CONTENT_BYTES } from '../lazyFile.ts';
import { sniffCompression, type ByteRange } from './decompress.ts';
import { scanLayer } from './scanLayer.ts';

export interface ContentRef {
  layer: number;
  /** Normalised path of the member inside its layer. */
  member: string;
  size: number;
  /** Offset of the data in the uncompressed layer stream. */
  dataOffset: number;
  sparse: boolean;
}

export class ContentStore {
  private readonly fetched = new Map<string, Buffer>();
  private readonly missing = new Map<string, ContentRef>();
  private readonly seekable: boolean[];
  /** Streaming passes made to fetch content. */
  passes = 0;

  constructor(
    private readonly layers: readonly ByteRange[],
    private readonly label: string,
    private readonly bound = MAX_CONTENT_BYTES,
  ) {
    this.seekable = layers.map((l) => sniffCompression(l) === 'none');
  }

  /** Lazy content for a file whose bytes are `ref`; `path` is its path in the rootfs. */
  lazy(path: string, ref: ContentRef): LazyContent {
    return {
      size: ref.size,
      load: () => {
        if (ref.sparse) throw new ContentUnavailable(path, `a sparse file in ${this.label}; its content is not read`);
        if (ref.size > this.bound) {
          throw new ContentUnavailable(path, `${ref.size} bytes, above preview's bound of ${this.bound}; its content is not read`);
        }
        const key = `${ref.layer}\0${ref.member}`;
        const have = this.fetched.get(key);
        if (have) return have;
        if (this.seekable[ref.layer]) {
          const bytes = this.readAt(ref);
          this.fetched.set(key, bytes);
          return bytes;
        }
        this.missing.set(key, ref);
        return Buffer.alloc(0);
      },
    };
  }

  /** Keeps bytes seen during the metadata pass (see mergeLayers' prefetch). */
  prefill(layer: number, member: string, bytes: Buffer): void {
    this.fetched.set(`${layer}\0${member}`, bytes);
  }

  isSeekable(layer: number): boolean {
    return this.seekable[layer]!;
  }

  /** How many members' bytes are held (what the runs read; the rest stays unread). */
  get heldCount(): number {
    return this.fetched.size;
  }

  /** Content was asked for that is not here yet (the run must be repeated). */
  get incomplete(): boolean {
    return this.missing.size > 0;
  }

  /** Streams the layers that hold missing content once more and keeps exactly that content. */
  async fetchMissing(): Promise<void> {
    this.passes++;
    const byLayer = new Map<number, Set<string>>();
    for (const ref of this.missing.values()) {
      if (!byLayer.has(ref.layer)) byLayer.set(ref.layer, new Set());
      byLayer.get(ref.layer)!.add(ref.member);
    }
    for (const [layer, members] of byLayer) {
      await scanLayer(this.layers[layer]!, this.label, {
        want: (member) => members.has(member),
        data: (member, bytes) => void this.fetched.set(`${layer}\0${member}`, bytes),
      });
    }
    for (const key of this.missing.keys()) {
      if (!this.fetched.has(key)) throw new Error(`content of ${key.split('\0')[1]} not found again in ${this.label}`);
    }
    this.missing.clear();
  }

  private readAt(ref: ContentRef): Buffer {
    const layer = this.layers[ref.layer]!;
    const buf = Buffer.alloc(ref.size);
    const fd = openSync(layer.file, 'r');
    try {
      let got = 0;
      while (got < ref.size) {
        const n = readSync(fd, buf, got, ref.size - got, layer.start + ref.dataOffset + got);
        if (n === 0) break;
        got += n;
      }
    } finally {
      closeSync(fd);
    }
    return buf;
  }
}
