import { summaryText, type PreviewResult } from '@pve-chainguard/testkit/preview';

/**
 * The human-readable report on stdout: one section per hook that finished ("== create:
 * 2 added, …" and its diff), then the summary. A hook that died shows nothing here: its
 * changes stop half-way (--json carries them, marked partial).
 */
export function renderText(result: PreviewResult): { header: string[]; diff: string }[] {
  const blocks = result.sections.filter((s) => !s.partial).map((s) => ({ header: [`== ${s.hook}: ${summaryText(s.counts)}`], diff: s.diff }));
  if (result.error === null) {
    const hooks = result.sections.length > 1 ? ` (after ${result.sections.length} hooks)` : '';
    blocks.push({ header: [`${summaryText(result.total)}${hooks}`], diff: '' });
  }
  return blocks;
}

/** The --json document (safe-escaped by the caller). */
export function jsonReport(result: PreviewResult, source: { rootfs: string; config: string; importedConfig?: string }): object {
  return {
    ...source,
    ok: result.error === null,
    summary: result.total,
    hooks: result.sections.map((s) => ({
      hook: s.hook,
      partial: s.partial,
      summary: s.counts,
      changes: s.changes,
      diff: s.diff,
    })),
    warnings: result.warnings,
    stdout: result.stdout,
    error: result.error,
  };
}
