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

const pve8Path = fileURLToPath(new URL('../../../../oracle/base-vectors-pve8.jsonl', import.meta.url));
const pve8Vectors = parseVectors(readFileSync(pve8Path, 'utf8'), pve8Path);

/**
 * Perl walks the config hash in its own order (the recording used Perl 5.36 with
 * PERL_HASH_SEED=0); on PVE 8 the first NIC written into a missing /etc/systemd/network
 * dies, so which NIC a multi-NIC case names depends on that order, which the model (sorted
 * keys) does not reproduce yet.
 */
function dependsOnHashOrder(v: (typeof pve8Vectors)[number]): boolean {
  const nics = v.config.split('\n').filter((line) => /^net\d+:/.test(line)).length;
  return nics > 1 && v.expect!.error !== null && v.expect!.warnings.some((w) => /network|host-managed/.test(w));
}

describe('the PVE 8 model against real Proxmox VE 8 (pve-container 5.3.5)', () => {
  it('reproduces every recorded vector whose outcome does not depend on Perl hash order', () => {
    const result = conform(pve8Vectors.filter((v) => !dependsOnHashOrder(v)), { pve: 8 });
    expect(result.failed.map((f) => `${f.id}: ${f.difference}`)).toEqual([]);
    expect(result.passed).toBeGreaterThan(350);
  });

  it('fails on hash-ordered vectors only in the NIC named first', () => {
    const result = conform(pve8Vectors.filter(dependsOnHashOrder), { pve: 8 });
    for (const f of result.failed) expect(f.difference).toMatch(/^(warnings: .*network|tree: \/etc\/systemd\/network\/)/);
  });

  it('differs from the PVE 9 model where the release table says so', () => {
    const v = pve8Vectors.find((x) => x.id === 's1-hand-30-systemd255-nesting-warning')!;
    expect(conform([v], { pve: 8 }).passed).toBe(1);
    expect(conform([v], { pve: 9 }).failed[0]!.difference).toMatch(/^log_warn:/);
  });
});
