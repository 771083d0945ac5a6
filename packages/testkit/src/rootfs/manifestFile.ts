/**
 * A manifest given to --rootfs: a fixture-style `{description, source, entries}` document
 * or a plain entry list. Both pass strict rules (core's validateEntries for a list, the
 * fixture rules for a document); errors name file, line (for bad JSON) and entry key.
 */
import { readFileSync } from 'node:fs';
import { EntryError, validateEntries, type FsEntry } from '@pve-chainguard/core';
import { escapeValue, InputError, reason } from '../input/index.ts';
import { resolveManifest } from '../fixtures/loadFixture.ts';
import { FixtureError } from '../fixtures/validateManifest.ts';

/** Manifests are text listings; a bigger one is the wrong file (use a tarball). */
const MAX_MANIFEST = 512 << 20;

export function readManifestFile(path: string, size: number): FsEntry[] {
  const name = escapeValue(path);
  if (size > MAX_MANIFEST) throw new InputError(`${name}: ${size} bytes is too big for a JSON manifest`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`${name}: ${reason(e)}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${name}:${jsonErrorLine(text, (e as Error).message)}: not valid JSON (${(e as Error).message.split('\n')[0]})`);
  }
  try {
    if (Array.isArray(doc)) return validateEntries(doc, { parents: 'required' });
    return resolveManifest(doc, path).entries;
  } catch (e) {
    if (e instanceof EntryError) throw new InputError(`${name}: ${escapeValue(e.message)}`);
    if (e instanceof FixtureError) throw new InputError(escapeValue(e.message));
    throw e;
  }
}

/** The line JSON.parse's "at position N" (or "line N") points to; 1 when it names none. */
function jsonErrorLine(text: string, message: string): number {
  const line = /line (\d+)/.exec(message);
  if (line) return Number(line[1]);
  const pos = /position (\d+)/.exec(message);
  if (!pos) return text.length === 0 ? 1 : text.split('\n').length;
  return text.slice(0, Number(pos[1])).split('\n').length;
}
