import { synthesizeSystemdElf } from '@pve-chainguard/core';
import { describe, expect, it } from 'vitest';
import { systemdElfBase64, tzifBase64 } from '../../../src/arbitraries/rootfs/binaryContents.ts';
import { tzifStub } from '../../../src/fixtures/tzifStub.ts';

const decode = (base64: string) => Uint8Array.from(Buffer.from(base64, 'base64'));

describe('binaryContents', () => {
  it('encodes the systemd ELF stub of each version and architecture, the same string each time', () => {
    for (const arch of ['amd64', 'arm64'] as const) {
      for (const version of [239, 255]) {
        expect(decode(systemdElfBase64(version, arch))).toEqual(synthesizeSystemdElf(version, arch));
        expect(systemdElfBase64(version, arch)).toBe(systemdElfBase64(version, arch));
      }
    }
    expect(systemdElfBase64(239, 'amd64')).not.toBe(systemdElfBase64(255, 'amd64'));
    expect(systemdElfBase64(255, 'amd64')).not.toBe(systemdElfBase64(255, 'arm64'));
  });

  it('encodes the zoneinfo stub of each zone', () => {
    expect(decode(tzifBase64('UTC', 0))).toEqual(tzifStub('UTC', 0));
    expect(decode(tzifBase64('CET', 3600))).toEqual(tzifStub('CET', 3600));
  });
});
