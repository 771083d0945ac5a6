import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, parsePctConfig } from '../../src/config/index.ts';
import { parsePctConfigMemo } from '../../src/config/parsePctConfigMemo.ts';
import { releaseProfile } from '../../src/release/profiles.ts';

const TEXT = 'arch: amd64\nhostname: ct\nnet0: name=eth0,bridge=vmbr0,ip=dhcp\nlxc.cgroup2.devices.allow: c 10:200 rwm\nbogus: 1\n';

describe('parsePctConfigMemo', () => {
  it('answers as parsePctConfig does, for each mode and release', () => {
    for (const mode of ['proxmox', 'strict'] as const) {
      for (const pve of [8, 9] as const) {
        const release = releaseProfile(pve);
        const text = mode === 'strict' ? TEXT.replace('bogus: 1\n', '') : TEXT;
        const fresh = parsePctConfig(text, { mode, release });
        expect(parsePctConfigMemo(text, mode, release)).toEqual(fresh);
        expect(parsePctConfigMemo(text, mode, release)).toEqual(fresh);
      }
    }
    expect(parsePctConfigMemo(TEXT, 'proxmox', releaseProfile(9)).warnings).toEqual(parsePctConfig(TEXT, { mode: 'proxmox' }).warnings);
  });

  it('hands each caller its own conf and warnings (Setup writes into the conf)', () => {
    const release = releaseProfile(9);
    const first = parsePctConfigMemo(TEXT, 'proxmox', release);
    first.conf.ostype = 'changed';
    first.conf.lxc!.push(['lxc.extra', 'x']);
    first.conf.lxc![0]![1] = 'changed';
    first.warnings.push('extra\n');
    expect(parsePctConfigMemo(TEXT, 'proxmox', release)).toEqual(parsePctConfig(TEXT, { mode: 'proxmox', release }));
  });

  it('throws again for a config that does not parse', () => {
    const bad = 'net0: name=eth0,ip=10.0.0.300/24\n';
    for (let i = 0; i < 2; i++) expect(() => parsePctConfigMemo(bad, 'strict', releaseProfile(9))).toThrow(ConfigError);
  });

  it('copies a conf whose values are strings, but for lxc (pairs of strings), as every oracle config has it', () => {
    const path = fileURLToPath(new URL('../../../../oracle/base-vectors.jsonl', import.meta.url));
    const configs = readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => (JSON.parse(l) as { config: string }).config);
    expect(configs.length).toBeGreaterThan(0);
    for (const config of [...configs, TEXT]) {
      let conf;
      try {
        conf = parsePctConfigMemo(config, 'proxmox', releaseProfile(9)).conf;
      } catch {
        continue; // a config PVE refuses: nothing kept
      }
      for (const [key, value] of Object.entries(conf)) {
        if (key === 'lxc') expect((value as unknown[]).every((pair) => Array.isArray(pair) && pair.every((v) => typeof v === 'string'))).toBe(true);
        else expect(typeof value).toBe('string');
      }
    }
  });
});
