/**
 * The uncompressed bytes of a (possibly compressed) tar: gzip through node:zlib, xz and
 * zstd through the system's `xz` and `zstd` (scripts/setup.sh installs them), plain tar
 * as is. The format is told by magic bytes, not by the file name.
 */
import { spawn } from 'node:child_process';
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

export type Compression = 'none' | 'gzip' | 'xz' | 'zstd';

export class DecompressError extends Error {}

/** A byte range of a file (a whole file, or a blob inside an OCI archive). */
export interface ByteRange {
  file: string;
  start: number;
  /** Length in bytes. */
  length: number;
}

export function sniffCompression(range: ByteRange): Compression {
  const head = Buffer.alloc(6);
  const fd = openSync(range.file, 'r');
  try {
    readSync(fd, head, 0, Math.min(6, range.length), range.start);
  } finally {
    closeSync(fd);
  }
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return 'xz';
  if (head.subarray(0, 4).equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]))) return 'zstd';
  return 'none';
}

function rangeStream(range: ByteRange): Readable {
  return createReadStream(range.file, { start: range.start, end: range.start + range.length - 1, highWaterMark: 1 << 20 });
}

/** Chunks of the uncompressed tar in `range`. */
export async function* tarBytes(range: ByteRange): AsyncGenerator<Buffer> {
  if (range.length === 0) return;
  const kind = sniffCompression(range);
  if (kind === 'none') {
    yield* rangeStream(range) as AsyncIterable<Buffer>;
  } else if (kind === 'gzip') {
    const gunzip = createGunzip();
    const source = rangeStream(range);
    source.on('error', (e) => gunzip.destroy(e));
    source.pipe(gunzip);
    try {
      yield* gunzip as AsyncIterable<Buffer>;
    } catch (e) {
      throw new DecompressError(`gzip: ${(e as Error).message}`);
    } finally {
      source.destroy();
    }
  } else {
    yield* viaCommand(kind, range);
  }
}

async function* viaCommand(tool: 'xz' | 'zstd', range: ByteRange): AsyncGenerator<Buffer> {
  const child = spawn(tool, ['-dc'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  let spawnError: Error | undefined;
  child.on('error', (e) => (spawnError = e));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  child.stdin.on('error', () => {}); // the tool may stop reading after an error; its exit says why
  const source = rangeStream(range);
  source.pipe(child.stdin);
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  try {
    yield* child.stdout as AsyncIterable<Buffer>;
    const code = await exited;
    if (spawnError) throw new DecompressError(`cannot run '${tool}' (install ${tool === 'xz' ? 'xz-utils' : 'zstd'}): ${spawnError.message}`);
    if (code !== 0) throw new DecompressError(`${tool} -d failed: ${stderr.trim() || `exit ${code}`}`);
  } finally {
    source.destroy();
    if (child.exitCode === null) child.kill();
  }
}
