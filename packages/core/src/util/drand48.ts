/**
 * Perl's built-in `rand()`/`srand()`: FreeBSD's drand48, the same on every platform
 * (perl >= 5.20). Base's crontab randomisation is the only consumer; the model takes an
 * instance as a parameter so runs stay deterministic.
 */
const MULTIPLIER = 0x5deece66dn;
const INCREMENT = 0xbn;
const STATE_MASK = (1n << 48n) - 1n;
const LOW_SEED_BITS = 0x330en;
const UV_MAX = (1n << 64n) - 1n;

export class Drand48 {
  private state: bigint;

  constructor(seed = 0) {
    this.state = 0n;
    this.srand(seed);
  }

  /**
   * Perl's `srand(seed)`: the seed is read as an unsigned integer (sign and fraction
   * dropped, values past 2**64 saturate) and cut to 32 bits; state = seed << 16 | 0x330E.
   */
  srand(seed: number): void {
    if (!Number.isFinite(seed)) throw new RangeError(`srand: seed must be finite, got ${seed}`);
    let unsigned = BigInt(Math.trunc(Math.abs(seed)));
    if (unsigned > UV_MAX) unsigned = UV_MAX;
    this.state = ((unsigned & 0xffffffffn) << 16n) | LOW_SEED_BITS;
  }

  /** Perl's `rand()`: the next state divided by 2**48, in [0, 1). */
  rand(): number {
    this.state = (MULTIPLIER * this.state + INCREMENT) & STATE_MASK;
    return Number(this.state) / 2 ** 48;
  }
}
