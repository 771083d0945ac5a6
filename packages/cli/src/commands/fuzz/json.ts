import { replayLine, type DifferentialReport } from '@pve-chainguard/testkit/differential';

/** The --json document of a fuzz run: counts, and each failure's case number and problems. */
export function fuzzJson(report: DifferentialReport): object {
  return {
    plugin: report.target,
    seed: report.seed,
    runs: report.numRuns,
    ran: report.ran,
    passed: report.passed,
    failed: report.failed.length,
    failures: report.failed.map((f) => ({ case: f.index, problems: f.verdict.problems })),
    ...(report.shrunk ? { shrunk: { recipe: report.shrunk.recipe, steps: report.shrunk.numShrinks } } : {}),
    replay: replayLine(report),
    elapsedMs: Math.round(report.elapsedMs),
  };
}
