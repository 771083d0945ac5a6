/**
 * The binary files rootfs recipes place (systemd ELF stubs, zoneinfo stubs) as base64,
 * each built and encoded once: every case would otherwise synthesise and encode the same
 * few hundred bytes again, and equal contents as one string are cheaper to send and key.
 */
import { synthesizeSystemdElf } from '@pve-chainguard/core';
import { tzifStub } from '../../fixtures/tzifStub.ts';
import type { BinArch } from './baseTrees.ts';

const cache = new Map<string, string>();

function once(key: string, build: () => Uint8Array): string {
  let base64 = cache.get(key);
  if (base64 === undefined) {
    base64 = Buffer.from(build()).toString('base64');
    cache.set(key, base64);
  }
  return base64;
}

/** synthesizeSystemdElf(version, arch) in base64 (versions come from a small range). */
export function systemdElfBase64(version: number, arch: BinArch): string {
  return once(`systemd ${version} ${arch}`, () => synthesizeSystemdElf(version, arch));
}

/** tzifStub(abbreviation, utcOffset) in base64. */
export function tzifBase64(abbreviation: string, utcOffset: number): string {
  return once(`tzif ${abbreviation} ${utcOffset}`, () => tzifStub(abbreviation, utcOffset));
}
