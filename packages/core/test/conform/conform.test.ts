import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { conform, parseVectors } from '../../src/conform/conform.ts';

const vectorsPath =
  process.env.PVE_ORACLE_VECTORS ??
  fileURLToPath(new URL('../../../../oracle/base-vectors.jsonl', import.meta.url));
const vectors = parseVectors(readFileSync(vectorsPath, 'utf8'), vectorsPath);

describe('the model against real Proxmox (oracle/)', () => {
  it('reproduces all 400 recorded vectors', () => {
    const result = conform(vectors);
    expect(result.failed.map((f) => `${f.id}: ${f.difference}`)).toEqual([]);
    expect(result.passed).toBe(400);
  });

  it('reports a vector whose recorded tree differs, naming the vector and the path', () => {
    const v = structuredClone(vectors.find((x) => x.id === 's1-hand-01-dhcp-both')!);
    const unit = v.expect!.tree.find((e) => e.path === '/etc/systemd/network/eth0.network')!;
    unit.content = unit.content!.replace('DHCP = yes', 'DHCP = ipv4');
    const result = conform([v]);
    expect(result.passed).toBe(0);
    expect(result.failed[0]!.id).toBe('s1-hand-01-dhcp-both');
    expect(result.failed[0]!.difference).toContain('/etc/systemd/network/eth0.network');
  });

  it('reports a changed warning', () => {
    const v = structuredClone(vectors.find((x) => x.id === 's1-hand-24-wolfi-undetectable')!);
    v.expect!.warnings = [];
    expect(conform([v]).failed[0]!.difference).toMatch(/^warnings:/);
  });
});
