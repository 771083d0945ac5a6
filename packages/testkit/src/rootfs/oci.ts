/**
 * An OCI image as a rootfs: an OCI layout directory (`oci-layout`, `index.json`, `blobs/`)
 * or an OCI archive (the same as one uncompressed tar, as `skopeo copy … oci-archive:`
 * writes). The manifest's layers are applied in order with whiteouts; the image config
 * comes back for the pct config mapping (fixtures/ociConfig.ts).
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FsEntry } from '@pve-chainguard/core';
import { escapeValue, InputError } from '../input/index.ts';
import { checkOciDocument } from '../fixtures/loadFixture.ts';
import { FixtureError } from '../fixtures/validateManifest.ts';
import type { OciImageDocument } from '../fixtures/types.ts';
import type { ContentStore } from './tar/ContentStore.ts';
import type { ByteRange } from './tar/decompress.ts';
import { mergeLayers } from './tar/mergeLayers.ts';
import { scanLayer } from './tar/scanLayer.ts';

export interface OciRootfs {
  entries: FsEntry[];
  store: ContentStore;
  image: OciImageDocument;
}

type BlobLookup = (digest: string) => ByteRange | undefined;

const LAYER_TYPES = /^application\/vnd\.(oci\.image|docker\.image\.rootfs)\.(layer\.v1\.)?(tar|diff\.tar)(\.gzip|\+gzip|\+zstd)?$/;
const INDEX_TYPES = new Set(['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']);

export function isOciLayoutDir(dir: string): boolean {
  try {
    return statSync(join(dir, 'oci-layout')).isFile();
  } catch {
    return false;
  }
}

export async function readOciLayout(dir: string, label: string): Promise<OciRootfs> {
  const blob: BlobLookup = (digest) => {
    const file = join(dir, 'blobs', ...digestPath(digest, label));
    try {
      return { file, start: 0, length: statSync(file).size };
    } catch {
      return undefined;
    }
  };
  const index = { file: join(dir, 'index.json'), start: 0, length: fileSize(join(dir, 'index.json'), label) };
  return readImage(index, blob, label);
}

/** The members of an uncompressed tar when it is an OCI archive, else undefined. */
export async function ociArchiveMembers(file: string, size: number, label: string): Promise<Map<string, ByteRange> | undefined> {
  const members = new Map<string, ByteRange>();
  await scanLayer({ file, start: 0, length: size }, label, {
    entry: (path, h) => {
      if (h.type === 'file' && (path === '/oci-layout' || path === '/index.json' || path.startsWith('/blobs/'))) {
        members.set(path, { file, start: h.dataOffset, length: h.size });
      }
    },
  });
  return members.has('/oci-layout') && members.has('/index.json') ? members : undefined;
}

export async function readOciArchive(members: Map<string, ByteRange>, label: string): Promise<OciRootfs> {
  return readImage(members.get('/index.json')!, (digest) => members.get(`/blobs/${digestPath(digest, label).join('/')}`), label);
}

async function readImage(indexRange: ByteRange, blob: BlobLookup, label: string): Promise<OciRootfs> {
  const json = (range: ByteRange | undefined, what: string): Record<string, unknown> => {
    if (!range) throw new InputError(`${label}: ${what} is missing`);
    if (range.length > 4 << 20) throw new InputError(`${label}: ${what} is ${range.length} bytes, too big for image metadata`);
    try {
      const doc = JSON.parse(readRange(range).toString('utf8')) as unknown;
      if (typeof doc === 'object' && doc !== null && !Array.isArray(doc)) return doc as Record<string, unknown>;
    } catch {
      // reported below
    }
    throw new InputError(`${label}: ${what} is not a JSON object`);
  };
  let manifest = json(indexRange, 'index.json');
  for (let depth = 0; Array.isArray(manifest.manifests); depth++) {
    if (depth > 2) throw new InputError(`${label}: image indexes nest too deep`);
    const chosen = chooseManifest(manifest.manifests as unknown[], label);
    const desc = chosen as { digest: string; mediaType?: string };
    manifest = json(blob(desc.digest), `manifest ${escapeValue(desc.digest)}`);
    if (desc.mediaType !== undefined && INDEX_TYPES.has(desc.mediaType) && !Array.isArray(manifest.manifests)) {
      throw new InputError(`${label}: ${escapeValue(desc.digest)} should be an image index`);
    }
  }
  const config = descriptor(manifest.config, 'manifest config', label);
  if (!Array.isArray(manifest.layers)) throw new InputError(`${label}: the manifest has no 'layers' list`);
  const layers = (manifest.layers as unknown[]).map((l, i) => {
    const d = descriptor(l, `layers[${i}]`, label);
    if (d.mediaType !== undefined && !LAYER_TYPES.test(d.mediaType)) {
      throw new InputError(`${label}: layers[${i}] has media type '${escapeValue(d.mediaType)}', not a tar layer`);
    }
    const range = blob(d.digest);
    if (!range) throw new InputError(`${label}: layer blob ${escapeValue(d.digest)} is missing`);
    return range;
  });
  let image: OciImageDocument;
  try {
    image = checkOciDocument(json(blob(config.digest), `config blob ${escapeValue(config.digest)}`), `${label}: image config`);
  } catch (e) {
    if (e instanceof FixtureError) throw new InputError(escapeValue(e.message));
    throw e;
  }
  const { entries, store } = await mergeLayers(layers, label, { whiteouts: true });
  return { entries, store, image };
}

function chooseManifest(list: unknown[], label: string): unknown {
  if (list.length === 0) throw new InputError(`${label}: index.json lists no manifests`);
  const platform = (m: unknown) => (m as { platform?: { os?: string; architecture?: string } }).platform;
  return list.find((m) => platform(m)?.os === 'linux' && platform(m)?.architecture === 'amd64') ?? list[0];
}

function descriptor(raw: unknown, what: string, label: string): { digest: string; mediaType?: string } {
  const d = raw as { digest?: unknown; mediaType?: unknown } | null;
  if (typeof d !== 'object' || d === null || typeof d.digest !== 'string') throw new InputError(`${label}: ${what} has no digest`);
  if (d.mediaType !== undefined && typeof d.mediaType !== 'string') throw new InputError(`${label}: ${what} has a bad mediaType`);
  return d as { digest: string; mediaType?: string };
}

/** `sha256:<hex>` → [`sha256`, `<hex>`]; anything else could name a path outside blobs/. */
function digestPath(digest: string, label: string): [string, string] {
  const m = /^(sha256|sha512):([0-9a-f]{64,128})$/.exec(digest);
  if (!m) throw new InputError(`${label}: bad digest '${escapeValue(digest)}'`);
  return [m[1]!, m[2]!];
}

function fileSize(file: string, label: string): number {
  try {
    return statSync(file).size;
  } catch {
    throw new InputError(`${label}: ${escapeValue(file)} is missing`);
  }
}

function readRange(range: ByteRange): Buffer {
  const buf = Buffer.alloc(range.length);
  const fd = openSync(range.file, 'r');
  try {
    readSync(fd, buf, 0, range.length, range.start);
  } finally {
    closeSync(fd);
  }
  return buf;
}
