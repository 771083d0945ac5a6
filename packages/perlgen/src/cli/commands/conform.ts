import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { conform, parsePveRelease, parseVectors } from '@pve-chainguard/core';
import type { Command } from '../Command.ts';

export const conformCommand: Command = {
  name: 'conform',
  summary: 'run recorded Proxmox vectors through the model and compare',
  help: `Usage: pve-chainguard conform [--pve 8|9] FILE.jsonl

Runs every vector in FILE (JSON lines recorded on real pve-container, see
oracle/README.md) through the TypeScript model and compares the detected ostype,
os-release, architecture, warnings, error and the whole resulting tree.

  --pve 8|9   the Proxmox VE release the model plays (default 9: pve-container 6.1.x;
              8: pve-container 5.x, for oracle/base-vectors-pve8.jsonl)

Prints one line per failing vector with its first difference, then "N passed, N failed".
Exit status: 0 when every vector passes, 1 otherwise, 2 on bad usage.
`,
  async run(args, io) {
    const files: string[] = [];
    let pveText = '9';
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--pve') pveText = args[++i] ?? '';
      else if (arg.startsWith('--pve=')) pveText = arg.slice('--pve='.length);
      else if (arg === '--verbose') continue; // accepted for compatibility: every failure is printed anyway
      else if (arg.startsWith('-')) files.push('', ''); // unknown option: usage error below
      else files.push(arg);
    }
    const pve = parsePveRelease(pveText);
    if (files.length !== 1 || pve === undefined) {
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
    const result = conform(parseVectors(text, path), { pve });
    for (const f of result.failed) io.out(`FAIL ${f.id}: ${f.difference}\n`);
    io.out(`${result.passed} passed, ${result.failed.length} failed\n`);
    return result.failed.length === 0 ? 0 : 1;
  },
};
