/** Colour for unified diffs: only on a terminal, never under NO_COLOR (no-color.org). */
const CODES = { add: '\x1b[32m', remove: '\x1b[31m', hunk: '\x1b[36m', header: '\x1b[1m', reset: '\x1b[0m' };

export function wantColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && (env.NO_COLOR ?? '') === '' && env.TERM !== 'dumb';
}

/** Colours the lines of an (already escaped) unified diff. */
export function colourDiff(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (line === '') return line;
      const code =
        line.startsWith('+++') || line.startsWith('---') || line.startsWith('==')
          ? CODES.header
          : line.startsWith('@@')
            ? CODES.hunk
            : line.startsWith('+')
              ? CODES.add
              : line.startsWith('-')
                ? CODES.remove
                : undefined;
      return code ? `${code}${line}${CODES.reset}` : line;
    })
    .join('\n');
}
