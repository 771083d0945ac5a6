/**
 * What a pve-devel reviewer would not accept in hand-written Perl, as a check over a
 * module's text: one finding (`line N: what`) per offending line.
 */

/** The code of a line without a trailing `# comment` (good enough for generated Perl). */
function code(line: string): string {
  if (/^\s*#/.test(line)) return '';
  return line.replace(/\s+#\s[^'"]*$/, '');
}

/** `s/pattern/replacement/flags` with `/` delimiters, as the compiler prints them. */
const SUBSTITUTION = /(?<![\w$@%])s\/(?:[^/\\]|\\.)*\/(?:[^/\\]|\\.)*\/([a-z]*)/g;

export function idiomFindings(text: string): string[] {
  const lines = text.split('\n');
  const findings: string[] = [];
  const at = (i: number, what: string) => findings.push(`line ${i + 1}: ${what}`);
  lines.forEach((line, i) => {
    const c = code(line);
    if (c.includes('$&')) at(i, '$& (slows every match in the process; capture what you need)');
    for (const m of c.matchAll(SUBSTITUTION)) {
      if (m[1]!.includes('e')) at(i, 'a /e replacement (code in the replacement part)');
      if (m[1]!.includes('r')) at(i, 'a /r replacement (substitute in place on a copy instead)');
    }
    if (c.includes("oct('")) at(i, "oct('0NNN') for a constant (write the octal literal)");
    if (/\bmy \$\w+ = sub \{/.test(c)) at(i, 'a private helper as a coderef (write my sub name)');
  });
  // A wrapped comment whose last line holds a single word.
  const indentOf = (line: string | undefined) => (line !== undefined && /^\s*#/.test(line) ? /^\s*/.exec(line)![0].length : -1);
  for (let i = 0; i < lines.length; i++) {
    if (indentOf(lines[i]) < 0 || indentOf(lines[i - 1]) === indentOf(lines[i])) continue;
    let end = i;
    while (indentOf(lines[end + 1]) === indentOf(lines[i])) end++;
    const last = lines[end]!.replace(/^\s*#\s*/, '').trim();
    if (end > i && last !== '' && !/\s/.test(last)) at(end, `a comment's last line is the lone word "${last}"`);
  }
  return findings;
}
