import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { perlHashOrder } from '../../../src/util/perlHash/perlHashOrder.ts';
import { SEED0_HASH_VALUES } from '../../../src/util/perlHash/seed0Values.ts';

const KEYS = Object.keys(SEED0_HASH_VALUES);
const SEED0 = { ...process.env, PERL_HASH_SEED: '0', PERL_PERTURB_KEYS: '0' };

function perlAvailable(): boolean {
  try {
    return execFileSync('perl', ['-e', 'printf "%vd", $^V'], { encoding: 'utf8' }) === '5.36.0';
  } catch {
    return false;
  }
}

/** `keys` of a fresh anonymous hash filled in the given order, per line, by perl itself. */
function perlOrders(sets: string[][]): string[][] {
  const script = 'while (my $l = <STDIN>) { chomp $l; my $h = {}; $h->{$_} = 1 for split / /, $l; print join(" ", keys %$h), "\\n" }';
  const out = execFileSync('perl', ['-e', script], { input: sets.map((s) => `${s.join(' ')}\n`).join(''), encoding: 'utf8', env: SEED0 });
  return out
    .split('\n')
    .slice(0, sets.length)
    .map((line) => (line === '' ? [] : line.split(' ')));
}

describe('perlHashOrder (Perl 5.36, PERL_HASH_SEED=0)', () => {
  it('knows the hash value of every key it is given, and nothing else', () => {
    expect(perlHashOrder(['net0', 'no-such-key'])).toBeUndefined();
    expect(perlHashOrder(['net0', 'toString'])).toBeUndefined();
  });

  it.runIf(perlAvailable())('walks config-like hashes (1-400 keys, repeats) as perl does', () => {
    const sets = fc.sample(fc.array(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 400 }), 300);
    const expected = perlOrders(sets);
    sets.forEach((set, i) => expect(perlHashOrder(set), set.join(' ')).toEqual(expected[i]));
  });

  it.runIf(perlAvailable())('has the hash values perl computes now', () => {
    const sample = fc.sample(fc.constantFrom(...KEYS), 50);
    const out = execFileSync('perl', ['-MHash::Util=hash_value', '-e', 'print join("\\n", map { hash_value($_) } @ARGV)', ...sample], {
      encoding: 'utf8',
      env: SEED0,
    });
    expect(out.split('\n').map(Number)).toEqual(sample.map((k) => SEED0_HASH_VALUES[k]));
  });
});
