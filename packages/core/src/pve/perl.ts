/**
 * Perl builtins and core-module functions a plugin may call, modelled on the container the
 * current setup call runs in (Perl code runs chrooted, so these see container paths).
 * The compiler maps each to the Perl of the same name (packages/perlgen/README.md).
 */
import { currentRuntime } from '../runtime/current.ts';

/** `Cwd::abs_path`: the path with every link resolved, undef when a parent is missing. */
export function absPath(path: string): string | undefined {
  return currentRuntime().ct.realpath(path);
}

/** Perl's `time()`: the run's clock. */
export function time(): number {
  return currentRuntime().now();
}

/** Perl's `warn`: the message as printed (end it with a newline). */
export function warn(message: string): void {
  currentRuntime().warn(message);
}
