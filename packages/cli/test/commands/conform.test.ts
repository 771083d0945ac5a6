/** The `conform` CLI command's --pve switch, on one recorded case of each release. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { conformCommand } from '../../src/commands/conform.ts';
import { runCommand } from '../runCommand.ts';
import { REPO_ROOT } from '@pve-chainguard/perlgen/repo';

const dir = mkdtempSync(join(tmpdir(), 'conform-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A one-vector file: the PVE 8 recording of the nesting-warning case (PVE 9 warns, 8 does not). */
function pve8Case(): string {
  const line = readFileSync(resolve(REPO_ROOT, 'oracle/base-vectors-pve8.jsonl'), 'utf8')
    .split('\n')
    .find((l) => l.includes('"s1-hand-30-systemd255-nesting-warning"'))!;
  const path = join(dir, 'one.jsonl');
  writeFileSync(path, `${line}\n`);
  return path;
}

async function conform(...args: string[]) {
  const r = await runCommand(conformCommand, args);
  return { code: r.code, out: r.stdout, err: r.stderr };
}

describe('conform --pve', () => {
  it('holds the PVE 8 model to a PVE 8 recording, and the default (PVE 9) fails it', async () => {
    const file = pve8Case();
    expect(await conform('--pve', '8', file)).toMatchObject({ code: 0, out: '1 passed, 0 failed\n' });
    const on9 = await conform(file);
    expect(on9.code).toBe(1);
    expect(on9.out).toMatch(/^FAIL s1-hand-30-systemd255-nesting-warning: log_warn:/);
  });

  it('refuses an unknown release with the usage', async () => {
    const r = await conform('--pve', '7', pve8Case());
    expect(r.code).toBe(2);
    expect(r.err).toContain('--pve 8|9');
  });
});
