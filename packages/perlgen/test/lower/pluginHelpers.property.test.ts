/**
 * Behavioural check of the compiled plugins: every pure helper of a plugin model (a private
 * method that does not touch `this`: string, regex and list work) runs as TS and as the
 * compiled Perl on the same random inputs, and the results must be equal.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { Project, SyntaxKind, type MethodDeclaration } from 'ts-morph';
import { afterAll, describe, expect, it } from 'vitest';
import { compilePlugin } from '../../src/compile.ts';
import { listPlugins } from '../../src/generate/plugins.ts';
import { snakeCase } from '../../src/lower/naming.ts';
import { PerlEval } from '../helpers/perlEval.ts';

const SEED = Number(process.env.PERLGEN_SEED ?? 7331);
const RUNS = 300;

/** Inputs by parameter name where a helper expects a vocabulary; text otherwise. */
const VOCABULARY: Array<[RegExp, string[]]> = [
  [/^(ip|gw)$/, ['dhcp', 'manual', '192.0.2.10/24', '192.0.2.1', '198.51.100.1', '10.0.0.5/8', '10.1.2.3']],
  [/^(ip6|gw6)$/, ['dhcp', 'auto', 'manual', '2001:db8::10/64', '2001:db8::1', '2001:db8:1::1', 'fe80::1']],
  [/name/i, ['eth0', 'net1', 'wan-0']],
];

function arbitraryFor(name: string, type: string): fc.Arbitrary<unknown> {
  const optional = /\|\s*undefined/.test(type);
  const base = type.replace(/\s*\|\s*undefined/, '').trim();
  let arb: fc.Arbitrary<unknown>;
  if (base === 'number') arb = fc.integer({ min: -3, max: 300 });
  else if (base === 'boolean') arb = fc.boolean();
  else if (base === 'string') {
    const words = VOCABULARY.find(([re]) => re.test(name))?.[1];
    const text = fc.array(fc.constantFrom('a', '0', ' ', '\n', ':', '/', '.', '\xe9', '$'), { maxLength: 6 }).map((c) => c.join(''));
    arb = words ? fc.oneof(fc.constantFrom(...words), text) : text;
  } else {
    throw new Error(`no generator for ${name}: ${type}`);
  }
  return optional ? fc.option(arb, { nil: undefined }) : arb;
}

interface Helper {
  plugin: string;
  method: string;
  params: Array<{ name: string; type: string }>;
  returns: string;
}

function pureHelpers(): Helper[] {
  const project = new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true });
  const out: Helper[] = [];
  for (const p of listPlugins()) {
    const sf = project.createSourceFile(`${p.name}.ts`, readFileSync(p.path, 'utf8'));
    for (const m of sf.getClasses()[0]?.getMethods() ?? []) {
      const usesThis = m.getDescendantsOfKind(SyntaxKind.ThisKeyword).length > 0;
      if (m.getScope() !== 'private' || usesThis) continue;
      out.push({
        plugin: p.name,
        method: m.getName(),
        params: m.getParameters().map((x) => ({ name: x.getName(), type: x.getTypeNode()?.getText() ?? 'string' })),
        returns: (m as MethodDeclaration).getReturnTypeNode()?.getText() ?? 'void',
      });
    }
  }
  return out;
}

/** The helper's `my sub name {...}` from the compiled module, with the prelude it uses. */
function perlHelper(module: string, name: string): string {
  const grab = (n: string) => new RegExp(`^my sub ${n} \\{\\n[\\s\\S]*?^\\}\\n`, 'm').exec(module)?.[0] ?? '';
  const body = grab(name);
  if (!body) throw new Error(`no lexical helper ${name} in the compiled module`);
  return `${grab('split_fields')}${body}\\&${name};`;
}

const perl = new PerlEval();
afterAll(() => perl.close());
const helpers = pureHelpers();

describe('pure helpers of the plugin models', () => {
  it('exist (the check below would otherwise prove nothing)', () => {
    expect(helpers.map((h) => `${h.plugin}.${h.method}`)).not.toEqual([]);
  });

  it.each(helpers.map((h) => [`${h.plugin}.${h.method}`, h] as const))(
    `%s gives the same result in TS and compiled Perl (seed ${SEED}, ${RUNS} runs)`,
    async (_, helper) => {
      console.log(`plugin helper seed: ${SEED} (PERLGEN_SEED to replay)`);
      const plugin = listPlugins().find((p) => p.name === helper.plugin)!;
      const compiled = compilePlugin(plugin.path);
      expect(compiled.diagnostics).toEqual([]);
      const name = snakeCase(helper.method);
      await perl.define(name, perlHelper(compiled.perl, name));
      const cls = (await import(plugin.path)) as Record<string, { prototype: Record<string, (...a: unknown[]) => unknown> }>;
      const fn = cls[helper.plugin]!.prototype[helper.method]!;
      const inputs = fc.sample(fc.tuple(...helper.params.map((p) => arbitraryFor(p.name, p.type))), { seed: SEED, numRuns: RUNS });
      const replies = inputs.map((args) => perl.call(name, [null, ...args]));
      const failures: string[] = [];
      for (const [i, args] of inputs.entries()) {
        const expected = fn.call({}, ...args);
        const reply = await replies[i]!;
        const actual = typeof reply.result === 'number' && typeof expected === 'string' ? String(reply.result) : reply.result;
        const same = reply.error === undefined && (actual ?? undefined) === expected && !reply.warning;
        if (!same) failures.push(`${JSON.stringify(args)} → TS ${JSON.stringify(expected)} Perl ${reply.error ?? JSON.stringify(actual)} ${reply.warning ?? ''}`);
      }
      expect(failures.slice(0, 3), `${failures.length} of ${RUNS} differ`).toEqual([]);
    },
  );
});
