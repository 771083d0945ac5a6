/**
 * The order `keys %hash` walks a fresh Perl 5.36 hash in, under PERL_HASH_SEED=0 and
 * PERL_PERTURB_KEYS=0 (how the oracle was recorded). Proxmox's setup_systemd_networkd
 * walks the config hash; on PVE 8 the first NIC written into a missing directory dies, so
 * which one comes first shows in the recording.
 *
 * What the simulation holds to, found by comparing with perl itself (see the test): a new
 * key goes to the head of its bucket's chain; the table (8 buckets at first) doubles when a
 * key lands in a non-empty bucket and keys + keys/2 exceed the highest bucket index; a
 * doubling moves the entries whose next hash bit is set to the upper bucket, each to the
 * head of its new chain; iteration visits bucket (i XOR R) for i = 0, 1, … with the
 * per-hash constant R below, each chain head first.
 */
import { SEED0_HASH_VALUES } from './seed0Values.ts';

/** The low bits of the iteration randomiser under seed 0 (enough for 1,024 buckets). */
const ITER_XOR = 0x17f;

/**
 * The keys in Perl's iteration order after inserting `inserted` in that order (repeats
 * ignored), or undefined when a key's hash value is not in the table.
 */
export function perlHashOrder(inserted: readonly string[]): string[] | undefined {
  let max = 7;
  let buckets: string[][] = Array.from({ length: 8 }, () => []);
  const seen = new Set<string>();
  for (const key of inserted) {
    if (seen.has(key)) continue;
    const hash = SEED0_HASH_VALUES[key];
    if (hash === undefined || !Object.hasOwn(SEED0_HASH_VALUES, key)) return undefined;
    seen.add(key);
    const chain = buckets[hash & max]!;
    const collided = chain.length > 0;
    chain.unshift(key);
    const n = seen.size;
    if (collided && n + (n >> 1) > max) {
      buckets = split(buckets, max + 1);
      max = max * 2 + 1;
    }
  }
  const order: string[] = [];
  for (let i = 0; i <= max; i++) order.push(...buckets[(i ^ ITER_XOR) & max]!);
  return order;
}

function split(buckets: string[][], oldSize: number): string[][] {
  const grown = [...buckets.map((chain) => [...chain]), ...Array.from({ length: oldSize }, (): string[] => [])];
  for (let i = 0; i < oldSize; i++) {
    const keep: string[] = [];
    for (const key of buckets[i]!) {
      if ((SEED0_HASH_VALUES[key]! & oldSize) !== 0) grown[i + oldSize]!.unshift(key);
      else keep.push(key);
    }
    grown[i] = keep;
  }
  return grown;
}
