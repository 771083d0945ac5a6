import { InputError } from '../input/index.ts';
import type { ContentStore } from './tar/ContentStore.ts';

/** More passes than any plugin run needs; a source still short after them is a bug. */
const MAX_PASSES = 12;

/**
 * Runs `run` until it read only content the store has: after a run that asked for
 * unfetched content (answered empty, so its result is void) the store streams that
 * content in and the run repeats. Without a store (directory, manifest) it runs once.
 */
export async function withContent<T>(store: ContentStore | undefined, run: () => T): Promise<T> {
  for (let pass = 0; ; pass++) {
    let result: T;
    try {
      result = run();
    } catch (e) {
      // a run that read placeholders may fail in any way; only a complete run's error counts
      if (!store?.incomplete) throw e;
      result = undefined as T;
    }
    if (!store?.incomplete) return result;
    if (pass >= MAX_PASSES) throw new InputError(`the rootfs needed more than ${MAX_PASSES} passes to read what the plugin reads`);
    await store.fetchMissing();
  }
}
