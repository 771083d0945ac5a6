/** Readable differential reports: seed and replay line, counts, the shrunk case and its tree diff. */
import { type FsEntry, unifiedTreeDiff } from '@pve-chainguard/core';
import type { CaseVerdict } from './checkCase.ts';
import { formatProblem, PROBLEM_KINDS, PROBLEM_TITLES, type ProblemKind } from './problems.ts';
import type { DifferentialReport } from './runDifferential.ts';

export function replayLine(report: Pick<DifferentialReport, 'seed' | 'numRuns' | 'target' | 'pve'>): string {
  const pve = report.pve !== undefined && report.pve !== 9 ? ` --pve ${report.pve}` : '';
  return `FC_SEED=${report.seed} FC_NUM_RUNS=${report.numRuns} (pve-chainguard fuzz --seed ${report.seed} --runs ${report.numRuns} --plugin ${report.target}${pve})`;
}

export function summaryLine(report: DifferentialReport): string {
  const counts = PROBLEM_KINDS.map((kind) => [kind, report.failed.filter((f) => f.verdict.problems.some((p) => p.kind === kind)).length] as const)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}`);
  return `${report.passed} passed, ${report.failed.length} failed${counts.length ? ` (${counts.join(', ')})` : ''}`;
}

/** A failure of one kind: what it means, how often, the replay line and the shrunk case. */
export function formatKindFailure(
  report: DifferentialReport,
  kind: ProblemKind,
  shrunk: { recipe: unknown; verdict: CaseVerdict; numShrinks: number },
  cases: number,
): string {
  return [
    `${PROBLEM_TITLES[kind]} in ${cases} of ${report.ran} cases (${report.target}, seed ${report.seed})`,
    `replay: ${replayLine(report)}`,
    `shrunk in ${shrunk.numShrinks} steps to:`,
    `recipe: ${JSON.stringify(shrunk.recipe)}`,
    describeVerdict(shrunk.verdict),
  ].join('\n');
}

/** Entries in a short listing: what the case started from. */
function listing(entries: readonly FsEntry[]): string {
  return entries
    .map((e) => {
      const owner = `${e.uid ?? 0}:${e.gid ?? 0}`;
      if (e.type === 'symlink') return `  ${e.path} -> ${e.target}`;
      if (e.type === 'dir') return `  ${e.path}/ ${e.mode ?? ''} ${owner}`;
      const size = e.encoding === 'base64' ? `${Buffer.from(e.content ?? '', 'base64').length} bytes binary` : JSON.stringify(e.content ?? '').slice(0, 90);
      return `  ${e.path} ${e.mode ?? ''} ${owner} ${size}`;
    })
    .join('\n');
}

function clip(text: string, lines: number): string {
  const all = text.split('\n');
  return all.length <= lines ? text : `${all.slice(0, lines).join('\n')}\n... (${all.length - lines} more lines)`;
}

function indent(text: string, by = '  '): string {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => `${by}${l}`)
    .join('\n');
}

/** The case, what went wrong, and where the trees part (Perl → model) as a unified diff. */
export function describeVerdict(verdict: CaseVerdict): string {
  const v = verdict.vector;
  const parts = [
    'problems:',
    indent(verdict.problems.map(formatProblem).join('\n')),
    'config:',
    indent(v.config),
    `steps: ${JSON.stringify(v.steps)}`,
    `host: ${JSON.stringify(v.host)}  frozen_time: ${v.frozen_time}`,
    `rootfs (${v.rootfs.length} entries):`,
    clip(listing(v.rootfs), 80),
  ];
  if (v.outside.length) parts.push('outside:', listing(v.outside));
  parts.push(
    `perl: ostype ${verdict.perl.ostype}, error ${JSON.stringify(verdict.perl.error)}, warnings ${JSON.stringify(verdict.perl.warnings)}`,
    verdict.model
      ? `model: ostype ${verdict.model.ostype}, error ${JSON.stringify(verdict.model.error)}, warnings ${JSON.stringify(verdict.model.warnings)}`
      : 'model: crashed',
  );
  const diff = verdict.model ? unifiedTreeDiff(verdict.perl.tree, verdict.model.tree) : '';
  parts.push(diff ? `tree diff (a = perl, b = model):\n${indent(diff)}` : 'trees are equal (perl = model)');
  if (verdict.model) {
    const changes = unifiedTreeDiff(v.rootfs, verdict.model.tree);
    parts.push(changes ? `what the run changed (a = rootfs before, b = after):\n${indent(clip(changes, 200))}` : 'the run changed nothing');
  }
  return parts.join('\n');
}

export function formatReport(report: DifferentialReport): string {
  const lines = [
    `differential ${report.target}: seed ${report.seed}, ${report.ran} of ${report.numRuns} cases run`,
    `replay: ${replayLine(report)}`,
    summaryLine(report),
  ];
  if (report.failed.length === 0) return `${lines.join('\n')}\n`;
  const first = report.failed[0]!;
  lines.push(`first failing case: #${first.index} of the sample`);
  if (report.shrunk) {
    lines.push(`shrunk in ${report.shrunk.numShrinks} steps to:`, `recipe: ${JSON.stringify(report.shrunk.recipe)}`, describeVerdict(report.shrunk.verdict));
  } else {
    lines.push(`recipe: ${JSON.stringify(first.recipe)}`, describeVerdict(first.verdict));
  }
  return `${lines.join('\n')}\n`;
}
