/**
 * The translation keeps meaning, not just syntax: random TS expressions of the subset
 * (strings, numbers, booleans, undefined, regexes, arrays) are compiled to Perl, and the
 * TS (run by node) and the Perl (run by perl) must give the same result on the same
 * inputs — byte strings that stress the dialect differences ("0", "", \r, NBSP, é, $, @).
 */
import fc from 'fast-check';
import { ts } from 'ts-morph';
import { afterAll, describe, expect, it } from 'vitest';
import { chomp, DOT, NWS, perlSplit, perlTrue, quotemeta, WS } from '@pve-chainguard/core';
import { compileSource } from '../../src/compile.ts';
import { PerlEval } from '../helpers/perlEval.ts';

const SEED = Number(process.env.PERLGEN_SEED ?? 424242);
const EXPRESSIONS = 500;
const INPUTS_PER_EXPRESSION = 3;
const BATCH = 50;

type Kind = 'str' | 'num' | 'bool' | 'arr';

const CHARS = ['a', 'b', 'x', 'f', 'o', 'A', '-', '.', ' ', '\n', '\r', '\t', '\x0b', '\x85', '0', '1', ':', ',', '\xe9', '\xc9', '\xa0', '$', '@', '\\', '_'];
const text = (max: number) => fc.array(fc.constantFrom(...CHARS), { maxLength: max }).map((a) => a.join(''));
const lit = (s: string) => JSON.stringify(s);

const REGEXES = [
  '/^a.b$/',
  '/\\s+/',
  '/\\d+/',
  '/x$/',
  '/[^\\s]+/',
  '/\\bfoo\\b/',
  '/a|b/',
  '/(\\w+)-(\\w+)/',
  '/\\./',
  '/[a-z]+/i',
  '/^$/',
  '/\\S\\s/',
  '/\\xA0/',
  '/[.:]$/',
  // classes that are exactly Perl's \s, \S and . on byte strings print as those
  '/^.*$/',
  '/[^\\n]+$/',
  'new RegExp(`^${NWS}+${WS}`)',
  'new RegExp(`a${DOT}*b`)',
  'new RegExp(`${WS}${NWS}*$`)',
  'new RegExp(`^${quotemeta(t)}:`)',
  // line anchors that print as ^ and $ under /m
  '/(?<![^\\n])a:/',
  '/(?:^|(?<=\\n))x[^\\n]*(?=\\n|$)/',
  '/(?<![^\\n])\\s*(?=\\n|$)/',
  '/(?<![^\\n])[^\\n]*$/',
  '/a(?=\\n|$)\\n/',
  'new RegExp(`(?<![^\\\\n])${quotemeta(t)}:`)',
];

/** Typed expression generators, depth-limited. */
function exprs(): Record<Kind, fc.Arbitrary<string>> {
  const gen = fc.letrec<Record<Kind, string>>((tie) => ({
    str: fc.oneof(
      { depthSize: 'small', maxDepth: 3, withCrossShrink: true },
      fc.constantFrom('s', 't'),
      text(3).map(lit),
      fc.tuple(tie('str'), tie('str')).map(([a, b]) => `${a} + ${b}`),
      fc.tuple(tie('str'), tie('num')).map(([a, b]) => `\`<\${${a}}|\${${b}}>\``),
      tie('str').map((a) => `(${a}).trim()`),
      fc
        .tuple(tie('str'), fc.constantFrom(...REGEXES), fc.constantFrom("'#'", "'[$&]'", "''"))
        .map(([a, re, r]) => `(${a}).replace(${re.replace(/\/([a-z]*)$/, '/g$1')}, ${r})`),
      fc.tuple(tie('str'), fc.integer({ min: 0, max: 3 })).map(([a, k]) => `(${a}).repeat(${k})`),
      tie('str').map((a) => `chomp(${a})`),
      fc.tuple(tie('bool'), tie('str'), tie('str')).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
      fc.tuple(tie('arr'), fc.constantFrom("','", "'|'", "''")).map(([a, sep]) => `${a}.join(${sep})`),
      tie('str').map((a) => `(o ?? ${a})`),
      tie('num').map((a) => `String(${a})`),
    ),
    num: fc.oneof(
      { depthSize: 'small', maxDepth: 3, withCrossShrink: true },
      fc.constantFrom('n', 'm'),
      fc.integer({ min: 0, max: 40 }).map(String),
      fc.tuple(tie('num'), fc.constantFrom('+', '-', '*'), tie('num')).map(([a, op, b]) => `(${a} ${op} ${b})`),
      tie('str').map((a) => `(${a}).length`),
      fc.tuple(tie('str'), tie('str')).map(([a, b]) => `(${a}).indexOf(${b})`),
      tie('num').map((a) => `Math.trunc(${a} / m)`),
      tie('num').map((a) => `(${a} & 0xff)`),
      tie('arr').map((a) => `${a}.length`),
    ),
    bool: fc.oneof(
      { depthSize: 'small', maxDepth: 3, withCrossShrink: true },
      fc.tuple(tie('str'), fc.constantFrom('===', '!==', '<', '>='), tie('str')).map(([a, op, b]) => `(${a} ${op} ${b})`),
      fc.tuple(tie('num'), fc.constantFrom('===', '<=', '>'), tie('num')).map(([a, op, b]) => `(${a} ${op} ${b})`),
      tie('bool').map((a) => `!(${a})`),
      fc.tuple(tie('bool'), fc.constantFrom('&&', '||'), tie('bool')).map(([a, op, b]) => `(${a} ${op} ${b})`),
      fc.tuple(fc.constantFrom(...REGEXES), tie('str')).map(([re, a]) => `${re}.test(${a})`),
      fc.tuple(tie('str'), tie('str')).map(([a, b]) => `(${a}).includes(${b})`),
      fc.tuple(tie('str'), text(2)).map(([a, b]) => `(${a}).startsWith(${lit(b)})`),
      fc
        .tuple(tie('str'), text(2))
        .filter(([, b]) => b !== '')
        .map(([a, b]) => `(${a}).endsWith(${lit(b)})`),
      tie('str').map((a) => `perlTrue(${a})`),
      fc.constant('(o === undefined)'),
      tie('str').map((a) => `(o === (${a}))`),
    ),
    arr: fc.oneof(
      { depthSize: 'small', maxDepth: 3, withCrossShrink: true },
      fc.tuple(tie('str'), tie('str')).map(([a, b]) => `[${a}, ${b}]`),
      tie('str').map((a) => `(${a}).split(',')`),
      tie('str').map((a) => `perlSplit(${a}, /[,:]/)`),
      fc.tuple(tie('arr'), text(2)).map(([a, b]) => `${a}.map((x) => x + ${lit(b)})`),
      tie('arr').map((a) => `${a}.filter((x) => x.length > 1)`),
      tie('arr').map((a) => `[...${a}].sort()`),
    ),
  }));
  return gen;
}

interface Probe {
  kind: Exclude<Kind, 'arr'>;
  expr: string;
}

const RETURNS: Record<Probe['kind'], string> = { str: 'string', num: 'number', bool: 'boolean' };
const PARAMS = 's: string, t: string, n: number, m: number, o: string | undefined';

function moduleSource(probes: Probe[]): string {
  const fns = probes.map((p, i) => `function probe${i}(${PARAMS}): ${RETURNS[p.kind]} {\n  return ${p.expr};\n}\n`);
  return `import { Base } from '../base/Base.ts';
import type { PctConf } from '../config/types.ts';
import { chomp, DOT, NWS, perlSplit, perlTrue, quotemeta, WS } from '../runtime/perlText.ts';
${fns.join('')}
export class Probe extends Base {
  constructor(conf: PctConf, rootdir: string) {
    super(conf, rootdir);
    conf.ostype = 'probe';
  }
}
`;
}

/** Compile a batch; drop probes the printer cannot lay out (reported, never emitted). */
function compileBatch(probes: Probe[]): { perl: string; kept: Array<{ probe: Probe; index: number }>; dropped: number } {
  let live = probes.map((probe, index) => ({ probe, index }));
  for (;;) {
    const src = moduleSource(live.map((l) => l.probe));
    const r = compileSource(src, 'packages/core/src/plugins/Probe.ts');
    if (r.diagnostics.length === 0) return { perl: r.perl, kept: live, dropped: probes.length - live.length };
    const lines = src.split('\n');
    const bad = new Set(
      r.diagnostics.map((d) => {
        if (!d.message.includes('laid out') && !d.message.includes('column')) {
          throw new Error(`probe rejected by the compiler: ${d.message}\n${lines[d.line - 1]}`);
        }
        return lines.slice(0, d.line).filter((l) => l.startsWith('function probe')).length - 1;
      }),
    );
    live = live.filter((_, i) => !bad.has(i));
  }
}

/** The Perl source of `my sub probeN {...}` plus the prelude it needs, as an eval. */
function perlSub(module: string, i: number): string {
  const grab = (name: string) => new RegExp(`^my sub ${name} \\{\\n[\\s\\S]*?^\\}\\n`, 'm').exec(module)?.[0] ?? '';
  return `${grab('split_fields')}${grab(`probe${i}`)}\\&probe${i};`;
}

/** The probes as JS functions: one transpile per batch (the TS compiler is the slow part). */
function tsFunctions(probes: Probe[]): Array<(...args: unknown[]) => unknown> {
  const src = probes.map((p, i) => `function probe${i}(${PARAMS}): ${RETURNS[p.kind]} { return ${p.expr}; }`).join('\n');
  const js = ts.transpileModule(src, { compilerOptions: { target: ts.ScriptTarget.ES2022 } }).outputText;
  const list = probes.map((_, i) => `probe${i}`).join(', ');
  const runtime = { perlTrue, chomp, perlSplit, WS, NWS, DOT, quotemeta };
  return new Function(...Object.keys(runtime), `${js}\nreturn [${list}];`)(...Object.values(runtime)) as Array<(...args: unknown[]) => unknown>;
}

function same(kind: Probe['kind'], tsValue: unknown, perlValue: unknown): boolean {
  if (kind === 'bool') return Boolean(tsValue) === (perlValue !== null && perlValue !== '' && perlValue !== '0' && perlValue !== 0);
  if (kind === 'num') return Number(perlValue) === tsValue;
  // Perl keeps a number a number until it is printed; JSON shows which it was.
  return (typeof perlValue === 'number' ? String(perlValue) : perlValue) === tsValue;
}

const perl = new PerlEval();
afterAll(() => perl.close());

type Input = [string, string, number, number, string | undefined];

/** Compile the probes in batches and compare TS with Perl on each probe's inputs. */
async function evaluate(cases: Array<[Probe, Input[]]>) {
  let compared = 0;
  let dropped = 0;
  const failures: string[] = [];
  const timing = { compile: 0, rest: 0 };
  for (let start = 0; start < cases.length; start += BATCH) {
    const batch = cases.slice(start, start + BATCH);
    const t0 = performance.now();
    const compiled = compileBatch(batch.map(([p]) => p));
    timing.compile += performance.now() - t0;
    dropped += compiled.dropped;
    const fns = tsFunctions(compiled.kept.map((k) => k.probe));
    // Pipeline the Perl side: define and call everything, then await the replies.
    const pending = compiled.kept.map(({ probe, index }, k) => {
      const name = `c${start + index}`;
      const defined = perl.define(name, perlSub(compiled.perl, k));
      const replies = batch[index]![1].map((input) => perl.call(name, input));
      return { probe, index, k, defined, replies };
    });
    for (const { probe, index, k, defined, replies } of pending) {
      await defined;
      for (const [j, input] of batch[index]![1].entries()) {
        let tsValue: unknown;
        let tsError: string | undefined;
        try {
          tsValue = fns[k]!(...input);
        } catch (e) {
          tsError = String(e);
        }
        const reply = await replies[j]!;
        compared++;
        const agree = tsError ? reply.error !== undefined : reply.error === undefined && same(probe.kind, tsValue, reply.result);
        if (!agree || reply.warning) {
          failures.push(
            `case ${start + index} ${probe.kind}: ${probe.expr}\n  inputs ${JSON.stringify(input)}\n  TS ${tsError ?? JSON.stringify(tsValue)}\n` +
              `  Perl ${reply.error ?? JSON.stringify(reply.result)}${reply.warning ? ` (warning: ${reply.warning.trim()})` : ''}\n` +
              perlSub(compiled.perl, k),
          );
        }
      }
    }
  }
  return { compared, dropped, failures, timing };
}

describe('TS and compiled Perl agree', () => {
  it(`on ${EXPRESSIONS * INPUTS_PER_EXPRESSION} random expression evaluations (seed ${SEED})`, async () => {
    console.log(`semantics property seed: ${SEED} (PERLGEN_SEED to replay)`);
    const g = exprs();
    const probeArb = fc.oneof(
      g.str.map((expr): Probe => ({ kind: 'str', expr })),
      g.num.map((expr): Probe => ({ kind: 'num', expr })),
      g.bool.map((expr): Probe => ({ kind: 'bool', expr })),
    );
    const inputArb = fc.tuple(text(6), text(4), fc.integer({ min: -5, max: 30 }), fc.integer({ min: 1, max: 9 }), fc.option(text(4), { nil: undefined }));
    const cases = fc.sample(fc.tuple(probeArb, fc.array(inputArb, { minLength: INPUTS_PER_EXPRESSION, maxLength: INPUTS_PER_EXPRESSION })), {
      seed: SEED,
      numRuns: EXPRESSIONS,
    });

    const { compared, dropped, failures, timing } = await evaluate(cases);
    console.log(`compared ${compared}, dropped ${dropped}, compile ${Math.round(timing.compile)} ms`);
    expect(failures.slice(0, 3), `${failures.length} disagreements (seed ${SEED})`).toEqual([]);
    // Probes too long for one statement are refused by the layout (a diagnostic), not compared.
    expect(dropped).toBeLessThan(EXPRESSIONS / 3);
    expect(compared).toBeGreaterThanOrEqual(1000);
  });

  it(`on every regex of the pool, tested and replaced, over many inputs (seed ${SEED})`, async () => {
    // The dialect spellings (\\z, [^\\n\\r], the NBSP class, \\s/\\S/. for the model's WS/NWS/DOT,
    // \\d without /a) are held here input by input, not left to the random expressions.
    const inputs = fc.sample(fc.tuple(text(6), text(2), fc.constant(1), fc.constant(1), fc.constant(undefined)), { seed: SEED, numRuns: 60 }) as Input[];
    const cases: Array<[Probe, Input[]]> = REGEXES.flatMap((re): Array<[Probe, Input[]]> => [
      [{ kind: 'bool', expr: `${re}.test(s)` }, inputs],
      [{ kind: 'str', expr: `s.replace(${re.startsWith('/') ? re.replace(/\/([a-z]*)$/, '/g$1') : re.replace(/\)$/, ", 'g')")}, '<$&>')` }, inputs],
    ]);
    const { compared, dropped, failures } = await evaluate(cases);
    expect(failures.slice(0, 3), `${failures.length} disagreements (seed ${SEED})`).toEqual([]);
    expect(dropped).toBe(0);
    expect(compared).toBe(REGEXES.length * 2 * inputs.length);
  });
});
