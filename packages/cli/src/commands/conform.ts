import { conform, readVectorsFile } from '@pve-chainguard/testkit/conform';
import { resolveFrom, toSafeJson } from '@pve-chainguard/testkit/input';
import type { Command } from '../Command.ts';
import { pveOption, usageArgs } from '../usageArgs.ts';
import { EXIT, EXIT_STATUS_HELP, UsageError } from '../exitCodes.ts';

export const conformCommand: Command = {
  name: 'conform',
  summary: 'run recorded Proxmox vectors through the model and compare',
  help: `Usage: pve-chainguard conform [--pve 8|9] FILE.jsonl [--json]

Runs every vector in FILE (JSON lines recorded on real pve-container, see
oracle/README.md) through the TypeScript model and compares the detected ostype,
os-release, architecture, warnings, error and the whole resulting tree.
Prints one line per failing vector with its first difference, then "N passed, N failed".

Options:
  --pve 8|9   the Proxmox VE release the model plays (default 9: pve-container 6.1.x;
              8: pve-container 5.x, for oracle/base-vectors-pve8.jsonl)
  --json      print one JSON object {file, passed, failed, failures: [{id, difference}]}
  -h, --help  show this help

FILE is refused (exit 2, naming the line and key) when it is empty, holds a line that
is not JSON or not a vector, or repeats an id.

${EXIT_STATUS_HELP}`,
  async run(args, io) {
    const parsed = usageArgs({
      args,
      allowPositionals: true,
      options: { pve: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
    const pve = pveOption(parsed.values.pve);
    if (parsed.positionals.length !== 1) throw new UsageError(`give exactly one FILE.jsonl (got ${parsed.positionals.length})`);
    const path = resolveFrom(io.cwd, parsed.positionals[0]!);
    const result = conform(readVectorsFile(path), { pve });
    const code = result.failed.length === 0 ? EXIT.ok : EXIT.finding;
    if (parsed.values.json) {
      io.out(`${toSafeJson({ file: path, passed: result.passed, failed: result.failed.length, failures: result.failed })}\n`);
      return code;
    }
    for (const f of result.failed) io.out(`FAIL ${f.id}: ${f.difference}\n`);
    io.out(`${result.passed} passed, ${result.failed.length} failed\n`);
    return code;
  },
};
