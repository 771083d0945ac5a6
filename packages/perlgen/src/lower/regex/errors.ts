/** What the regex translation gives and how it refuses. */

export class RegexError extends Error {}

export interface TranslatedRegex {
  source: string;
  /** Perl modifiers in a stable order (g i s a). */
  flags: string;
  /** Number of capturing groups. */
  groups: number;
  /** Held in a `qr//` variable of this name (a regex constant of the model). */
  varName?: string;
}

/** `\xHH` (or `\x{HHHH}`) for a character code. */
export function hexEscape(code: number): string {
  return code > 0xff ? `\\x{${code.toString(16).toUpperCase()}}` : `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
}
