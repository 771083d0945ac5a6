#!/usr/bin/env -S pnpm exec tsx
// Regenerates packages/core/src/util/perlHash/seed0Values.ts: the 32-bit hash Perl gives each
// key a pct config hash can hold, under PERL_HASH_SEED=0 (the oracle's recorder). Run on a
// Debian 12 machine like the recorder's (perl 5.36.0, SBOX32_WITH_SIPHASH_1_3):
//   pnpm exec tsx packages/core/scripts/gen-perl-hash-values.ts
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allPctKeys } from '../src/config/schema.ts';

const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'util', 'perlHash', 'seed0Values.ts');
// what parse_pct_config and the dispatcher put into the hash besides schema keys
const internal = ['digest', 'snapshots', 'pending', 'description', 'lxc', 'snapstate', 'delete'];
const keys = [...new Set([...internal, ...allPctKeys()])];

const env = { ...process.env, PERL_HASH_SEED: '0', PERL_PERTURB_KEYS: '0' };
const perlV = execFileSync('perl', ['-e', 'printf "%vd", $^V'], { encoding: 'utf8', env });
const out = execFileSync('perl', ['-MHash::Util=hash_value', '-e', 'print join("\\n", map { hash_value($_) } @ARGV)', ...keys], {
  encoding: 'utf8',
  env,
});
const values = out.split('\n').map(Number);
if (values.length !== keys.length || values.some((v) => !Number.isInteger(v))) throw new Error('perl gave no hash values');

const pairs = keys.map((k, i) => `${JSON.stringify(k)}: ${values[i]}`);
const rows: string[] = [];
for (let i = 0; i < pairs.length; i += 6) rows.push(`  ${pairs.slice(i, i + 6).join(', ')},`);
writeFileSync(
  target,
  `// GENERATED FILE - DO NOT EDIT.
// Perl ${perlV}'s hash values (Hash::Util::hash_value) under PERL_HASH_SEED=0 of the ${keys.length} keys a
// pct config hash can hold. Regenerate with: pnpm exec tsx packages/core/scripts/gen-perl-hash-values.ts

export const SEED0_HASH_VALUES: Readonly<Record<string, number>> = {
${rows.join('\n')}
};
`,
);
console.log(`wrote ${target} (${keys.length} keys)`);
