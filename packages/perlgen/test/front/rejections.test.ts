import { describe, expect, it } from 'vitest';
import { compileSource } from '../../src/compile.ts';
import { formatDiagnostic } from '../../src/front/diagnostics.ts';
import { errorOf, pluginSource, type SnippetOptions } from '../helpers/compileSnippet.ts';

const S = { params: 'conf: PctConf, x: string' };
const OPT = { params: 'x: string | undefined' };

/** Constructs without a faithful Perl equivalent → a compile error naming the reason. */
const cases: Array<[string, string, string, SnippetOptions?]> = [
  ['loose equality', "if (x == 'a') return;", 'loose equality (==) coerces types; use ===', S],
  ['division', 'const q = n / 2;', 'division gives fractions', { params: 'n: number' }],
  ['remainder', 'const r = n % 2;', "remainder: JS keeps the dividend's sign", { params: 'n: number' }],
  ['string truthiness in a condition', 'if (x) return;', 'a condition must be a boolean, found string', S],
  ['|| on strings (JS and Perl disagree on "0")', "const v = x || 'd';", 'a condition must be a boolean', S],
  ['for...in', 'for (const k in conf) this.ctUnlink(k);', 'for...in walks keys in JS order'],
  ['unsorted Object.keys', 'for (const k of Object.keys(conf)) this.ctUnlink(k);', "Perl's hash order is random"],
  ['split on a regex', 'const f = x.split(/,/);', 'split needs a non-empty string literal separator', S],
  ['case mapping', 'const l = x.toLowerCase();', 'case mapping: JS also maps non-ASCII letters', S],
  ['Number()', 'const n = Number(x);', "Number('') is 0", S],
  ['interpolating a possibly undefined value', 'const s = `${x}`;', 'JS would print "undefined", Perl ""', OPT],
  ['an unguarded lookup with an arbitrary key', 'const v = conf[x as `net${number}`];', 'also finds Object.prototype members', S],
  ['a helper that exists only in the TS model', 'const d = this.systemdUnitDir();', "systemd_unit_dir is not a sub of Proxmox's Base.pm"],
  ['null', 'const v = null;', 'null is outside the subset'],
  ['throw', "throw new Error('x');", 'use die('],
  ['switch', "switch (x) { case 'a': break; }", 'switch is outside the subset', S],
  ['the m flag', 'if (/^a$/m.test(x)) return;', "the m flag: JS's multi-line anchors", S],
  ['exec without a capture group', 'const m = /a/.exec(x);', 'exec of a regex without a capture group', S],
  ['a float literal', 'const f = 1.5;', 'only integer literals'],
  ['a comparator other than a - b', 'const l = [3, 1].sort((p, q) => p + q);', 'only sort() and numeric sort((a, b) => a - b)'],
  ['sorting an array variable in place', "const l = ['b', 'a'];\nconst s = l.sort();", 'changes the array in place in JS'],
  ['an index that may be negative', "const l = ['a'];\nconst e = l[n];", 'Perl reads negative indexes from the end', { params: 'n: number' }],
  ['return inside try', "try {\n  return;\n} catch {\n  this.ctUnlink('/x');\n}", 'they would only leave the eval block'],
  ['a name that becomes $a', 'const a = 1;', 'the name a would become the Perl special $a'],
  ['a computed replacement string', 'const s = x.replace(/a/, x);', "JS scans a computed string for '$' patterns", S],
  ['an identity escape that means something else in Perl', 'if (/\\e/.test(x)) return;', 'an identity escape in JS, something else in Perl', S],
  ['named groups', 'if (/(?<n>a)/.test(x)) return;', 'named or modifier groups', S],
  ['die as an expression', "const v = x === 'a' ? die('no\\n') : 1;", 'die() only as a statement', S],
  ['typeof', "const t = typeof x === 'string';", 'runtime type tests are outside the subset', S],
  ['new', 'const m = new Map();', 'new is outside the subset'],
  ['& with a computed mask', 'const v = n & m;', '& only with a literal mask', { params: 'n: number, m: number' }],
  ['comparing a call result that may be undefined', "if (absPath(x) === 'a') return;", 'bind it to a const first', S],
  ['+ with a boolean', "const v = 'a' + true;", 'Perl has no boolean values', {}],
  ['a loop bound the body can change', "const l = ['a'];\nfor (let i = 0; i < l.length; i++) l.push('b');", 'the loop bound must be a literal'],
];

describe('constructs the subset rejects', () => {
  for (const [name, body, message, opts] of cases) {
    it(`rejects ${name}`, () => {
      expect(errorOf(body, opts ?? {})).toContain(message);
    });
  }
});

describe('diagnostics', () => {
  it('name the file, line and column of the construct', () => {
    const r = compileSource(pluginSource("    const v = x == 'a';", S), 'packages/core/src/plugins/Snippet.ts');
    const probeLine =
      pluginSource('', S)
        .split('\n')
        .findIndex((l) => l.includes('  probe(')) + 1;
    expect(r.perl).toBe('');
    expect(formatDiagnostic(r.diagnostics[0]!)).toBe(`packages/core/src/plugins/Snippet.ts:${probeLine + 1}:15: loose equality (==) coerces types; use ===`);
  });

  it('are all reported in one run, without follow-on errors for names whose declaration failed', () => {
    const r = compileSource(pluginSource("    const v = x == 'a';\n    const w = 1.5;\n    if (v) return;", S), 'packages/core/src/plugins/Snippet.ts');
    expect(r.diagnostics.map((d) => d.message)).toEqual(['loose equality (==) coerces types; use ===', 'only integer literals (floats print differently in Perl)']);
  });

  it('reject imports from modules without a Perl mapping', () => {
    const src = `import { readFileSync } from 'node:fs';\n${pluginSource('')}`;
    const r = compileSource(src, 'packages/core/src/plugins/Snippet.ts');
    expect(r.diagnostics[0]?.message).toContain('imports from node:fs are outside the subset');
  });
});
