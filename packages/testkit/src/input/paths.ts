import { resolve } from 'node:path';
import { InputError } from './InputError.ts';

/** `spec` resolved against the caller's directory (io.cwd, which honours INIT_CWD). */
export function resolveFrom(cwd: string, spec: string): string {
  if (spec === '') throw new InputError('an empty path was given');
  return resolve(cwd, spec);
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
