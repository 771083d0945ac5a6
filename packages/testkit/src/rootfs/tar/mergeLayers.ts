/**
 * Tar layers applied in order to one tree of entries, as tar extraction and OCI image
 * unpacking do: a later member replaces an earlier one at the same path (a directory
 * keeps its children); in OCI layers `.wh.NAME` removes NAME from the layers below and
 * `.wh..wh..opq` empties its directory of them (image-spec layer.md "Whiteouts").
 */
import { EntryError, validateEntries, type FsEntry } from '@pve-chainguard/core';
import { escapeValue, InputError } from '../../input/index.ts';
import type { ByteRange } from './decompress.ts';
import { ContentStore, type ContentRef } from './ContentStore.ts';
import { scanLayer } from './scanLayer.ts';
import type { TarHeader } from './TarParser.ts';

interface Held {
  entry: FsEntry;
  layer: number;
  ref?: ContentRef;
}

const WHITEOUT = '.wh.';

/**
 * Small files the plugins read (configuration, os-release, the binaries whose headers
 * tell the architecture and systemd version), kept during the metadata pass of a layer
 * that cannot be seeked, so a compressed template usually needs no second pass.
 */
const PREFETCH = /^\/(etc\/.*|(usr\/)?lib\/systemd\/system\/[^/]+|(usr\/)?lib\/os-release|(usr\/)?s?bin\/(sh|init|busybox)|(usr\/)?lib\/systemd\/systemd)$/;
const PREFETCH_MAX = 1 << 20;
const OPAQUE = '.wh..wh..opq';

export interface MergedRootfs {
  entries: FsEntry[];
  store: ContentStore;
}

export async function mergeLayers(layers: readonly ByteRange[], label: string, opts: { whiteouts: boolean }): Promise<MergedRootfs> {
  const store = new ContentStore(layers, label);
  const tree = new Map<string, Held>();
  const removeBelow = (path: string, layer: number, self: boolean) => {
    if (self && (tree.get(path)?.layer ?? layer) < layer) tree.delete(path);
    const prefix = `${path}/`;
    for (const [p, held] of tree) if (p.startsWith(prefix) && held.layer < layer) tree.delete(p);
  };
  for (let layer = 0; layer < layers.length; layer++) {
    await scanLayer(layers[layer]!, label, {
      entry: (path, header) => {
        const slash = path.lastIndexOf('/');
        const dir = path.slice(0, slash);
        const name = path.slice(slash + 1);
        if (opts.whiteouts && name === OPAQUE) return removeBelow(dir, layer, false);
        if (opts.whiteouts && name.startsWith(WHITEOUT)) return removeBelow(`${dir}/${name.slice(WHITEOUT.length)}`, layer, true);
        const held = toEntry(path, header, layer, tree, label);
        // a non-directory replacing a directory takes its contents with it
        if (held.entry.type !== 'dir' && tree.get(path)?.entry.type === 'dir') removeBelow(path, layer + 1, false);
        tree.set(path, held);
      },
      want: (path, header) => !store.isSeekable(layer) && header.size <= PREFETCH_MAX && PREFETCH.test(path),
      data: (path, bytes) => store.prefill(layer, path, bytes),
    });
  }
  const entries = [...tree.values()].map((h) => (h.ref ? { ...h.entry, lazy: store.lazy(h.entry.path, h.ref) } : h.entry));
  // tar creates unlisted parents as 0755 root directories; list them, or the diff shows them as added
  for (const e of [...entries]) {
    for (let slash = e.path.lastIndexOf('/'); slash > 0; slash = e.path.lastIndexOf('/', slash - 1)) {
      const parent = e.path.slice(0, slash);
      if (tree.has(parent)) break;
      tree.set(parent, { entry: { path: parent, type: 'dir', mode: '0755', uid: 0, gid: 0 }, layer: -1 });
      entries.push(tree.get(parent)!.entry);
    }
  }
  try {
    // a parent that is a file or link is bad input
    return { entries: validateEntries(entries, { parents: 'implicit', extraKeys: ['lazy'] }), store };
  } catch (e) {
    if (e instanceof EntryError) throw new InputError(`${label}: ${escapeValue(e.reason)}`);
    throw e;
  }
}

function toEntry(path: string, h: TarHeader, layer: number, tree: Map<string, Held>, label: string): Held {
  const base = { path, mode: h.mode.toString(8).padStart(4, '0'), uid: h.uid, gid: h.gid };
  switch (h.type) {
    case 'dir':
      return { entry: { ...base, type: 'dir' }, layer };
    case 'symlink':
      if (h.linkname === '') throw new InputError(`${label}: symlink '${escapeValue(path)}' has an empty target`);
      return { entry: { ...base, mode: '0777', type: 'symlink', target: h.linkname }, layer };
    case 'other':
      return { entry: { ...base, type: 'other' }, layer };
    case 'hardlink': {
      const target = tree.get(
        `/${h.linkname
          .split('/')
          .filter((p) => p !== '' && p !== '.')
          .join('/')}`,
      );
      if (!target?.ref) throw new InputError(`${label}: hard link '${escapeValue(path)}' to '${escapeValue(h.linkname)}', which is no earlier file`);
      return { entry: { ...base, type: 'file' }, layer, ref: target.ref };
    }
    case 'file':
      return {
        entry: { ...base, type: 'file' },
        layer,
        ref: { layer, member: path, size: h.size, dataOffset: h.dataOffset, sparse: h.sparse },
      };
  }
}
