import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateCommand } from '../../src/commands/generate.ts';
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
function temp(): string {
  const d = mkdtempSync(join(tmpdir(), 'perlgen-cli-'));
  temps.push(d);
  return d;
}

describe('generate', () => {
  it('prints its help with --help and exits 0', async () => {
    const io = capture(process.cwd());
    expect(await generateCommand.run(['--help'], io)).toBe(0);
    expect(io.stdout).toContain('Usage: pve-chainguard generate [--out DIR] [--all] [NAME...]');
  });

  it('writes Chainguard.pm by default, under --out relative to the cwd', async () => {
    const dir = temp();
    const io = capture(dir);
    expect(await generateCommand.run(['--out', 'gen'], io)).toBe(0);
    const file = modulePath(join(dir, 'gen'), 'Chainguard');
    expect(io.stdout).toBe('wrote gen/PVE/LXC/Setup/Chainguard.pm\n');
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(modulePath(GENERATED_DIR, 'Chainguard'), 'utf8'));
    expect(existsSync(modulePath(join(dir, 'gen'), 'ArchLinux'))).toBe(false);
  });

  it('compiles the named plugins, or all with --all', async () => {
    const dir = temp();
    expect(await generateCommand.run(['--out', dir, 'ArchLinux', 'NixOS'], capture(dir))).toBe(0);
    expect(existsSync(modulePath(dir, 'NixOS'))).toBe(true);
    expect(existsSync(modulePath(dir, 'Chainguard'))).toBe(false);
    const io = capture(dir);
    expect(await generateCommand.run(['--out', dir, '--all'], io)).toBe(0);
    expect(io.stdout.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(4);
  });

  it('exits 2 naming the known plugins for an unknown name, and on bad usage', async () => {
    const r = await runCommand(generateCommand, ['--out', temp(), 'Nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no plugin class Nope \(known: .*Chainguard/);
    expect((await runCommand(generateCommand, ['--bogus'])).code).toBe(2);
    expect((await runCommand(generateCommand, ['--all', 'ArchLinux'])).code).toBe(2);
  });

  it('exits 2 and writes nothing when --out is a file or lies below one', async () => {
    const dir = temp();
    const file = join(dir, 'file');
    writeFileSync(file, 'x');
    for (const out of [file, join(file, 'sub')]) {
      const r = await runCommand(generateCommand, ['--out', out]);
      expect(r.code, out).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`--out '${out}'`);
    }
    expect(readFileSync(file, 'utf8')).toBe('x');
  });
});
