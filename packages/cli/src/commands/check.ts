import { checkAll, formatDiagnostic, GENERATED_DIR } from '@pve-chainguard/perlgen';
import type { Command } from '../Command.ts';
import { usageArgs } from '../usageArgs.ts';
import { EXIT, EXIT_STATUS_HELP } from '../exitCodes.ts';
import { resolveFrom } from '@pve-chainguard/testkit/input';
import { requireDirectory } from '../paths.ts';

export const checkCommand: Command = {
  name: 'check',
  summary: 'regenerate in memory and diff against the committed Perl modules',
  help: `Usage: pve-chainguard check [--dir DIR]

Compiles every plugin class in packages/core/src/plugins in memory and compares the
result with the committed DIR/PVE/LXC/Setup/<Name>.pm (DIR defaults to generated/);
likewise the Perl harness's Base (packages/core/src/base/Base.ts) with
packages/testkit/perl/generated/PVE/LXC/Setup/Base.pm.
A module without a TS source counts as a difference. This is CI's generate-and-diff step.

Options:
  --dir DIR   compare against DIR instead of generated/
  -h, --help  show this help

0 when every module equals a fresh compile; 1 otherwise, with a unified diff
(committed → generated) or the compile errors; 2 when DIR is missing or not a directory.
Fix a difference with 'pnpm exec pve-chainguard generate --all' and review the diff.

${EXIT_STATUS_HELP}`,
  async run(args, io) {
    const parsed = usageArgs({ args, options: { dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
    if (parsed.values.help) {
      io.out(this.help);
      return EXIT.ok;
    }
    const dir = parsed.values.dir !== undefined ? resolveFrom(io.cwd, parsed.values.dir) : GENERATED_DIR;
    // a missing folder is a typo, not "every module deleted"
    requireDirectory(dir, '--dir');
    const result = checkAll({ dir });
    for (const d of result.diagnostics) io.err(`${formatDiagnostic(d)}\n`);
    for (const diff of result.diffs) io.out(diff, 'diff');
    if (result.ok) {
      io.out(`check: ${result.checked.length} module(s) equal a fresh compile\n`);
      return EXIT.ok;
    }
    io.err(`check: ${result.diffs.length} module(s) differ, ${result.diagnostics.length} compile error(s); ` + "run 'pnpm exec pve-chainguard generate --all'\n");
    return EXIT.finding;
  },
};
