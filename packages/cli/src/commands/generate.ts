import { relative } from 'node:path';
import { formatDiagnostic, GENERATED_DIR, generateAll, listPlugins, PRIMARY_PLUGIN, selectPlugins } from '@pve-chainguard/perlgen';
import type { Command } from '../Command.ts';
import { usageArgs } from '../usageArgs.ts';
import { EXIT, EXIT_STATUS_HELP, InputError, UsageError } from '../exitCodes.ts';
import { reason, resolveFrom } from '@pve-chainguard/testkit/input';
import { requireDirectoryTarget } from '../paths.ts';

export const generateCommand: Command = {
  name: 'generate',
  summary: 'compile TS plugin classes to PVE::LXC::Setup::<Name> Perl modules',
  help: `Usage: pve-chainguard generate [--out DIR] [--all] [NAME...]

Compiles packages/core/src/plugins/<NAME>.ts to DIR/PVE/LXC/Setup/<NAME>.pm.
Without NAME it compiles ${PRIMARY_PLUGIN}; --all compiles every plugin class
and the Perl harness's Base (packages/core/src/base/Base.ts →
packages/testkit/perl/generated/PVE/LXC/Setup/Base.pm, or DIR/harness/... with --out):
the set 'check' compares. DIR defaults to the repository's generated/ folder,
whose committed copy reviewers see as Perl diffs.

Options:
  --out DIR   write under DIR instead of generated/
  --all       compile every plugin in packages/core/src/plugins and the harness's Base
  -h, --help  show this help

Nothing is written unless every requested plugin compiles; compile errors are printed
as FILE:LINE:COLUMN: reason. 0 written, 1 compile errors, 2 bad usage (an unknown
plugin name, DIR a file).

${EXIT_STATUS_HELP}`,
  async run(args, io) {
    const parsed = usageArgs({
      args,
      allowPositionals: true,
      options: { out: { type: 'string' }, all: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
    if (parsed.values.help) {
      io.out(this.help);
      return EXIT.ok;
    }
    if (parsed.values.all && parsed.positionals.length > 0) throw new UsageError('give either --all or plugin names');
    const plugins = parsed.values.all ? undefined : parsed.positionals.length > 0 ? parsed.positionals : [PRIMARY_PLUGIN];
    // no --out: plugins to generated/, and with --all the harness's Base to its own folder
    const outDir = parsed.values.out !== undefined ? resolveFrom(io.cwd, parsed.values.out) : undefined;
    if (outDir !== undefined) requireDirectoryTarget(outDir, '--out');
    const { missing } = selectPlugins(plugins);
    if (missing.length > 0) {
      const known =
        listPlugins()
          .map((p) => p.name)
          .join(', ') || 'none';
      throw new UsageError(`no plugin class ${missing.join(', ')} (known: ${known})`);
    }
    let result;
    try {
      result = generateAll({ outDir, plugins });
    } catch (e) {
      // a file-system refusal (read-only, permissions) is about --out; anything else is a bug
      if (!(e as NodeJS.ErrnoException).code) throw e;
      throw new InputError(`cannot write under --out '${outDir ?? GENERATED_DIR}': ${reason(e)}`);
    }
    for (const d of result.diagnostics) io.err(`${formatDiagnostic(d)}\n`);
    if (result.diagnostics.length > 0) {
      io.err(`generate: ${result.diagnostics.length} compile error(s); nothing written\n`);
      return EXIT.finding;
    }
    for (const w of result.written) io.out(`wrote ${relative(io.cwd, w) || w}\n`);
    return EXIT.ok;
  },
};
