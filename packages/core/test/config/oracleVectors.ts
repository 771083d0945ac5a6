/**
 * Loads the oracle vectors (oracle/base-vectors.jsonl) for the config and
 * os-release tests. Set PVE_ORACLE_VECTORS to read them from elsewhere; a missing file
 * fails the tests rather than skipping them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface OracleEntry {
  path: string;
  type: 'dir' | 'file' | 'symlink' | 'other';
  content?: string;
  encoding?: 'base64';
  target?: string;
}

export interface OracleVector {
  id: string;
  tags: string[];
  config: string;
  rootfs: OracleEntry[];
  expect: {
    ostype: string | null;
    arch: string | null;
    os_release: Record<string, string>;
    error: { at: string | number; message: string } | null;
    warnings: string[];
  };
}

const DEFAULT_PATH = fileURLToPath(new URL('../../../../oracle/base-vectors.jsonl', import.meta.url));

let cache: OracleVector[] | undefined;

export function loadOracleVectors(): OracleVector[] {
  cache ??= readFileSync(process.env.PVE_ORACLE_VECTORS ?? DEFAULT_PATH, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as OracleVector);
  return cache;
}
