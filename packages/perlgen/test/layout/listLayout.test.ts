import { describe, expect, it } from 'vitest';
import { perlTokens, perltidyListLayout, sublistBreaks, type ListItem } from '../../src/layout/listLayout.ts';

/** Quoted items of a given length, as in the perltidy measurements (tooling-notes §5). */
function quotes(n: number, len: number): ListItem[] {
  return Array.from({ length: n }, (_, i) => {
    const text = `'${String.fromCharCode(97 + i).repeat(len - 2)}'`;
    return { text, tokens: 1, quoteLike: true, identifierLike: false };
  });
}
const cx = { itemIndent: 8, maxWidth: 100, listType: '' };

describe('perltidyListLayout (measured against perltidy 20220613 at indent 4)', () => {
  it('wraps two short items after the opener', () => {
    expect(perltidyListLayout(quotes(2, 35), cx)).toEqual({ kind: 'wrap', breakAfter: 0 });
  });

  it('puts two long items one per line', () => {
    expect(perltidyListLayout(quotes(2, 60), cx)).toEqual({ kind: 'table', fields: 1 });
  });

  it('puts four 25-column items two per row', () => {
    expect(perltidyListLayout(quotes(4, 25), cx)).toEqual({ kind: 'table', fields: 2 });
  });

  it('leaves keyword lists (join, push, ...) alone', () => {
    expect(perltidyListLayout(quotes(4, 25), { ...cx, listType: 'join' })).toEqual({ kind: 'none' });
  });
});

describe('perlTokens', () => {
  it('counts blanks as tokens, like perltidy', () => {
    expect(perlTokens('$h->{key}')).toBe(5);
    expect(perlTokens("$self->f($a, 'b c')")).toBe(9);
  });
});

describe('sublistBreaks', () => {
  it('keeps short simple items together and puts others on their own rows', () => {
    const items: ListItem[] = ['$dir', 'qr/x/', "'a long string item'", 'sub {'].map((text) => ({
      text,
      tokens: 1,
      quoteLike: false,
      identifierLike: false,
    }));
    expect(sublistBreaks(items, cx)).toEqual([[0, 1], [2], [3]]);
  });
});
