import { runUpstream, SeriesError } from '@pve-chainguard/upstream-series';
import type { Command } from '../Command.ts';
import { EXIT, exitStatusHelp, UsageError } from '../exitCodes.ts';
import { parseUpstreamOptions } from './upstream/options.ts';

const HELP = `Usage: pve-chainguard upstream --pve-container DIR [--out DIR] [--base REF] [--branch NAME]
                               [--signoff "Name <mail>"] [--reroll N --changes FILE] [--dry-run]

Turns the Chainguard plugin into a pve-devel patch series for pve-container:
  1/3 setup: add Chainguard OS and Wolfi support (module, Setup.pm registration,
      Setup/Makefile SOURCES, Config.pm ostype enum)
  2/3 setup: detect Wolfi-based images without a usable os-release ID (fallback markers)
  3/3 test: add Chainguard and Wolfi setup tests (src/test/test-chainguard-NNN, .exp files
      produced by the model the way run_setup_tests.pl runs the hooks, @testfiles entries)
The series is built and checked in a scratch clone first: it must apply with git am at
REF, the changed modules must pass perl -c (unknown modules stubbed), the module must be
a perltidy fixed point, and every .exp must equal what the model says. Only then is
branch NAME created in DIR (not checked out) and git format-patch output written.

  --pve-container DIR  a clean pve-container git checkout (dirty trees are refused)
  --out DIR            where the patches go (default: dist/upstream/)
  --base REF           the commit to build on (default: HEAD)
  --branch NAME        the branch to create (default: chainguard-support)
  --signoff ID         the Signed-off-by identity (default: user.name/user.email)
  --reroll N           series version N ≥ 2 (-vN); needs --changes
  --changes FILE       what changed since vN-1, put under "Changes since vN-1" below the
                       --- of each patch and into the cover letter
  --dry-run            build and check, print the summary, write nothing
Author and committer come from git config (or GIT_AUTHOR_*/GIT_COMMITTER_*).

${exitStatusHelp('written (or the dry run passed)', 'refused (dirty tree, no sign-off, …) or a check of the series failed')}`;

/** The `upstream` command: options parsed here, the series built by upstream-series. */
export const upstreamCommand: Command = {
  name: 'upstream',
  summary: 'build the pve-devel patch series for pve-container',
  help: HELP,
  async run(args, io) {
    const o = parseUpstreamOptions(args);
    if ('error' in o) throw new UsageError(o.error);
    try {
      return runUpstream(o, { ...io, env: process.env });
    } catch (e) {
      // a refusal (dirty tree, no identity, a failed check of the series) is the finding
      if (!(e instanceof SeriesError)) throw e;
      io.err(`upstream: ${e.message}\n`);
      return EXIT.finding;
    }
  },
};
