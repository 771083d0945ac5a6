import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from './exitCodes.ts';
import { escapeValue } from './output/escape.ts';

/** `spec` resolved against the caller's directory (io.cwd, which honours INIT_CWD). */
export function resolveFrom(cwd: string, spec: string): string {
  if (spec === '') throw new InputError('an empty path was given');
  return resolve(cwd, spec);
}

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

/** A short reason for a failed file-system call (no stack, no errno number). */
export function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a component of the path is not a directory';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return err?.code ? `${err.code}` : String(err?.message ?? err);
  }
}
