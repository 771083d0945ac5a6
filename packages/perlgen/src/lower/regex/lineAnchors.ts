/**
 * Line anchors as upstream writes them: `^` and `$` under `/m` in place of the spelled-out
 * `(?<!.)` / `(?:^|(?<=\n))` (start of a line) and `(?=\n|\z)` (end of a line) that the
 * translation of the model's lookarounds gives, where the two mean the same:
 *
 * - `$` under /m is exactly `(?=\n|\z)` (written only before `)`, `|` or the end, where
 *   Perl cannot take it for a variable such as `$\`).
 * - `^` under /m is `(?:^|(?<=\n))` except at the very end of a string that ends in "\n";
 *   only a leading start-of-line anchor is rewritten, and only when the rest of the pattern
 *   cannot match the empty string there (it holds a required character outside any group).
 *
 * Nothing is rewritten when `/m` would change another part of the pattern (a bare `^` or
 * `$`, or an interpolated variable whose text could hold one).
 */

const START = ['(?<!.)', '(?:^|(?<=\\n))'];
const END = '(?=\\n|\\z)';

interface Scan {
  /** Positions (in the source) of bare `^` / `$`, or interpolations outside \Q...\E. */
  unsafe: boolean;
  /** A character the match must consume, outside groups and with no top-level `|`. */
  required: boolean;
}

function scan(source: string): Scan {
  let unsafe = false;
  let required = false;
  let alternation = false;
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    const quantifiedAway = (end: number) => /^(?:[?*]|\{0|\{,)/.test(source.slice(end));
    if (source.startsWith('\\Q', i)) {
      const end = source.indexOf('\\E', i);
      if (end < 0) return { unsafe: true, required };
      i = end + 1;
      continue;
    }
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      const zeroWidth = /[bBAzZG]/.test(next);
      const len = next === 'x' && source[i + 2] === '{' ? source.indexOf('}', i) + 1 - i : next === 'x' ? 4 : 2;
      if (depth === 0 && !zeroWidth && !quantifiedAway(i + len)) required = true;
      i += len - 1;
      continue;
    }
    if (ch === '[') {
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      if (depth === 0 && !quantifiedAway(j + 1)) required = true;
      i = j;
      continue;
    }
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) alternation = true;
    else if (ch === '^' || ch === '$' || ch === '@') unsafe = true;
    else if (depth === 0 && !/[?*+{}.]/.test(ch) && !quantifiedAway(i + 1)) required = true;
  }
  return { unsafe, required: required && !alternation };
}

/** `source`/`flags` with line anchors spelled `^`/`$` under /m where that means the same. */
export function lineAnchors(source: string, flags: string): { source: string; flags: string } {
  if (flags.includes('m')) return { source, flags };
  let out = source;
  let changed = false;
  // `$` only where nothing can read as a variable after it (`$\`, `$b`): the end, `)` or `|`
  const parts = out.split(END);
  if (parts.length > 1 && parts.slice(1).every((p) => /^(?:$|[)|])/.test(p))) {
    out = parts.join('$');
    changed = true;
  }
  const start = START.find((s) => out.startsWith(s));
  if (start) {
    const rest = out.slice(start.length);
    if (scan(rest).required) {
      out = `^${rest}`;
      changed = true;
    }
  }
  if (
    !changed ||
    scan(
      source
        .replace(START.find((s) => source.startsWith(s)) ?? '', '')
        .split(END)
        .join(''),
    ).unsafe
  ) {
    return { source, flags };
  }
  // the stable order: g i m s a
  const order = 'gimsa';
  const withM = [...new Set([...flags, 'm'])].sort((a, b) => order.indexOf(a) - order.indexOf(b)).join('');
  return { source: out, flags: withM };
}
