/**
 * os-release parsing exactly as PVE::LXC::Setup's `$parse_os_release` does it — which is
 * not quite os-release(5):
 * - every non-empty line is tried; `NAME=value` with NAME `[a-zA-Z_][a-zA-Z0-9_]*` and
 *   optional leading blanks; other lines (comments included) are ignored;
 * - `'...'`: the text up to the next single quote, literally;
 * - `"..."`: the text up to the next unescaped double quote, with the escapes \" \' \`
 *   \n \t \$ \\ evaluated (any other backslash stays as written);
 * - anything else (unquoted, or a quote that is never closed): only the leading
 *   `[A-Za-z0-9]*` run is kept, so `VERSION_ID=2023.02.01` gives "2023";
 * - whatever follows the value on the line is ignored; a later line wins.
 */
import type { OsRelease } from './types.ts';

// Perl's `\s` on bytes: the line never contains "\n".
const ASSIGNMENT_RE = /^[ \t\r\f\v]*([a-zA-Z_][a-zA-Z0-9_]*)=(.*)$/s;
const SINGLE_QUOTED_RE = /^'([^']*)'/;
const DOUBLE_QUOTED_RE = /^"((?:[^"\\]|\\.)*)"/s;
const UNQUOTED_RE = /^[A-Za-z0-9]*/;
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t' };

/** Parses os-release text; `undefined` (no file) gives `{}`. */
export function parseOsRelease(data: string | undefined): OsRelease {
  const vars: OsRelease = {};
  if (data === undefined) return vars;
  for (const line of data.split('\n')) {
    const m = ASSIGNMENT_RE.exec(line);
    if (!m) continue;
    const name = m[1] ?? '';
    const content = m[2] ?? '';
    let q: RegExpExecArray | null;
    if ((q = SINGLE_QUOTED_RE.exec(content))) {
      vars[name] = q[1] ?? '';
    } else if ((q = DOUBLE_QUOTED_RE.exec(content))) {
      vars[name] = (q[1] ?? '').replace(/\\(["'`nt$\\])/g, (_, c: string) => ESCAPES[c] ?? c);
    } else {
      vars[name] = UNQUOTED_RE.exec(content)?.[0] ?? '';
    }
  }
  return vars;
}
