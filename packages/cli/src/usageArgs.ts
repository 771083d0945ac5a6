import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parsePveRelease, type PveRelease } from '@pve-chainguard/core';
import { UsageError } from './exitCodes.ts';

/** node:util's parseArgs, with its complaints (unknown option, missing value) as usage errors (exit 2). */
export function usageArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** `--pve 8|9`, 9 when absent; one wording for every command (the output guard escapes the value). */
export function pveOption(value: string | undefined): PveRelease {
  const pve = parsePveRelease(value ?? '9');
  if (pve === undefined) throw new UsageError(`--pve must be 8 or 9, got '${value}'`);
  return pve;
}
