/** The harness's release table (Harness::Release) says what core's profiles say. */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { PROFILES, PVE_RELEASES } from '@pve-chainguard/core';
import { describe, expect, it } from 'vitest';
import { PERL_DIR } from '../../src/perl/PerlHarness.ts';

function perlProfile(pve: number): Record<string, unknown> {
  const script = 'use Harness::Release; use JSON::PP; print JSON::PP->new->canonical->encode(Harness::Release::profile($ARGV[0]))';
  return JSON.parse(execFileSync('perl', ['-I', resolve(PERL_DIR, 'lib'), '-e', script, String(pve)], { encoding: 'utf8' }));
}

describe('Harness::Release', () => {
  it.each(PVE_RELEASES)('has PVE %s with the flags of packages/core/src/release/profiles.ts', (pve) => {
    const core = Object.fromEntries(Object.entries(PROFILES[pve]).map(([k, v]) => [k, typeof v === 'boolean' ? Number(v) : v]));
    expect(perlProfile(pve)).toEqual(core);
  });
});
