import { parseArgs } from 'node:util';
import { conform } from '@pve-chainguard/core';
import type { Command } from '../Command.ts';
import { EXIT, EXIT_STATUS_HELP, UsageError } from '../exitCodes.ts';
import { toSafeJson } from '../output/escape.ts';
import { resolveFrom } from '../paths.ts';
import { readVectorsFile } from '../vectorsFile.ts';

export const conformCommand: Command = {
  name: 'conform',
  summary: 'run recorded Proxmox vectors through the model and compare',
  help: `Usage: pve-chainguard conform FILE.jsonl [--json]

Runs every vector in FILE (JSON lines recorded on real pve-container, see
oracle/README.md) through the TypeScript model and compares the detected ostype,
os-release, architecture, warnings, error and the whole resulting tree.
Prints one line per failing vector with its first difference, then "N passed, N failed".

Options:
  --json      print one JSON object {file, passed, failed, failures: [{id, difference}]}
  -h, --help  show this help

FILE is refused (exit 2, naming the line and key) when it is empty, holds a line that
is not JSON or not a vector, or repeats an id.

${EXIT_STATUS_HELP}`,
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    if (parsed.positionals.length !== 1) throw new UsageError(`give exactly one FILE.jsonl (got ${parsed.positionals.length})`);
    const path = resolveFrom(io.cwd, parsed.positionals[0]!);
    const result = conform(readVectorsFile(path));
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
