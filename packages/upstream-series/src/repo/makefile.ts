import { SeriesError } from '../git/git.ts';

/**
 * Adds `name` to Setup/Makefile's SOURCES, before `Unmanaged.pm` (where the newer plugins,
 * NixOS and OpenEuler, went) or else at the end, aligning the backslash with tabs like its
 * neighbours.
 */
export function addToSources(makefile: string, name: string, file: string): string {
  const m = /^SOURCES\s*=\s*\\\n((?:[ \t]+\S+[ \t]*\\\n)+)/m.exec(makefile);
  if (!m) throw new SeriesError(`${file}: no 'SOURCES=\\' list of one file per line`);
  const lines = m[1]!.split('\n').filter(Boolean);
  if (lines.some((l) => l.trim().split(/\s+/)[0] === name)) throw new SeriesError(`${file}: SOURCES already lists ${name}`);
  const sample = lines[0]!;
  const indent = /^[ \t]*/.exec(sample)![0];
  const column = visualWidth(sample.slice(0, sample.lastIndexOf('\\')));
  let line = `${indent}${name}`;
  do line += '\t';
  while (visualWidth(line) < column);
  line += '\\';
  const at = lines.findIndex((l) => l.trim().startsWith('Unmanaged.pm'));
  lines.splice(at < 0 ? lines.length : at, 0, line);
  return makefile.replace(m[1]!, `${lines.join('\n')}\n`);
}

/** Width with tab stops every 8 columns. */
function visualWidth(text: string): number {
  let w = 0;
  for (const ch of text) w = ch === '\t' ? (Math.floor(w / 8) + 1) * 8 : w + 1;
  return w;
}
