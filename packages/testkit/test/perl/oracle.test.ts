/**
 * Runs every oracle vector (recorded on real Proxmox VE) through the Perl harness with
 * our own test plugins and compares each result with the recording.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstResultDifference } from '../../src/perl/compareResult.ts';
import { PerlHarness, GENERATED_PLUGIN_DIR, canRunPerlHarness } from '../../src/perl/PerlHarness.ts';
import type { HarnessCase, HarnessResult } from '../../src/perl/types.ts';

type OracleVector = HarnessCase & { id: string; tags: string[]; expect: HarnessResult };

function readVectors(path: string): OracleVector[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as OracleVector);
}

const oracle = (name: string) => fileURLToPath(new URL(`../../../../oracle/${name}`, import.meta.url));
/** Each recording with the release it was made on (PVE 9: pve-container 6.1.10, PVE 8: 5.3.5). */
const RECORDINGS = [
  { pve: 9 as const, vectors: readVectors(process.env.PVE_ORACLE_VECTORS ?? oracle('base-vectors.jsonl')) },
  { pve: 8 as const, vectors: readVectors(oracle('base-vectors-pve8.jsonl')) },
];

const root = canRunPerlHarness();
if (!root) {
  console.warn('\n!!! SKIPPING the Perl oracle test: the harness chroots and must run as root' + ` (uid ${process.getuid?.()}). CI runs as root. !!!\n`);
}

describe.skipIf(!root).each(RECORDINGS)('Perl harness as PVE $pve with the generated plugins reproduces the oracle', ({ pve, vectors }) => {
  let harness: PerlHarness;
  let elapsed = 0;

  beforeAll(() => {
    // key contents and fingerprints are masked in the recording, so reusing keys per
    // (type, host name) changes nothing but saves ~1 s of RSA generation per case
    harness = new PerlHarness({ reuseSshKeys: true });
  });

  afterAll(async () => {
    await harness.close();
    console.log(`perl harness (PVE ${pve}): ${vectors.length} vectors, ${(elapsed / 1000).toFixed(1)} s,` + ` ${(elapsed / vectors.length).toFixed(0)} ms per case`);
  });

  it('has all 400 recorded vectors to run', () => {
    expect(vectors).toHaveLength(400);
  });

  it('finds tzdata on the host (config time zones are validated against zone.tab)', () => {
    expect(existsSync('/usr/share/zoneinfo/zone.tab')).toBe(true);
  });

  it.each(vectors)('$id', async (vector) => {
    const { expect: recorded, tags: _tags, ...input } = vector;
    const started = performance.now();
    const result = await harness.run({ ...input, plugin_dir: GENERATED_PLUGIN_DIR, pve });
    elapsed += performance.now() - started;
    const difference = firstResultDifference(recorded, result);
    expect(difference, `${vector.id}: ${difference}`).toBeUndefined();
  });
});
