/**
 * Perl builtins and core-module functions a plugin may call, modelled on the container the
 * current setup call runs in (Perl code runs chrooted, so these see container paths).
 * The compiler maps each to the Perl of the same name (packages/perlgen/README.md).
 */
import type { PctConf } from '../config/types.ts';
import { currentRuntime } from '../runtime/current.ts';
import { perlHashOrder } from '../util/perlHash/perlHashOrder.ts';

/** `Cwd::abs_path`: the path with every link resolved, undef when a parent is missing. */
export function absPath(path: string): string | undefined {
  return currentRuntime().ct.realpath(path);
}

/** Perl's `time()`: the run's clock. */
export function time(): number {
  return currentRuntime().now();
}

/** Perl's `$$`: the id of the process the call runs in. */
export function pid(): string {
  return currentRuntime().pid;
}

/** Perl's `warn`: the message as printed (end it with a newline). */
export function warn(message: string): void {
  currentRuntime().warn(message);
}

/**
 * `keys %$conf` of a config hash as Proxmox built it (parse_pct_config starts it with
 * digest, snapshots and pending; the model's object keeps insertion order): Perl's order
 * under PERL_HASH_SEED=0, as recorded. Keys Perl's table is not known for fall back to
 * sorted order.
 */
export function configHashKeys(conf: PctConf): string[] {
  const keys = Object.keys(conf);
  return perlHashOrder(['digest', 'snapshots', 'pending', ...keys])?.filter((k) => Object.hasOwn(conf, k)) ?? keys.sort();
}
