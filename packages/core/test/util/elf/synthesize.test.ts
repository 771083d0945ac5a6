import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { byteStringFromBytes } from '../../../src/util/byteString.ts';
import { detectElfArchitecture } from '../../../src/util/elf/architecture.ts';
import { synthesizeElfWithNeeded, synthesizeSystemdElf } from '../../../src/util/elf/synthesize.ts';
import { systemdVersionFromElf } from '../../../src/util/elf/systemdVersion.ts';
import { ORACLE_SYSTEMD_BINARIES } from '../fixtures/oracleSystemdBinaries.ts';

const oracleBinary = (version: number) => ORACLE_SYSTEMD_BINARIES.find((binary) => binary.objdump === version)!.base64;
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

const objdumpAvailable = spawnSync('objdump', ['--version']).status === 0;
// scripts/setup.sh installs binutils; without objdump this check fails rather than skips.
const scratch = mkdtempSync(join(tmpdir(), 'synth-elf-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function objdumpNeeded(bytes: Uint8Array): string[] {
  const file = join(scratch, 'systemd');
  writeFileSync(file, bytes);
  const run = spawnSync('objdump', ['-p', file], { encoding: 'latin1' });
  expect(run.status, run.stderr).toBe(0);
  expect(run.stderr).toBe('');
  return [...run.stdout.matchAll(/^ {2}NEEDED +(.*)$/gm)].map((match) => match[1]!);
}

describe('synthesizeSystemdElf', () => {
  it('reproduces the oracle stand-ins byte for byte', () => {
    expect(base64(synthesizeSystemdElf(255, 'amd64'))).toBe(oracleBinary(255));
    expect(base64(synthesizeSystemdElf(241, 'amd64'))).toBe(oracleBinary(241));
    expect(base64(synthesizeSystemdElf(257, 'amd64', '.1-1.wolfi'))).toBe(oracleBinary(257));
    expect(base64(synthesizeElfWithNeeded(['libc.so.6'], 'amd64'))).toBe(ORACLE_SYSTEMD_BINARIES.find((binary) => binary.objdump === null)!.base64);
  });

  it.each([
    [231, 'amd64'],
    [255, 'arm64'],
    [1000, 'arm64'],
  ] as const)('makes a systemd %d for %s that the model reads back', (version, arch) => {
    const bytes = byteStringFromBytes(synthesizeSystemdElf(version, arch));
    expect(systemdVersionFromElf(bytes)).toBe(version);
    expect(detectElfArchitecture(bytes.slice(0, 20), '/usr/lib/systemd/systemd')).toBe(arch);
  });

  it('makes files objdump reads without complaint', () => {
    expect(objdumpAvailable, 'objdump (binutils) must be installed: run scripts/setup.sh').toBe(true);
    expect(objdumpNeeded(synthesizeSystemdElf(256, 'arm64'))).toEqual(['libc.so.6', 'libsystemd-shared-256.so']);
    expect(objdumpNeeded(synthesizeSystemdElf(252, 'amd64', '-wolfi'))).toEqual(['libc.so.6', 'libsystemd-shared-252-wolfi.so']);
    const shapes = [
      { machine: 0x28, is64: false, littleEndian: true },
      { machine: 0x08, is64: false, littleEndian: false },
      { machine: 0x16, is64: true, littleEndian: false },
    ];
    for (const shape of shapes) {
      expect(objdumpNeeded(synthesizeElfWithNeeded(['libfoo.so.1', 'libbar.so'], shape))).toEqual(['libfoo.so.1', 'libbar.so']);
    }
  });

  it('rejects versions that are not whole numbers and names with NUL', () => {
    expect(() => synthesizeSystemdElf(25.5, 'amd64')).toThrow(RangeError);
    expect(() => synthesizeSystemdElf(-1, 'amd64')).toThrow(RangeError);
    expect(() => synthesizeElfWithNeeded(['a\0b'], 'amd64')).toThrow(RangeError);
  });
});
