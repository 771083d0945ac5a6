/** A regex literal of the TS source (`/re/flags`) translated, or a compile error at it. */
import { CompileError } from '../../front/diagnostics.ts';
import type { Node } from '../../front/tsMorph.ts';
import { RegexError, type TranslatedRegex } from './errors.ts';
import { translateRegex } from './translate.ts';

export function translateRegexLiteral(text: string, allowedFlags: string, node: Node): TranslatedRegex {
  const slash = text.lastIndexOf('/');
  const pattern = text.slice(1, slash);
  const flags = text.slice(slash + 1);
  try {
    return translateRegex(pattern, flags, allowedFlags);
  } catch (e) {
    if (e instanceof RegexError) throw new CompileError(node, `regex ${text}: ${e.message}`);
    throw e;
  }
}
