/**
 * One differential case: the recipe's vector through the Perl harness and through the
 * model, compared, plus the invariants. The Perl case is sent before the model runs, so
 * the model's work overlaps Perl's when cases are checked concurrently.
 */
import { type Outcome, type PveRelease, runVector, type Vector } from '@pve-chainguard/core';
import { normaliseOutcome } from '../conform/compare.ts';
import { caseVector, type CaseRecipe } from '../arbitraries/caseRecipe.ts';
import type { HarnessCase, HarnessResult } from '../perl/types.ts';
import { outcomeDifference } from './compareOutcomes.ts';
import { harnessRegistry } from './harnessRegistry.ts';
import { noInjectedLines, otherAccountsUnchanged, outsideUnchanged, secondRunChangesNothing, lastStepAgain } from './invariants.ts';
import type { Problem, ProblemKind } from './problems.ts';
import { guaranteesFor, type DifferentialTarget } from './targets.ts';

/** What runs the Perl side: a harness or a pool of them. */
export interface PerlRunner {
  run(testCase: HarnessCase): Promise<HarnessResult>;
}

export interface CaseContext {
  target: DifferentialTarget;
  perl: PerlRunner;
  /** The harness's plugin_dir (undefined: its own test plugins). */
  pluginDir: string | undefined;
  /** The Proxmox VE release both sides play (default 9). */
  pve?: PveRelease;
}

export interface CaseVerdict {
  vector: Vector;
  /** Undefined when the model crashed (a problem then says so). */
  model?: Outcome;
  perl: HarnessResult;
  /** The model-versus-Perl difference and invariant violations; empty when the case passed. */
  problems: Problem[];
}

const registries = new WeakMap<DifferentialTarget, ReturnType<typeof harnessRegistry>>();

/** The vector as the harness takes it: plugin_dir and the target's registry added. */
export function harnessCase(vector: Vector, ctx: CaseContext): HarnessCase {
  const { expect: _expect, tags: _tags, ...fields } = vector;
  if (!registries.has(ctx.target)) registries.set(ctx.target, harnessRegistry(ctx.target.registry()));
  const registry = registries.get(ctx.target);
  return {
    ...fields,
    ...(ctx.pluginDir !== undefined ? { plugin_dir: ctx.pluginDir } : {}),
    ...(ctx.pve !== undefined ? { pve: ctx.pve } : {}),
    // 'p' (name pattern) fallbacks are a driver extension the shared type does not list
    ...(registry ? { registry: registry as HarnessCase['registry'] } : {}),
  } as HarnessCase;
}

/** The model's outcome, before the recorder's normalisations. */
export function runModelRaw(vector: Vector, target: DifferentialTarget, pve?: PveRelease): Outcome {
  // the harness reads the config as Proxmox does, so the model does too
  return runVector(vector, { registry: target.registry(), configMode: 'proxmox', pve });
}

/** The model's outcome, normalised like the harness's (SSH host keys masked). */
export function runModel(vector: Vector, target: DifferentialTarget, pve?: PveRelease): Outcome {
  return normaliseOutcome(vector, runModelRaw(vector, target, pve));
}

/**
 * The last step once more, as a new pct invocation would run it: a fresh dispatcher on
 * the tree the case left behind.
 */
export function runLastStepAgain(vector: Vector, after: Outcome, target: DifferentialTarget, pve?: PveRelease): Outcome {
  return runModelRaw(lastStepAgain(vector, after.tree), target, pve);
}

export interface ModelVerdict {
  vector: Vector;
  /** Normalised like the harness's result; undefined when the model crashed. */
  model?: Outcome;
  /** Invariant violations (or the model's crash). */
  problems: Problem[];
}

/** The model's run of a vector and the invariants, without Perl. */
export function checkModel(recipe: CaseRecipe, vector: Vector, target: DifferentialTarget, pve?: PveRelease): ModelVerdict {
  let raw: Outcome;
  try {
    raw = runModelRaw(vector, target, pve);
  } catch (err) {
    return { vector, problems: [{ kind: 'model-crash', message: (err as Error).stack ?? String(err) }] };
  }
  const model = normaliseOutcome(vector, raw);
  const problems: Problem[] = [];
  const invariant = (kind: ProblemKind, message: string | undefined) => message && problems.push({ kind, message });
  invariant('outside', outsideUnchanged(vector, model.outside));
  invariant('injection', noInjectedLines(vector, model.tree));
  const promised = guaranteesFor(model.ostype);
  if (promised.accountsUntouched(recipe)) invariant('accounts', otherAccountsUnchanged(vector, model.tree));
  if (promised.idempotent(recipe)) {
    try {
      invariant('idempotence', secondRunChangesNothing(raw, runLastStepAgain(vector, raw, target, pve)));
    } catch (err) {
      invariant('model-crash', `running the last step again: ${(err as Error).stack ?? String(err)}`);
    }
  }
  return { vector, model, problems };
}

/** Every problem of a case; the Perl result is awaited after the model has run. */
export async function checkCase(recipe: CaseRecipe, ctx: CaseContext, id = 'fuzz'): Promise<CaseVerdict> {
  const vector = caseVector(recipe, ctx.target.ostype, id);
  const perlResult = ctx.perl.run(harnessCase(vector, ctx));
  perlResult.catch(() => {}); // awaited below; avoid an unhandled rejection meanwhile
  const { model, problems } = checkModel(recipe, vector, ctx.target, ctx.pve);
  const perl = await perlResult;
  if (model) {
    let difference: string | undefined;
    try {
      difference = outcomeDifference(perl, model);
    } catch (err) {
      difference = `comparison failed: ${(err as Error).message}`;
    }
    if (difference) problems.unshift({ kind: 'differential', message: difference });
  }
  const outside = outsideUnchanged(vector, perl.outside);
  if (outside && !problems.some((p) => p.kind === 'outside')) problems.push({ kind: 'outside', message: `Perl: ${outside}` });
  return { vector, model, perl, problems };
}
