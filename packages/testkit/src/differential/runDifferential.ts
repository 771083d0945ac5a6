/**
 * The differential run: sample the cases from the seed (fc.sample), push them through the
 * Perl harnesses with many lines in flight while the model runs, and for the first case
 * with a problem hand it to fc.check as an example so fast-check shrinks it.
 */
import fc from 'fast-check';
import { caseRecipe, type CaseRecipe } from '../arbitraries/caseRecipe.ts';
import { checkCase, type CaseContext, type CaseVerdict } from './checkCase.ts';
import { formatProblem, PROBLEM_KINDS, type ProblemKind } from './problems.ts';
import { baseNames, type DifferentialTarget } from './targets.ts';
import type { PveRelease } from '@pve-chainguard/core';

export interface DifferentialOptions extends CaseContext {
  seed: number;
  numRuns: number;
  /** Cases in flight at once (default 8 per harness process). */
  window?: number;
  /** Stop sampling new cases after this many failures (default 1). */
  maxFailures?: number;
  /** Shrink the first failure (default true). */
  shrink?: boolean;
  /** Problems that make a case fail (default: every kind). */
  kinds?: readonly ProblemKind[];
  /** Called after each case with the number of cases done so far (progress display). */
  onCaseDone?: (ran: number, failed: number) => void;
}

export interface FailedCase {
  /** Position in the seed's sample (0-based). */
  index: number;
  recipe: CaseRecipe;
  verdict: CaseVerdict;
}

export interface ShrunkCase {
  recipe: CaseRecipe;
  verdict: CaseVerdict;
  numShrinks: number;
  /** fc.check's own report (seed and path of the shrink run). */
  details: fc.RunDetails<CaseRecipe[]>;
}

export interface DifferentialReport {
  target: string;
  /** The Proxmox VE release played (absent: 9). */
  pve?: PveRelease;
  seed: number;
  numRuns: number;
  /** Cases run (fewer than numRuns when the run stopped at maxFailures). */
  ran: number;
  passed: number;
  failed: FailedCase[];
  shrunk?: ShrunkCase;
  /** Wall-clock milliseconds of the sampling+checking phase (without shrinking). */
  elapsedMs: number;
}

/** The recipe arbitrary of a target, over the base trees present now. */
export function targetArbitrary(target: DifferentialTarget): fc.Arbitrary<CaseRecipe> {
  return caseRecipe({ bases: baseNames(), osIds: target.osIds, markers: target.markers, keepBaseOsRelease: target.keepBaseOsRelease });
}

/** fast-check's property for a target: a case passes when it has no problem of `kinds`. */
export function differentialProperty(arb: fc.Arbitrary<CaseRecipe>, ctx: CaseContext, kinds: readonly ProblemKind[] = PROBLEM_KINDS) {
  return fc.asyncProperty(arb, async (recipe) => {
    const verdict = await checkCase(recipe, ctx);
    const problems = verdict.problems.filter((p) => kinds.includes(p.kind));
    if (problems.length > 0) throw new Error(problems.map(formatProblem).join('\n'));
  });
}

/** The failed cases with a problem of `kind`. */
export function failuresOf(report: DifferentialReport, kind: ProblemKind): FailedCase[] {
  return report.failed.filter((f) => f.verdict.problems.some((p) => p.kind === kind));
}

export async function runDifferential(opts: DifferentialOptions): Promise<DifferentialReport> {
  const arb = targetArbitrary(opts.target);
  const recipes = fc.sample(arb, { seed: opts.seed, numRuns: opts.numRuns });
  const window = opts.window ?? 16;
  const maxFailures = opts.maxFailures ?? 1;
  const kinds = opts.kinds ?? PROBLEM_KINDS;
  const failed: FailedCase[] = [];
  let ran = 0;
  let crash: unknown;

  const started = performance.now();
  const inflight = new Set<Promise<void>>();
  for (const [index, recipe] of recipes.entries()) {
    if (failed.length >= maxFailures || crash !== undefined) break;
    const job = checkCase(recipe, opts, `fuzz-${index}`)
      .then((verdict) => {
        ran++;
        if (verdict.problems.some((p) => kinds.includes(p.kind))) failed.push({ index, recipe, verdict });
        opts.onCaseDone?.(ran, failed.length);
      })
      .catch((err: unknown) => {
        crash ??= err;
      })
      .finally(() => inflight.delete(job));
    inflight.add(job);
    if (inflight.size >= window) await Promise.race(inflight);
  }
  await Promise.all(inflight);
  const elapsedMs = performance.now() - started;
  if (crash !== undefined) throw crash;

  failed.sort((a, b) => a.index - b.index);
  const report: DifferentialReport = {
    target: opts.target.name,
    ...(opts.pve !== undefined ? { pve: opts.pve } : {}),
    seed: opts.seed,
    numRuns: opts.numRuns,
    ran,
    passed: ran - failed.length,
    failed,
    elapsedMs,
  };
  if (failed.length > 0 && opts.shrink !== false) report.shrunk = await shrinkFailure(arb, opts, failed[0]!.recipe, opts.seed, kinds);
  return report;
}

/** Re-checks a failing recipe through fc.check (it is the only example), which shrinks it. */
export async function shrinkFailure(
  arb: fc.Arbitrary<CaseRecipe>,
  ctx: CaseContext,
  recipe: CaseRecipe,
  seed: number,
  kinds: readonly ProblemKind[] = PROBLEM_KINDS,
): Promise<ShrunkCase> {
  const details = await fc.check(differentialProperty(arb, ctx, kinds), { examples: [[recipe]], numRuns: 1, seed });
  const smallest = details.counterexample?.[0] ?? recipe;
  return { recipe: smallest, verdict: await checkCase(smallest, ctx, 'shrunk'), numShrinks: details.numShrinks, details };
}
