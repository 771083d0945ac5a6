import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/commands/check.ts';
import type { CommandIo } from '../../src/Command.ts';
import { GENERATED_DIR, modulePath } from '@pve-chainguard/perlgen/repo';
import { runCommand } from '../runCommand.ts';

function capture(cwd: string): CommandIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', cwd, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}
const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('check', () => {
  it('exits 0 on the committed modules', async () => {
    const io = capture(process.cwd());
    expect(await checkCommand.run([], io)).toBe(0);
    expect(io.stdout).toMatch(/^check: \d+ module\(s\) equal a fresh compile\n$/);
  });

  it('exits 1 with a readable unified diff after an edit to a committed module', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perlgen-check-cli-'));
    temps.push(dir);
    cpSync(GENERATED_DIR, dir, { recursive: true });
    const file = modulePath(dir, 'Chainguard');
    writeFileSync(file, readFileSync(file, 'utf8').replace('\n1;\n', '\n# hand edit\n1;\n'));
    const io = capture(dir);
    expect(await checkCommand.run(['--dir', '.'], io)).toBe(1);
    expect(io.stdout).toContain('--- a/');
    expect(io.stdout).toContain('+++ b/');
    expect(io.stdout).toContain('-# hand edit');
    expect(io.stderr).toContain("run 'pnpm exec pve-chainguard generate --all'");
  });

  it('prints its help with --help, and exits 2 on an unknown option', async () => {
    const io = capture(process.cwd());
    expect(await checkCommand.run(['--help'], io)).toBe(0);
    expect(io.stdout).toContain('Usage: pve-chainguard check [--dir DIR]');
    const r = await runCommand(checkCommand, ['--nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("check: Unknown option '--nope'");
  });

  it('exits 2 on a --dir that does not exist or is a file, without a diff', async () => {
    for (const dir of ['/nonexistent', 'package.json']) {
      const r = await runCommand(checkCommand, ['--dir', dir]);
      expect(r.code, dir).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^check: --dir '.*'( is not a directory|: no such file or directory)\n$/);
    }
  });
});
