import { statSync } from 'node:fs';
import type { FsEntry } from '@pve-chainguard/core';
import { escapeValue, InputError, reason, resolveFrom } from '@pve-chainguard/perlgen/cli';
import { FIXTURES_DIR, listFixtures, loadFixture } from '../fixtures/loadFixture.ts';
import type { OciImageDocument } from '../fixtures/types.ts';
import { readManifestFile } from './manifestFile.ts';
import { readDirectory } from './readDirectory.ts';

export interface ResolvedRootfs {
  entries: FsEntry[];
  /** What was read, for messages and --json. */
  label: string;
  /** The image config of an OCI image (mapped to pct config like PVE's OCI import). */
  ociConfig?: OciImageDocument;
}

/**
 * What `--rootfs` names: an unpacked directory, a manifest file (a fixture-style
 * `{entries}` document or a plain entry list) or a fixture (`chainguard-os-systemd-sshd`).
 * Anything wrong with it is an InputError naming the path.
 */
export async function resolveRootfs(spec: string, cwd: string): Promise<ResolvedRootfs> {
  const path = resolveFrom(cwd, spec);
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new InputError(`--rootfs '${escapeValue(spec)}': ${reason(e)}`);
  }
  if (st?.isDirectory()) return { entries: readDirectory(path), label: path };
  if (st?.isFile()) {
    if (/\.json$/i.test(path)) return { entries: readManifestFile(path, st.size), label: path };
    throw new InputError(`--rootfs '${escapeValue(spec)}': not a manifest (.json), template tarball or OCI image`);
  }
  if (st) throw new InputError(`--rootfs '${escapeValue(spec)}': not a file or directory`);
  if (listFixtures().includes(spec)) {
    const fixture = loadFixture(spec);
    return { entries: fixture.entries, label: `fixture ${spec}`, ...(fixture.ociConfig ? { ociConfig: fixture.ociConfig } : {}) };
  }
  throw new InputError(
    `--rootfs '${escapeValue(spec)}': no such file, directory or fixture (fixtures in ${FIXTURES_DIR}: ${listFixtures().join(', ')})`,
  );
}
