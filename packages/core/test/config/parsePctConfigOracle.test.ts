/**
 * pct config parsing held to the oracle: every recorded config parses as PVE read it, and
 * whatever strict mode accepts PVE reads silently to the same values (a property test).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, parsePctConfig, type PctConf } from '../../src/config/index.ts';
import { loadOracleVectors } from './oracleVectors.ts';

const strict = (text: string) => parsePctConfig(text, { mode: 'strict' });
const asPve = (text: string, vmid?: number) => parsePctConfig(text, { mode: 'proxmox', vmid });

describe('the oracle vectors', () => {
  const vectors = loadOracleVectors();

  it('every config parses in proxmox mode with exactly the parse warnings PVE printed first', () => {
    const mismatches: string[] = [];
    let withWarnings = 0;
    for (const v of vectors) {
      const { warnings } = asPve(v.config);
      const recorded = v.expect.warnings.filter((w) => w.startsWith('vm 100 - '));
      if (recorded.length > 0) withWarnings++;
      const leading = v.expect.warnings.slice(0, warnings.length);
      if (JSON.stringify(warnings) !== JSON.stringify(recorded) || JSON.stringify(leading) !== JSON.stringify(warnings)) {
        mismatches.push(`${v.id}: ${JSON.stringify(warnings)} vs ${JSON.stringify(recorded)}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(vectors).toHaveLength(400);
    expect(withWarnings).toBe(1);
  });

  it('the configured arch is the arch PVE ended up with', () => {
    let checked = 0;
    for (const v of vectors) {
      const { conf } = asPve(v.config);
      if (conf.arch === undefined || v.expect.error?.at === 'new') continue;
      expect(v.expect.arch, v.id).toBe(conf.arch);
      checked++;
    }
    expect(checked).toBe(246);
  });

  it('strict mode refuses vector configs only for gateways without address or an unknown zone', () => {
    const refused = new Map<string, number>();
    for (const v of vectors) {
      try {
        strict(v.config);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        const kind = /^(gw6?) without address/.exec(err.reason)?.[1] ?? (err.key === 'timezone' ? 'zone' : err.message);
        refused.set(kind, (refused.get(kind) ?? 0) + 1);
        if (kind === 'zone') expect(v.tags).toContain('hand:timezone-invalid-zone');
      }
    }
    expect([...refused.keys()].sort()).toEqual(['gw', 'gw6', 'zone']);
  });
});

describe('strict acceptance implies PVE reads the file silently to the same values', () => {
  const lines: Record<string, string[]> = {
    hostname: ['ct1', 'ct1.example.com', 'a b', '-x', 'a.'],
    tty: ['0', '6', '7', '02', 'x'],
    timezone: ['host', 'UTC', 'Europe/Vienna', 'Mars/X'],
    unprivileged: ['1', 'no', 'maybe'],
    features: ['nesting=1', 'nesting=1,keyctl=on', 'nesting', 'x=1'],
    nameserver: ['1.1.1.1', 'fe80::1%eth0', 'fe80::1%1', 'dns'],
    net0: ['name=eth0,ip=dhcp', 'name=eth0,ip=10.0.0.1/24,gw=10.0.0.254', 'name=eth0,gw=10.0.0.1', 'ip=dhcp', 'name=eth0,ip=1.2.3.4/7'],
    net1: ['name=eth1,ip6=auto,gw6=fe80::1', 'name=eth0,ip6=dhcp', 'name=eth1,tag=0', 'name=eth1,,ip=dhcp'],
    arch: ['amd64', 'riscv64', 'mips'],
  };
  const lineArb = fc.oneof(
    ...Object.entries(lines).map(([key, values]) => fc.constantFrom(...values).map((value) => `${key}: ${value}`)),
    fc.constantFrom('lxc.idmap: u 0 100000 65536', 'lxc.bogus: 1', '# note', '', 'garbage'),
  );

  it('holds for generated configs', () => {
    const seed = 20260601;
    console.log(`property seed ${seed}`);
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 8 }), (configLines) => {
        const text = `${configLines.join('\n')}\n`;
        let conf: PctConf;
        try {
          conf = strict(text).conf;
        } catch (err) {
          if (err instanceof ConfigError) return;
          throw err;
        }
        const pve = asPve(text);
        expect(pve.warnings).toEqual([]);
        expect(pve.conf).toEqual(conf);
      }),
      { seed, numRuns: 2000 },
    );
  });
});
