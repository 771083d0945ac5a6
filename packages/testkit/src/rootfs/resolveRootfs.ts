import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { FsEntry } from '@pve-chainguard/core';
import { FIXTURES_DIR, listFixtures, loadFixture } from '../fixtures/loadFixture.ts';
import { readDirectory } from './readDirectory.ts';

/**
 * What `--rootfs` names: a fixture (`chainguard-os-systemd-sshd`), a manifest file (a
 * fixture-style `{entries}` document or a plain entry list), or an unpacked directory.
 */
export function resolveRootfs(spec: string, cwd: string): { entries: FsEntry[]; label: string } {
  const path = resolve(cwd, spec);
  if (existsSync(path) && statSync(path).isDirectory()) return { entries: readDirectory(path), label: path };
  if (existsSync(path)) {
    const doc = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (Array.isArray(doc)) return { entries: doc as FsEntry[], label: path };
    return { entries: loadFixture(basename(path, '.json'), dirname(path)).entries, label: path };
  }
  if (listFixtures().includes(spec)) return { entries: loadFixture(spec).entries, label: `fixture ${spec}` };
  throw new Error(
    `--rootfs '${spec}': no such directory, manifest or fixture (fixtures in ${FIXTURES_DIR}: ${listFixtures().join(', ')})`,
  );
}
