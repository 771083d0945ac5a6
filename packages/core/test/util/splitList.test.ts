import { describe, expect, it } from 'vitest';
import { splitList } from '../../src/util/splitList.ts';

// Expected lists: pve-common's own split_list (PVE::ParseUtils at the oracle's commit
// f665029e, perl 5.36) run on the same inputs on this machine.
const PERL_RESULTS: Array<[string | undefined, string[]]> = [
  [undefined, []],
  ['', []],
  ['a', ['a']],
  ['a,b', ['a', 'b']],
  ['a, b;c  d', ['a', 'b', 'c', 'd']],
  [' ,a', ['a']],
  ['a,,b', ['a', 'b']],
  [',;\t\n', []],
  ['8.8.8.8 1.1.1.1', ['8.8.8.8', '1.1.1.1']],
  [' lead trail ', ['lead', 'trail']],
  ['a\0b', ['a', 'b']],
  ['\0a\0\0b\0\0', ['', 'a', '', 'b']],
  ['\0\0', []],
  ['a,b\0c d', ['a,b', 'c d']],
  ['\0', []],
  ['a\xa0b', ['a', 'b']],
  ['a\x85b', ['a', 'b']],
  ['a\x0bb', ['a', 'b']],
  ['a\fb\rc', ['a', 'b', 'c']],
  ['a\u2003b', ['a', 'b']],
  ['a\ufeffb', ['a\ufeffb']],
  ['a\x1cb', ['a\x1cb']],
  ['x\xc3\xa0y', ['x\xc3', 'y']],
  ['search.example example.com,foo.bar', ['search.example', 'example.com', 'foo.bar']],
];

describe('splitList', () => {
  it.each(PERL_RESULTS)('splits %j as Perl does', (input, expected) => {
    expect(splitList(input)).toEqual(expected);
  });
});
