/**
 * Perl's `\s` under `use v5.36` (unicode_strings), which PVE::ParseUtils enables: ASCII
 * whitespace plus NEL, NBSP and the Unicode spaces. Unlike JS `\s` it has U+0085 and lacks
 * U+FEFF. On byte strings this means a UTF-8 `à` (C3 A0) is split in two.
 */
const PERL_SPACE = '\\t\\n\\v\\f\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const LEADING_SPACE = new RegExp(`^[${PERL_SPACE}]+`);
const SPACE_RUN = new RegExp(`[${PERL_SPACE}]+`);

/**
 * PVE::Tools::split_list: with a NUL anywhere, split on NUL only (empty fields are kept
 * except trailing ones, as Perl's `split` does); otherwise `,` and `;` count as blanks and
 * the text splits on blank runs, so no field is empty. undefined behaves like ''.
 */
export function splitList(text: string | undefined): string[] {
  const list = text ?? '';
  if (list.includes('\0')) return dropTrailingEmpty(list.split('\0'));
  const blanked = list.replace(/[,;]/g, ' ').replace(LEADING_SPACE, '');
  return dropTrailingEmpty(blanked.split(SPACE_RUN));
}

/** Perl's `split` removes empty trailing fields (and so returns () for ''). */
function dropTrailingEmpty(fields: string[]): string[] {
  let end = fields.length;
  while (end > 0 && fields[end - 1] === '') end--;
  return fields.slice(0, end);
}
