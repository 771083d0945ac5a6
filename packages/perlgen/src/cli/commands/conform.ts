import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { conform, parseVectors } from '@pve-chainguard/core';
import type { Command } from '../Command.ts';

export const conformCommand: Command = {
  name: 'conform',
  summary: 'run recorded Proxmox vectors through the model and compare',
  help: `Usage: pve-chainguard conform FILE.jsonl [--verbose]

Runs every vector in FILE (JSON lines recorded on real pve-container, see
oracle/README.md) through the TypeScript model and compares the detected ostype,
os-release, architecture, warnings, error and the whole resulting tree.
Prints one line per failing vector with its first difference, then "N passed, N failed".
Exit status: 0 when every vector passes, 1 otherwise, 2 on bad usage.
`,
  async run(args, io) {
    const files = args.filter((a) => !a.startsWith('-'));
    if (files.length !== 1) {
      io.err(this.help);
      return 2;
    }
    const path = resolve(io.cwd, files[0]!);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      io.err(`conform: cannot read '${path}': ${(e as Error).message}\n`);
      return 2;
    }
    const result = conform(parseVectors(text, path));
    for (const f of result.failed) io.out(`FAIL ${f.id}: ${f.difference}\n`);
    io.out(`${result.passed} passed, ${result.failed.length} failed\n`);
    return result.failed.length === 0 ? 0 : 1;
  },
};
