import { PROFILES, type ReleaseProfile } from '../release/profiles.ts';
import type { SetupRuntime } from './SetupRuntime.ts';

/**
 * The runtime of the setup call in progress. Perl code reaches the chroot, the clock and
 * the console implicitly (they are process state); model code reaches them here. Model
 * runs are synchronous, so a stack is enough to keep nested runs apart.
 */
const stack: SetupRuntime[] = [];

export function withRuntime<T>(rt: SetupRuntime, fn: () => T): T {
  stack.push(rt);
  try {
    return fn();
  } finally {
    stack.pop();
  }
}

export function currentRuntime(): SetupRuntime {
  const rt = stack[stack.length - 1];
  if (!rt) throw new Error('no setup runtime: model code must run inside withRuntime()');
  return rt;
}

/** The pve-container the call in progress runs inside (PVE 9 outside any run). */
export function currentRelease(): ReleaseProfile {
  return stack[stack.length - 1]?.release ?? PROFILES[9];
}
