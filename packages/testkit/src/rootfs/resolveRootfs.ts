import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { FsEntry } from '@pve-chainguard/core';
import { escapeValue, InputError, reason, resolveFrom } from '../input/index.ts';
import { FIXTURES_DIR, listFixtures, loadFixture } from '../fixtures/loadFixture.ts';
import type { OciImageDocument } from '../fixtures/types.ts';
import { readManifestFile } from './manifestFile.ts';
import { isOciLayoutDir, ociArchiveMembers, readOciArchive, readOciLayout } from './oci.ts';
import { readDirectory } from './readDirectory.ts';
import type { ContentStore } from './tar/ContentStore.ts';
import { sniffCompression } from './tar/decompress.ts';
import { readTarball } from './tarball.ts';

export interface ResolvedRootfs {
  entries: FsEntry[];
  /** What was read, for messages and --json. */
  label: string;
  /** The image config of an OCI image (mapped to pct config like PVE's OCI import). */
  ociConfig?: OciImageDocument;
  /** Where content comes from for a tarball or image (see withContent.ts). */
  store?: ContentStore;
}

/**
 * What `--rootfs` names: a template tarball (any of tar, gzip, xz, zstd), an OCI archive
 * or layout directory, an unpacked directory, a manifest file (a fixture-style `{entries}`
 * document or a plain entry list) or a fixture (`chainguard-os-systemd-sshd`). Anything
 * wrong with it is an InputError naming the path.
 */
export async function resolveRootfs(spec: string, cwd: string): Promise<ResolvedRootfs> {
  const path = resolveFrom(cwd, spec);
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new InputError(`--rootfs '${escapeValue(spec)}': ${reason(e)}`);
  }
  if (st?.isDirectory()) {
    if (!isOciLayoutDir(path)) return { entries: readDirectory(path), label: path };
    const image = await readOciLayout(path, path);
    return { entries: image.entries, label: path, store: image.store, ociConfig: image.image };
  }
  if (st?.isFile()) {
    if (/\.json$/i.test(path)) return { entries: readManifestFile(path, st.size), label: path };
    const compression = sniffCompression({ file: path, start: 0, length: st.size });
    if (compression === 'none' && isTar(path)) {
      const members = await ociArchiveMembers(path, st.size, path);
      if (members) {
        const image = await readOciArchive(members, path);
        return { entries: image.entries, label: path, store: image.store, ociConfig: image.image };
      }
    }
    if (compression !== 'none' || isTar(path)) {
      const tarball = await readTarball(path, st.size, path);
      return { entries: tarball.entries, label: path, store: tarball.store };
    }
    throw new InputError(`--rootfs '${escapeValue(spec)}': not a manifest (.json), template tarball or OCI image`);
  }
  if (st) throw new InputError(`--rootfs '${escapeValue(spec)}': not a file or directory`);
  if (listFixtures().includes(spec)) {
    const fixture = loadFixture(spec);
    return { entries: fixture.entries, label: `fixture ${spec}`, ...(fixture.ociConfig ? { ociConfig: fixture.ociConfig } : {}) };
  }
  throw new InputError(`--rootfs '${escapeValue(spec)}': no such file, directory or fixture (fixtures in ${FIXTURES_DIR}: ${listFixtures().join(', ')})`);
}

/** A tar header block at the start: `ustar` magic (POSIX and GNU). */
function isTar(path: string): boolean {
  const head = Buffer.alloc(512);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 512, 0);
  } finally {
    closeSync(fd);
  }
  return head.subarray(257, 262).toString('latin1') === 'ustar';
}
