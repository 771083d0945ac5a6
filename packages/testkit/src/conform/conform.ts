import { firstOutcomeDifference, normaliseOutcome } from './compare.ts';
import { runVector, type RunOptions, type Vector } from '@pve-chainguard/core';

export interface ConformResult {
  passed: number;
  failed: Array<{ id: string; difference: string }>;
}

/** Parses a JSON-lines file of vectors; a bad line is an error naming its line number. */
export function parseVectors(text: string, source = 'vectors'): Vector[] {
  const out: Vector[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      out.push(JSON.parse(line) as Vector);
    } catch (e) {
      throw new Error(`${source}:${i + 1}: not a JSON object - ${(e as Error).message}`);
    }
  });
  return out;
}

/** Runs every vector through the model and compares with its recorded `expect`. */
export function conform(vectors: Vector[], opts: RunOptions = {}): ConformResult {
  const result: ConformResult = { passed: 0, failed: [] };
  for (const v of vectors) {
    if (!v.expect) throw new Error(`vector ${v.id} has no 'expect'`);
    let difference: string | undefined;
    try {
      difference = firstOutcomeDifference(v.expect, normaliseOutcome(v, runVector(v, opts)));
    } catch (e) {
      difference = `the model crashed: ${(e as Error).stack ?? e}`;
    }
    if (difference) result.failed.push({ id: v.id, difference });
    else result.passed++;
  }
  return result;
}
