/**
 * Reads a JSON-lines vectors file for `conform`, refusing what would otherwise pass
 * silently or crash: an empty file, a line that is not JSON or not a vector, a rootfs
 * entry that breaks the entry rules. Every message names file, line and key.
 */
import { readFileSync } from 'node:fs';
import { EntryError, validateEntries, type Vector } from '@pve-chainguard/core';
import { escapeValue, InputError, reason } from '../input/index.ts';

const FIELDS: Array<[keyof Vector, (v: unknown) => boolean, string]> = [
  ['id', (v) => typeof v === 'string' && v !== '', 'a non-empty string'],
  ['frozen_time', (v) => Number.isSafeInteger(v), 'an integer'],
  ['config', (v) => typeof v === 'string', 'a string'],
  ['host', (v) => isObject(v), 'an object'],
  ['rootfs', (v) => Array.isArray(v), 'an array'],
  ['outside', (v) => Array.isArray(v), 'an array'],
  ['steps', (v) => Array.isArray(v) && v.every(isStep), 'an array of {call, args}'],
  ['expect', (v) => isObject(v), 'an object (what Proxmox recorded)'],
];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStep(v: unknown): boolean {
  return isObject(v) && typeof v.call === 'string' && Array.isArray(v.args) && v.args.every((a) => a === null || typeof a === 'string');
}

function rootedOutside(entry: unknown): unknown {
  return isObject(entry) && typeof entry.path === 'string' ? { ...entry, path: `/${entry.path.replace(/^\/+/, '')}` } : entry;
}

export function readVectorsFile(path: string): Vector[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read '${escapeValue(path)}': ${reason(e)}`);
  }
  const vectors: Vector[] = [];
  const ids = new Map<string, number>();
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const at = `${escapeValue(path)}:${i + 1}`;
    let doc: unknown;
    try {
      doc = JSON.parse(line);
    } catch (e) {
      throw new InputError(`${at}: not valid JSON (${(e as Error).message.split('\n')[0]})`);
    }
    if (!isObject(doc)) throw new InputError(`${at}: a vector must be a JSON object`);
    for (const [key, ok, want] of FIELDS) {
      if (!ok(doc[key])) throw new InputError(`${at}: key '${key}' must be ${want}`);
    }
    for (const list of ['rootfs', 'outside'] as const) {
      // `outside` paths are relative to the host's scratch root (oracle/README.md)
      const entries = list === 'rootfs' ? doc[list] : (doc[list] as unknown[]).map(rootedOutside);
      try {
        // the recorder creates unlisted parents, so vectors may leave them out
        validateEntries(entries, { parents: 'implicit', listName: list });
      } catch (e) {
        if (e instanceof EntryError) throw new InputError(`${at}: ${escapeValue(e.message)}`);
        throw e;
      }
    }
    const vector = doc as unknown as Vector;
    const seen = ids.get(vector.id);
    if (seen !== undefined) throw new InputError(`${at}: key 'id' ${JSON.stringify(vector.id)} repeats line ${seen}`);
    ids.set(vector.id, i + 1);
    vectors.push(vector);
  });
  if (vectors.length === 0) throw new InputError(`${escapeValue(path)}: no vectors (the file is empty or blank)`);
  return vectors;
}
