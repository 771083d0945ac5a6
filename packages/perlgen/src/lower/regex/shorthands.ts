/**
 * Whole classes that are exactly a Perl shorthand on byte strings, spelled as one:
 * `[\t\n\x0B\f\r ]` is `\s`, its complement `\S` (the model's WS and NWS), and `[^\n]`
 * is `.` without /s (DOT). Escapes and the insides of other classes are left alone.
 */
export function perlShorthands(source: string, dotAll: boolean): string {
  const SHORT: Record<string, string> = { '[\\t\\n\\x0B\\f\\r ]': '\\s', '[^\\t\\n\\x0B\\f\\r ]': '\\S' };
  if (!dotAll) SHORT['[^\\n]'] = '.';
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') {
      out += source.slice(i, i + 2);
      i++;
      continue;
    }
    if (ch !== '[') {
      out += ch;
      continue;
    }
    // the class runs to the first unescaped `]` that is not its first member
    let j = i + 1;
    if (source[j] === '^') j++;
    if (source[j] === ']') j++;
    while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
    const cls = source.slice(i, j + 1);
    out += SHORT[cls] ?? cls;
    i = j;
  }
  return out;
}
