import { describe, expect, it } from 'vitest';
import { Drand48 } from '../../src/util/drand48.ts';

// Expected values printed by perl 5.36 on this machine, e.g.
// perl -e 'srand(0); print join(",", map { int(rand()*59) } 1..12)'
// perl -e 'srand(42); printf("%.17g %.17g\n", rand(), rand())'
const draw = (rng: Drand48, count: number) => Array.from({ length: count }, () => rng.rand());

describe('Drand48', () => {
  it('gives the crontab minutes of oracle README section 7 after srand(0)', () => {
    const rng = new Drand48();
    rng.srand(0);
    const minutes = draw(rng, 12).map((value) => Math.floor(value * 59));
    expect(minutes.slice(0, 6)).toEqual([10, 44, 5, 51, 34, 46]);
    expect(minutes).toEqual([10, 44, 5, 51, 34, 46, 40, 21, 51, 43, 26, 20]);
  });

  it("returns exactly Perl's doubles", () => {
    expect(draw(new Drand48(0), 3)).toEqual([0.17082803610628972, 0.74990198048496381, 0.09637165562356742]);
  });

  it.each([
    [1, 0.041630344771878214, 0.45449244472862915],
    [42, 0.74452500006100664, 0.34270147871890799],
    [4294967295, 0.30002572744070122, 0.045311516241298477],
    [123456789, 0.05246846687896678, 0.025444216651038687],
  ])('srand(%d) starts the sequence Perl starts', (seed, first, second) => {
    expect(draw(new Drand48(seed), 2)).toEqual([first, second]);
  });

  it('reads seeds the way Perl does: 32 bits, sign and fraction dropped', () => {
    const firstTwo = (seed: number) => draw(new Drand48(seed), 2);
    expect(firstTwo(2 ** 32)).toEqual(firstTwo(0));
    expect(firstTwo(2 ** 32 + 1)).toEqual(firstTwo(1));
    expect(firstTwo(-1)).toEqual(firstTwo(1));
    expect(firstTwo(1.9)).toEqual(firstTwo(1));
  });

  it('restarts the sequence on every srand, as Base relies on per step', () => {
    const rng = new Drand48(0);
    const first = draw(rng, 5);
    rng.srand(0);
    expect(draw(rng, 5)).toEqual(first);
  });
});
