import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { conform, parseVectors } from '../../src/conform/conform.ts';

const vectorsPath = process.env.PVE_ORACLE_VECTORS ?? fileURLToPath(new URL('../../../../oracle/base-vectors.jsonl', import.meta.url));
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

const pve8Path = fileURLToPath(new URL('../../../../oracle/base-vectors-pve8.jsonl', import.meta.url));
const pve8Vectors = parseVectors(readFileSync(pve8Path, 'utf8'), pve8Path);

describe('the PVE 8 model against real Proxmox VE 8 (pve-container 5.3.5)', () => {
  it('reproduces all 400 recorded vectors', () => {
    const result = conform(pve8Vectors, { pve: 8 });
    expect(result.failed.map((f) => `${f.id}: ${f.difference}`)).toEqual([]);
    expect(result.passed).toBe(400);
  });

  it('differs from the PVE 9 model where the release table says so', () => {
    const v = pve8Vectors.find((x) => x.id === 's1-hand-30-systemd255-nesting-warning')!;
    expect(conform([v], { pve: 8 }).passed).toBe(1);
    expect(conform([v], { pve: 9 }).failed[0]!.difference).toMatch(/^log_warn:/);
  });
});
