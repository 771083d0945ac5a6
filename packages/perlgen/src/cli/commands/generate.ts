import { parseArgs } from 'node:util';
import { relative, resolve } from 'node:path';
import { formatDiagnostic } from '../../front/diagnostics.ts';
import { generateAll } from '../../generate/generateAll.ts';
import { listPlugins } from '../../generate/plugins.ts';
import { PRIMARY_PLUGIN } from '../../repo.ts';
import type { Command } from '../Command.ts';

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
as FILE:LINE:COLUMN: reason. Exit status: 0 written, 1 compile errors, 2 bad usage.
`,
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        options: { out: { type: 'string' }, all: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      });
    } catch (e) {
      io.err(`generate: ${(e as Error).message}\n\n${this.help}`);
      return 2;
    }
    if (parsed.values.help) {
      io.out(this.help);
      return 0;
    }
    if (parsed.values.all && parsed.positionals.length > 0) {
      io.err('generate: give either --all or plugin names\n');
      return 2;
    }
    const plugins = parsed.values.all ? undefined : parsed.positionals.length > 0 ? parsed.positionals : [PRIMARY_PLUGIN];
    const outDir = parsed.values.out ? resolve(io.cwd, parsed.values.out) : undefined;
    const result = generateAll({ outDir, plugins });
    if (result.missing.length > 0) {
      const known = listPlugins().map((p) => p.name).join(', ') || 'none';
      io.err(`generate: no plugin class ${result.missing.join(', ')} (known: ${known})\n`);
      return 1;
    }
    for (const d of result.diagnostics) io.err(`${formatDiagnostic(d)}\n`);
    if (result.diagnostics.length > 0) {
      io.err(`generate: ${result.diagnostics.length} compile error(s); nothing written\n`);
      return 1;
    }
    for (const w of result.written) io.out(`wrote ${relative(io.cwd, w) || w}\n`);
    return 0;
  },
};
