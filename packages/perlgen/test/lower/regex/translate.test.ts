import { describe, expect, it } from 'vitest';
import { RegexError } from '../../../src/lower/regex/errors.ts';
import { literalRegex, translateReplacement } from '../../../src/lower/regex/replacement.ts';
import { translateRegex } from '../../../src/lower/regex/translate.ts';

describe('translateRegex', () => {
  it.each([
    ['^net\\d+$', '', '^net\\d+\\z', ''],
    ['^\\w+$', '', '^\\w+\\z', 'a'],
    // classes that are exactly Perl's \s, \S and . (the model's WS, NWS, DOT) print as those
    ['^#! ?([^\\t\\n\\x0B\\f\\r ]*)', '', '^#! ?(\\S*)', ''],
    ['\\.[^\\n]*$', '', '\\..*\\z', ''],
    ['[^\\n]', 's', '[^\\n]', 's'],
    ['x[\\t\\n\\x0B\\f\\r ]+', '', 'x\\s+', ''],
    ['[a[^\\n]]', '', '[a\\[^\\n]]', ''],
    ['[^\\]][^\\n]', '', '[^\\]].', ''],
    // line anchors: ^ and $ under /m where they mean the same (see lineAnchors.ts)
    ['(?<![^\\n])a:', 'g', '^a:', 'gm'],
    ['(?:^|(?<=\\n))x(?=\\n|$)', '', '^x$', 'm'],
    ['(?<![^\\n])a*', '', '(?<!.)a*', ''],
    ['(?<![^\\n])\\d*(?=\\n|$)', '', '(?<!.)\\d*$', 'm'],
    ['^a(?=\\n|$)', '', '^a(?=\\n|\\z)', ''],
    ['a(?=\\n|$)\\n', '', 'a(?=\\n|\\z)\\n', ''],
    ['a(?=\\n|$)b', '', 'a(?=\\n|\\z)b', ''],
    ['(?<![^\\n])a|b', '', '(?<!.)a|b', ''],
    ['a.b', '', 'a[^\\n\\r]b', ''],
    ['a.b', 's', 'a.b', 's'],
    ['\\s+', 'g', '[\\t\\n\\x0B\\f\\r \\xA0]+', 'g'],
    ['[^\\s]', '', '[^\\t\\n\\x0B\\f\\r \\xA0]', ''],
    ['a@b/c', '', 'a\\@b\\/c', ''],
    ['x{,2}', '', 'x\\{,2}', ''],
    ['[]', '', '(?!)', ''],
    ['[^]', '', '(?s:.)', ''],
    ['', '', '(?:)', ''],
    ['(a)\\1', 'i', '(a)\\1', 'i'],
    ['[[:alpha:]]', '', '[\\[:alpha:]]', ''],
  ])('/%s/%s → /%s/%s', (src, flags, perl, perlFlags) => {
    expect(translateRegex(src, flags)).toMatchObject({ source: perl, flags: perlFlags });
  });

  it('counts capture groups (lookarounds and (?:) are not captures)', () => {
    expect(translateRegex('(a)(?:b)(?=c)(d)', '').groups).toBe(2);
  });

  it.each([
    ['a', 'm', 'the m flag'],
    ['a', 'y', 'the y flag'],
    ['(?<n>a)', '', 'named or modifier groups'],
    ['(?<=a+)b', '', 'variable-length lookbehind'],
    ['\\e', '', 'identity escape'],
    ['\\2(a)', '', 'octal escape'],
    ['é', 'i', 'non-ASCII character under the i flag'],
  ])('refuses /%s/%s (%s)', (src, flags, reason) => {
    expect(() => translateRegex(src, flags)).toThrow(RegexError);
    expect(() => translateRegex(src, flags)).toThrow(reason);
  });
});

describe('translateReplacement', () => {
  it('maps $n, $& and $$, and keeps an unknown group literal as JS does', () => {
    expect(translateReplacement('$2-$1 $& $$ $9', 2)).toBe('${2}-${1} $& \\$ \\$9');
  });

  it('escapes what Perl would interpolate', () => {
    expect(translateReplacement('a@b/c\\d', 0)).toBe('a\\@b\\/c\\\\d');
  });
});

describe('literalRegex', () => {
  it('escapes regex metacharacters only', () => {
    expect(literalRegex('a.b:c/d\n')).toBe('a\\.b:c\\/d\\n');
  });
});
