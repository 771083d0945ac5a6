/** TS comments as text lines: what a `//` or `/* *\/` comment says, without its markers. */
import { Node } from './tsMorph.ts';

/** `// text` / `/* text *\/` → comment lines without the markers. */
export function commentLines(text: string): string[] {
  if (text.startsWith('//')) return [text.replace(/^\/\/ ?/, '').trimEnd()];
  const body = text.replace(/^\/\*\*?/, '').replace(/\*\/$/, '');
  const lines = body.split('\n').map((l) => (/^\s*\*/.test(l) ? l.replace(/^\s*\* ?/, '') : l.trim()).trimEnd());
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  return lines.map((l) => (l.trim() === '' ? '' : l));
}

/** The JSDoc lines of a declaration (unwrapped; layout/ wraps them). */
export function docComments(node: Node): string[] {
  if (!Node.isJSDocable(node)) return [];
  const lines: string[] = [];
  for (const doc of node.getJsDocs()) lines.push(...commentLines(doc.getText()));
  return lines;
}
