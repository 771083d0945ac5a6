import type { FsEntry } from '@pve-chainguard/core';
import type { ContentStore } from './tar/ContentStore.ts';
import { mergeLayers } from './tar/mergeLayers.ts';

/**
 * A Proxmox template tarball (`.tar`, `.tar.gz`, `.tar.xz`, `.tar.zst`) as entries: one
 * streaming pass for metadata; content comes later, lazily (tar/ContentStore.ts).
 */
export async function readTarball(file: string, size: number, label: string): Promise<{ entries: FsEntry[]; store: ContentStore }> {
  return mergeLayers([{ file, start: 0, length: size }], label, { whiteouts: false });
}
