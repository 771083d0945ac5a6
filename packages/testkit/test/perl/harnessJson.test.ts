/**
 * The harness's JSON codecs (perl/lib/Harness/JsonDecode.pm, JsonEncode.pm) run on
 * Cpanel::JSON::XS when it loads and on their pure-Perl code otherwise: both must give the
 * same data (types, UTF-8 flags, numbers) and the same bytes. fixtures/jsonCodecProbe.pl
 * prints both for every line of a corpus (generated case lines as the client sends them,
 * the oracle vectors, lines that are malformed or odd on purpose) and the test compares a
 * run with XS to one with PVECG_HARNESS_PURE_JSON=1. As root it also runs the driver both
 * ways and wants the same result lines, byte for byte. CI installs Cpanel::JSON::XS
 * (scripts/setup.sh): without it the test fails and says why.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseVector } from '../../src/arbitraries/caseRecipe.ts';
import { harnessCase } from '../../src/differential/checkCase.ts';
import { targetArbitrary } from '../../src/differential/runDifferential.ts';
import { differentialSeed } from '../../src/differential/settings.ts';
import { locatePluginModule, target } from '../../src/differential/targets.ts';
import { canRunPerlHarness } from '../../src/perl/PerlHarness.ts';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const PERL_LIB = resolve(REPO, 'packages/testkit/perl/lib');
const DRIVER = resolve(REPO, 'packages/testkit/perl/driver.pl');
const PROBE = fileURLToPath(new URL('fixtures/jsonCodecProbe.pl', import.meta.url));
const XS = 'Cpanel::JSON::XS';

type Codec = 'xs' | 'pure';
const codecEnv = (codec: Codec) => ({ ...process.env, PVECG_HARNESS_PURE_JSON: codec === 'pure' ? '1' : '0' });

/** The probe's lines for a corpus (one JSON text per line), after its first line (which codecs) is checked. */
function probe(corpus: Buffer, codec: Codec): string[] {
  const r = spawnSync('perl', [`-I${PERL_LIB}`, PROBE], { input: corpus, env: codecEnv(codec), maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`jsonCodecProbe.pl (${codec}) failed: ${r.error ?? r.stderr.toString()}`);
  const [implementation, ...lines] = r.stdout.toString('latin1').split('\n');
  if (codec === 'xs' && implementation !== XS) {
    throw new Error(`the harness JSON codecs are not on ${XS} (${implementation}); install libcpanel-json-xs-perl (bash scripts/setup.sh)`);
  }
  if (codec === 'pure') expect(implementation).toBe('pure Perl: PVECG_HARNESS_PURE_JSON is set');
  return lines;
}

/** Both probes over a corpus; the first line where they differ, with the input lines, fails the test. */
function expectSameAnswers(name: string, inputs: Buffer[]): void {
  const corpus = Buffer.concat(inputs.map((l) => Buffer.concat([l, Buffer.from('\n')])));
  const [xs, pure] = [probe(corpus, 'xs'), probe(corpus, 'pure')];
  // two lines (encode, decode) per decodable input, one per refused one, then the built values
  expect(pure.length, `${name}: probe lines`).toBeGreaterThan(inputs.length);
  const at = pure.findIndex((line, i) => line !== xs[i]);
  const detail = at < 0 ? '' : `${name}: probe line ${at + 1} differs\n  pure: ${pure[at]!.slice(0, 300)}\n  xs:   ${(xs[at] ?? '(missing)').slice(0, 300)}`;
  expect(at, detail).toBe(-1);
  expect(xs.length, `${name}: probe lines`).toBe(pure.length);
}

const oracle = (name: string) => resolve(REPO, 'oracle', name);
const jsonLines = (path: string) =>
  readFileSync(path)
    .toString('latin1')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => Buffer.from(l, 'latin1'));

/** Case lines as PerlHarness sends them (compact_tree, so booleans too), from the differential's generator. */
function generatedCases(runs: number): Buffer[] {
  const name = locatePluginModule('Chainguard') ? 'Chainguard' : 'ArchLinux';
  const t = target(name);
  const seed = differentialSeed();
  console.log(`harness JSON corpus: ${runs} generated ${name} cases, seed ${seed} (replay with FC_SEED=${seed})`);
  const ctx = { target: t, perl: undefined as never, pluginDir: locatePluginModule(name)?.pluginDir };
  return fc.sample(targetArbitrary(t), { seed, numRuns: runs }).map((recipe, i) => {
    const c = harnessCase(caseVector(recipe, t.ostype, `json-${i}`), ctx);
    return Buffer.from(JSON.stringify(i % 2 === 0 ? { ...c, compact_tree: true } : c), 'utf8');
  });
}

/**
 * Lines (as bytes, written here in latin1) where the two decoders could part: escapes,
 * surrogates, repeated keys, numbers past 64 bits, a byte order mark, non-ASCII text that
 * flags every string, nesting deeper than XS goes, and malformed lines (the error wording).
 */
const ODD_LINES = [
  '"\\ud800"',
  '["\\udc00x", "\\ud83d\\ude00", "\\ud83d"]',
  '{"a":"\\u0000\\u001f\\"\\\\\\/\\b\\f\\n\\r\\t"}',
  '[1.5e3, -0, 0.0, 1e400, -1e400, 18446744073709551616, -9999999999999999999, 9007199254740993, 0.1, 1E+2, -12]',
  '{"a":1,"a":2}',
  '"\\u2028 \\u00e9"',
  '{"\\u00e9":"x"}',
  '{"\xc3\xa9":"\\u00e9","plain":"ascii","n":[1,"x",{"a":null,"b":true}],"e":""}',
  '{"\xc3\xa9":"\xc3\xa9","plain":"ascii","n":[1,"x",{"a":null,"b":false}],"e":"","\xe2\x82\xac":[{"k":"v"}]}',
  '"\xed\xa0\x80"',
  '"\xf4\x90\x80\x80"',
  '"\xef\xbf\xbe \xf4\x8f\xbf\xbf"',
  '\xef\xbb\xbf{}',
  '[true,false,null]',
  '"plain"',
  '42',
  'null',
  ' [1] ',
  '\t{"a" : [ ] , "b" : { } }\r',
  `${'['.repeat(600)}${']'.repeat(600)}`,
  '"\xff"',
  '"\xc0\xaf"',
  '01',
  '{"a":1} x',
  '{"a" 1}',
  '"\x01"',
  '"\t"',
  '"\x7f"',
  '[1,]',
  '',
  '   ',
  'NaN',
  '[inf]',
  '"\\x"',
  '{"a":1,}',
  '[1 2]',
  '{1:2}',
  '[1]\x00',
  '-',
  '1.',
  '.5',
  '1e',
  '[-]',
  'tru',
  '\x0b[1]',
  `${'['.repeat(600)}`,
].map((l) => Buffer.from(l, 'latin1'));

describe('harness JSON codecs: Cpanel::JSON::XS and the pure-Perl fallback', () => {
  it(`loads ${XS}`, () => {
    probe(Buffer.alloc(0), 'xs');
  });

  it('decode and encode alike on odd and malformed lines', () => {
    expectSameAnswers('odd lines', ODD_LINES);
  });

  it('decode and encode alike on generated case lines and the oracle vectors', () => {
    expectSameAnswers('generated cases', generatedCases(120));
    expectSameAnswers('oracle', [...jsonLines(oracle('base-vectors.jsonl')), ...jsonLines(oracle('base-vectors-pve8.jsonl'))]);
  }, 120_000);

  if (!canRunPerlHarness()) {
    console.warn(`\n!!! SKIPPING the harness JSON driver comparison: the driver chroots and must run as root (uid ${process.getuid?.()}). CI runs as root. !!!\n`);
  }
  it.runIf(canRunPerlHarness())(
    'the driver writes the same result lines with either codec',
    () => {
      const cases = generatedCases(60);
      const input = Buffer.concat(cases.map((l) => Buffer.concat([l, Buffer.from('\n')])));
      const cache = mkdtempSync(join(tmpdir(), 'pvecg-json-cache-'));
      try {
        const run = (codec: Codec) => {
          const env = {
            ...codecEnv(codec),
            PERL_HASH_SEED: '0',
            PERL_PERTURB_KEYS: '0',
            PVECG_HARNESS_IN_PROCESS: '1',
            PVECG_HARNESS_REUSE_SSH_KEYS: '1',
            PVECG_HARNESS_CACHE_DIR: cache,
          };
          const r = spawnSync('perl', [DRIVER], { input, env, maxBuffer: 1 << 30 });
          expect(r.status, `driver (${codec}): ${r.stderr.toString()}`).toBe(0);
          return r.stdout;
        };
        const [xs, pure] = [run('xs'), run('pure')];
        const [xsLines, pureLines] = [xs.toString('latin1').split('\n'), pure.toString('latin1').split('\n')];
        expect(pureLines.length).toBe(cases.length + 1);
        expect(
          pureLines.filter((l) => l.includes('"harness_error"')),
          'cases the driver could not run',
        ).toEqual([]);
        const at = pureLines.findIndex((line, i) => line !== xsLines[i]);
        expect(at, at < 0 ? '' : `result ${at} differs:\n  pure: ${pureLines[at]!.slice(0, 300)}\n  xs:   ${xsLines[at]!.slice(0, 300)}`).toBe(-1);
        expect(xs.equals(pure)).toBe(true);
        // and the codecs alone on result lines
        expectSameAnswers(
          'driver results',
          pureLines.filter((l) => l !== '').map((l) => Buffer.from(l, 'latin1')),
        );
      } finally {
        rmSync(cache, { recursive: true, force: true });
      }
    },
    300_000,
  );
});
