import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { escapeValue, InputError, reason } from '@pve-chainguard/testkit/input';

/** An existing directory, or an InputError naming what `option` pointed at. */
export function requireDirectory(path: string, option: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (e) {
    throw new InputError(`${option} '${escapeValue(path)}': ${reason(e)}`);
  }
  if (!isDir) throw new InputError(`${option} '${escapeValue(path)}' is not a directory`);
}

/** A directory that exists or can be created: its nearest existing ancestor is a directory. */
export function requireDirectoryTarget(path: string, option: string): void {
  for (let p = path; ; p = dirname(p)) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // missing, or below a file (ENOTDIR): look at the parent
      if ((code === 'ENOENT' || code === 'ENOTDIR') && dirname(p) !== p) continue;
      throw new InputError(`${option} '${escapeValue(path)}': ${reason(e)}`);
    }
    if (!st.isDirectory()) {
      const which = p === path ? 'is a file, not a directory' : `lies below '${escapeValue(p)}', which is not a directory`;
      throw new InputError(`${option} '${escapeValue(path)}' ${which}`);
    }
    return;
  }
}
