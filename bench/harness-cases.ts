/**
 * Writes the differential's harness case lines (JSON, one per line) for a seed to stdout,
 * so the Perl driver can be profiled alone:
 *
 *   pnpm exec tsx bench/harness-cases.ts --runs 500 > /tmp/cases.jsonl
 *   PERL_HASH_SEED=0 PERL_PERTURB_KEYS=0 PVECG_HARNESS_IN_PROCESS=1 \
 *     PVECG_HARNESS_REUSE_SSH_KEYS=1 perl packages/testkit/perl/driver.pl < /tmp/cases.jsonl
 */
import fc from 'fast-check';
import { caseVector } from '../packages/testkit/src/arbitraries/caseRecipe.ts';
import { harnessCase } from '../packages/testkit/src/differential/checkCase.ts';
import { targetArbitrary } from '../packages/testkit/src/differential/runDifferential.ts';
import { locatePluginModule, target } from '../packages/testkit/src/differential/targets.ts';
import { option } from './option.ts';

const t = target(option('plugin', 'Chainguard'));
const seed = Number(option('seed', '20261129'));
const runs = Number(option('runs', '500'));
const ctx = { target: t, perl: undefined as never, pluginDir: locatePluginModule(t.name)?.pluginDir };
for (const [i, recipe] of fc.sample(targetArbitrary(t), { seed, numRuns: runs }).entries()) {
  process.stdout.write(`${JSON.stringify(harnessCase(caseVector(recipe, t.ostype, `fuzz-${i}`), ctx))}\n`);
}
