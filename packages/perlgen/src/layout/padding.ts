/** perltidy's logical padding: how it lines up the first token of a broken condition. */

const KEYWORDS = new Set([
  'defined',
  'exists',
  'scalar',
  'int',
  'length',
  'join',
  'split',
  'keys',
  'index',
  'rindex',
  'sort',
  'map',
  'grep',
  'reverse',
  'undef',
  'oct',
  'time',
  'push',
  'die',
  'warn',
  'return',
]);

/** perltidy's type of the first token of a printed expression (i, Q, n, k, w, ...). */
function leadingType(text: string): { type: string; token: string; rest: string } {
  const m = /^(\$\w+|[@%]\$?\w+|'[^']*'|"(?:[^"\\]|\\.)*"|qr\/|\d\w*|[A-Za-z_]\w*(?:::\w+)*|!|.)/.exec(text);
  const token = m?.[1] ?? '';
  const rest = text.slice(token.length).trimStart();
  if (/^[$@%]/.test(token)) return { type: 'i', token, rest };
  if (/^['"]|^qr\//.test(token)) return { type: 'Q', token, rest };
  if (/^\d/.test(token)) return { type: 'n', token, rest };
  if (/^[A-Za-z_]/.test(token)) return { type: KEYWORDS.has(token) ? 'k' : 'w', token, rest };
  return { type: token, token, rest };
}

/**
 * perltidy's "logical padding" of a line followed by `op` lines: the spaces it adds so the
 * line's first token lines up with the token after `op` — when that token has the same
 * type (the same keyword, for keywords).
 */
export function logicalPad(first: string, next: string, op: string): number {
  const a = leadingType(first);
  const b2 = leadingType(next);
  const width = op.length + 1;
  if (a.type === b2.type) return a.type === 'k' && a.token !== b2.token ? 0 : width;
  if (a.type === '!' && leadingType(a.rest).type === b2.type) return width - 1;
  return 0;
}
