// What a prebuilt bundle of the CLI was built from: every source file of the workspace's
// packages (path, size, mtime), the package manifests, the lockfile and the install state,
// and the build script itself. Any edit, checkout or install changes it, so the launcher
// never runs a bundle older than the sources. A stat walk of ~250 files: a few ms.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
/** Where bundles live, one directory per stamp (git-ignored). */
export const BUILD_DIR = resolve(import.meta.dirname, '../.build');

/** The entry file of the bundle built from sources with this stamp. */
export function bundleEntry(stamp) {
  return join(BUILD_DIR, stamp, 'index.cjs');
}

function walk(dir, out) {
  let names;
  try {
    names = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const d of names) {
    const path = join(dir, d.name);
    if (d.isDirectory()) walk(path, out);
    else out.push(path);
  }
}

export function sourceStamp(root = REPO_ROOT) {
  const files = [
    join(root, 'pnpm-lock.yaml'),
    join(root, 'node_modules/.modules.yaml'),
    join(root, 'tsconfig.json'),
    join(root, 'tsconfig.base.json'),
    join(root, 'packages/cli/launch/bundle.mjs'),
    join(root, 'packages/cli/launch/sourceStamp.mjs'),
  ];
  for (const pkg of readdirSync(join(root, 'packages')).sort()) {
    files.push(join(root, 'packages', pkg, 'package.json'));
    walk(join(root, 'packages', pkg, 'src'), files);
  }
  const hash = createHash('sha256').update(`${process.version}\n${root}\n`);
  for (const f of files) {
    let line;
    try {
      const st = statSync(f, { bigint: true });
      line = `${f}\0${st.size}\0${st.mtimeNs}\0${st.ino}\n`;
    } catch {
      line = `${f}\0missing\n`;
    }
    hash.update(line);
  }
  return hash.digest('hex');
}
