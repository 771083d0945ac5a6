import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { byteStringFromBytes } from '../../../src/util/byteString.ts';
import { synthesizeElfWithNeeded } from '../../../src/util/elf/synthesize.ts';
import { systemdVersionFromElf } from '../../../src/util/elf/systemdVersion.ts';
import { ELF_CORPUS_BASES, ELF_CORPUS_ROWS, type ElfCorpusRow } from '../fixtures/elfObjdumpCorpus.ts';
import { ORACLE_SYSTEMD_BINARIES, ORACLE_SYSTEMD_OUTCOMES } from '../fixtures/oracleSystemdBinaries.ts';

const ORACLE_OBJDUMP_PATH = '<rootfs>/usr/lib/systemd/systemd';
const fromBase64 = (text: string) => Buffer.from(text, 'base64').toString('latin1');
const asExpected = (objdump: number | null | { error: string }) => (objdump === null ? undefined : objdump);

function corpusBytes(row: ElfCorpusRow): Uint8Array {
  if (row.content !== undefined) return new TextEncoder().encode(row.content);
  const base = ELF_CORPUS_BASES.find((candidate) => candidate.key === row.base)!;
  const bytes = synthesizeElfWithNeeded(base.needed, base.shape);
  const view = new DataView(bytes.buffer);
  const little = base.shape.littleEndian;
  for (const [offset, width, value] of row.edits ?? []) {
    if (width === 1) view.setUint8(offset, value);
    else if (width === 2) view.setUint16(offset, value, little);
    else if (width === 4) view.setUint32(offset, value, little);
    else view.setBigUint64(offset, BigInt(value), little);
  }
  return row.truncate === undefined ? bytes : bytes.slice(0, row.truncate);
}

describe('systemdVersionFromElf on the oracle inputs', () => {
  it.each(ORACLE_SYSTEMD_BINARIES.map((binary) => ({ ...binary, used: binary.cases.length })))(
    'agrees with objdump on systemd binary $sha1 (used by $used cases)',
    ({ sha1, base64, objdump }) => {
      const bytes = fromBase64(base64);
      expect(createHash('sha1').update(bytes, 'latin1').digest('hex')).toBe(sha1);
      expect(systemdVersionFromElf(bytes, ORACLE_OBJDUMP_PATH)).toEqual(asExpected(objdump));
    },
  );

  it('explains every nesting warning and objdump failure the oracle recorded', () => {
    expect(ORACLE_SYSTEMD_OUTCOMES.length).toBeGreaterThan(5);
    for (const outcome of ORACLE_SYSTEMD_OUTCOMES) {
      const binary = ORACLE_SYSTEMD_BINARIES.find((candidate) => candidate.sha1 === outcome.binarySha1)!;
      const result = systemdVersionFromElf(fromBase64(binary.base64));
      for (const warning of outcome.nestingWarnings) {
        expect(typeof result === 'number' && result > 241, outcome.caseId).toBe(true);
        expect(warning, outcome.caseId).toBe(`Systemd ${result} detected. You may need to enable nesting.`);
      }
      if (outcome.objdumpError !== null) {
        expect(result, outcome.caseId).toHaveProperty('error');
        const { error } = result as { error: string };
        expect(`objdump on /usr/lib/systemd/systemd failed: ${error}\n`, outcome.caseId).toBe(outcome.objdumpError);
      }
    }
  });
});

describe('systemdVersionFromElf against objdump 2.40 on mutated ELF files', () => {
  it.each(ELF_CORPUS_ROWS)('$base: $name', (row) => {
    const bytes = corpusBytes(row);
    expect(createHash('sha256').update(bytes).digest('hex'), 'bytes objdump saw').toBe(row.sha256);
    expect(systemdVersionFromElf(byteStringFromBytes(bytes), '<path>')).toEqual(asExpected(row.objdump));
  });
});

describe('systemdVersionFromElf errors', () => {
  it('reports objdump exiting silently on an empty file', () => {
    // objdump -p on a zero-byte file: exit status 1, nothing on stderr (this machine).
    expect(systemdVersionFromElf('')).toEqual({ error: 'exit code 1' });
  });

  it('names the given host path in the "not recognized" text', () => {
    expect(systemdVersionFromElf('#!/bin/false\n', '/rootfs/lib/systemd/systemd')).toEqual({
      error: 'objdump: /rootfs/lib/systemd/systemd: file format not recognized',
    });
  });

  it('rejects text that is not a byte string', () => {
    expect(() => systemdVersionFromElf('\u20ac')).toThrow(RangeError);
  });
});
