import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PerlExpr, PerlStmt } from '../../src/ir/ast.ts';
import { LayoutError, LayoutErrors } from '../../src/print/errors.ts';
import { printStatementsText } from '../../src/print/printModule.ts';
import { perltidy } from '../helpers/perlTools.ts';

const SEED = Number(process.env.PERLGEN_SEED ?? 20260801);

const v = (name: string): PerlExpr => ({ k: 'var', sigil: '$', name });
const self = v('self');

/** Random but realistic statement shapes: calls, literals, chains, ternaries, guards. */
function arbitraries() {
  const word = fc.stringMatching(/^[a-z][a-z_]{0,14}$/);
  const path = fc.array(fc.stringMatching(/^[a-z][a-z0-9.-]{0,12}$/), { minLength: 1, maxLength: 4 }).map((p) => `/${p.join('/')}`);
  const atom: fc.Arbitrary<PerlExpr> = fc.oneof(
    path.map((p): PerlExpr => ({ k: 'str', value: p })),
    word.map(v),
    fc.integer({ min: 0, max: 5000 }).map((n): PerlExpr => ({ k: 'num', text: String(n) })),
    fc.tuple(word, word).map(([a, b]): PerlExpr => ({ k: 'elem', base: v(a), key: { k: 'str', value: b }, brackets: '{}', arrow: true })),
  );
  const call: fc.Arbitrary<PerlExpr> = fc
    .tuple(word, fc.array(atom, { minLength: 1, maxLength: 7 }))
    .map(([name, args]): PerlExpr => ({ k: 'method', invocant: self, name: `ct_${name}`, args }));
  const value: fc.Arbitrary<PerlExpr> = fc.oneof(atom, call);
  const cond: fc.Arbitrary<PerlExpr> = fc.oneof(
    call,
    fc.tuple(value, path).map(([l, r]): PerlExpr => ({ k: 'binop', op: 'eq', left: l, right: { k: 'str', value: r } })),
  );
  const chain = fc
    .tuple(fc.constantFrom('&&', '||'), fc.array(cond, { minLength: 2, maxLength: 4 }))
    .map(([op, parts]) => parts.reduce((l, r): PerlExpr => ({ k: 'binop', op, left: l, right: r })));
  const hash = fc
    .array(fc.tuple(word, value), { minLength: 1, maxLength: 6 })
    .map((pairs): PerlExpr => ({ k: 'anonHash', entries: pairs.map(([k, x]) => ({ key: { k: 'str', value: k }, value: x })) }));
  const stmt: fc.Arbitrary<PerlStmt> = fc.oneof(
    call.map((e): PerlStmt => ({ k: 'expr', expr: e })),
    fc.tuple(word, value).map(([n, e]): PerlStmt => ({ k: 'my', vars: [v(n)], init: e })),
    value.map((e): PerlStmt => ({ k: 'return', value: e })),
    fc.tuple(call, cond).map(([e, c]): PerlStmt => ({ k: 'expr', expr: e, postfix: c })),
    fc.tuple(word, chain).map(([n, c]): PerlStmt => ({ k: 'my', vars: [v(n)], init: c })),
    chain.map((c): PerlStmt => ({ k: 'return', value: c })),
    fc.tuple(cond, value, value).map(([c, a, b]): PerlStmt => ({ k: 'return', value: { k: 'ternary', cond: c, then: a, else: b } })),
    fc.tuple(word, cond, value, value).map(([n, c, a, b]): PerlStmt => ({ k: 'my', vars: [v(n)], init: { k: 'ternary', cond: c, then: a, else: b } })),
    fc.tuple(word, hash).map(([n, h]): PerlStmt => ({ k: 'expr', expr: { k: 'method', invocant: self, name: `setup_${n}`, args: [h] } })),
    fc.tuple(word, fc.array(atom, { minLength: 2, maxLength: 9 })).map(([n, items]): PerlStmt => ({ k: 'my', vars: [v(n)], init: { k: 'anonArray', items } })),
    fc.tuple(chain, call).map(([c, e]): PerlStmt => ({ k: 'if', branches: [{ cond: c, body: [{ k: 'expr', expr: e }] }] })),
  );
  const simple = fc.array(stmt, { minLength: 1, maxLength: 3 });
  const compound: fc.Arbitrary<PerlStmt> = fc.oneof(
    fc.tuple(cond, simple, fc.option(simple, { nil: undefined })).map(([c, body, other]): PerlStmt => ({ k: 'if', branches: [{ cond: c, body }], else: other })),
    fc.tuple(word, path, simple).map(([n, p, body]): PerlStmt => ({
      k: 'foreach',
      var: v(n),
      list: {
        k: 'list',
        items: [
          { k: 'str', value: p },
          { k: 'str', value: `${p}/x` },
        ],
      },
      body,
    })),
    fc.tuple(simple, simple).map(([body, handler]): PerlStmt => ({ k: 'eval', body, handler })),
    fc.tuple(word, atom, simple).map(([n, a, body]): PerlStmt => ({
      k: 'expr',
      expr: { k: 'call', fn: `PVE::Tools::${n}`, args: [a, { k: 'anonsub', params: ['name'], body }] },
    })),
    word.map((t): PerlStmt => ({ k: 'comment', text: `note ${t}` })),
  );
  const block = fc.array(fc.oneof({ weight: 8, arbitrary: stmt }, { weight: 2, arbitrary: compound }, { weight: 1, arbitrary: fc.constant<PerlStmt>({ k: 'blank' }) }), {
    minLength: 1,
    maxLength: 16,
  });
  return { block, level: fc.integer({ min: 1, max: 3 }) };
}

describe('statement layout', () => {
  it(`is a perltidy fixed point for random statement shapes (seed ${SEED})`, () => {
    console.log(`statement layout seed: ${SEED} (PERLGEN_SEED to replay)`);
    const { block, level } = arbitraries();
    const samples = fc.sample(fc.tuple(block, level), { seed: SEED, numRuns: 200 });
    const subs: string[] = [];
    let skipped = 0;
    let kept = 0;
    for (const [generated, lvl] of samples) {
      // Statements the printer refuses (LayoutError → a diagnostic) are never emitted.
      const stmts = generated.filter((st) => {
        try {
          printStatementsText([st], lvl);
          kept++;
          return true;
        } catch (e) {
          if (!(e instanceof LayoutError || e instanceof LayoutErrors)) throw e;
          skipped++;
          return false;
        }
      });
      if (stmts.length === 0) continue;
      const text = printStatementsText(stmts, lvl);
      // Wrap deeper levels in blocks so the indentation is real.
      const open = Array.from({ length: lvl - 1 }, (_, i) => `${'    '.repeat(i + 1)}if ($c) {\n`).join('');
      const close = Array.from({ length: lvl - 1 }, (_, i) => `${'    '.repeat(lvl - 1 - i)}}\n`).join('');
      subs.push(`sub case_${subs.length} {\n${open}${text}${close}}\n`);
    }
    expect(kept).toBeGreaterThan(skipped);
    const source = subs.join('\n');
    const tidy = perltidy(source);
    if (tidy !== source) {
      const a = source.split('\n');
      const b = tidy.split('\n');
      const i = a.findIndex((line, k) => line !== b[k]);
      const context = a.slice(Math.max(0, i - 8), i + 6).join('\n');
      const theirs = b.slice(Math.max(0, i - 8), i + 6).join('\n');
      expect.fail(`perltidy changed line ${i + 1} (skipped ${skipped}):\n--- ours\n${context}\n--- perltidy\n${theirs}`);
    }
  });
});
