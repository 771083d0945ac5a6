import { chmodSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SOURCE_DATE_EPOCH, type ReleaseFile } from './release.ts';

/** Writes files under dir with their modes; directories 0755. */
export function writeTree(dir: string, files: ReleaseFile[]): void {
  for (const f of files) {
    const path = join(dir, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content);
    chmodSync(path, f.mode);
  }
}

/** Sets every mtime under dir (and dir) to SOURCE_DATE_EPOCH, directory modes to 0755. */
export function normaliseTree(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) normaliseTree(path);
    else utimesSync(path, SOURCE_DATE_EPOCH, SOURCE_DATE_EPOCH);
  }
  chmodSync(dir, 0o755);
  utimesSync(dir, SOURCE_DATE_EPOCH, SOURCE_DATE_EPOCH);
}
