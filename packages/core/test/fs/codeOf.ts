import { FsError } from '../../src/fs/CtFsApi.ts';

/** The errno code an operation throws (FsError), or undefined when it succeeds. */
export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof FsError) return e.code;
    throw e;
  }
  return undefined;
}
