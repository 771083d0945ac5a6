/**
 * The differential must fail, with a shrunk counterexample, for a Perl module that differs
 * from the model in one line: a copy of the generated module (or, without one, the
 * harness's ArchLinux plugin) with a DHCP flag string or a preset unit name changed.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBrokenModule } from '../../src/differential/breakModule.ts';
import { HarnessPool } from '../../src/differential/HarnessPool.ts';
import { describeVerdict } from '../../src/differential/report.ts';
import { runDifferential } from '../../src/differential/runDifferential.ts';
import { differentialSeed } from '../../src/differential/settings.ts';
import { locatePluginModule, target } from '../../src/differential/targets.ts';
import { canRunPerlHarness } from '../../src/perl/PerlHarness.ts';

const name = locatePluginModule('Chainguard') ? 'Chainguard' : 'ArchLinux';
const module = locatePluginModule(name);

describe.runIf(canRunPerlHarness() && module !== undefined)(`a broken copy of ${name}.pm`, () => {
  let pool: HarnessPool;
  let broken: ReturnType<typeof writeBrokenModule>;

  beforeAll(() => {
    pool = new HarnessPool(2);
    broken = writeBrokenModule(module!.path, name);
  });

  afterAll(async () => {
    await pool.close();
    rmSync(broken.pluginDir, { recursive: true, force: true });
  });

  it(
    'fails the differential; fc.check shrinks the failing case to a counterexample',
    async () => {
      const seed = differentialSeed();
      const report = await runDifferential({
        target: target(name),
        perl: pool,
        pluginDir: broken.pluginDir,
        seed,
        numRuns: 600,
        maxFailures: 1,
        kinds: ['differential'],
      });
      console.log(`broken ${name}.pm (${broken.breakage.what}): first failure at case #${report.failed[0]?.index} of seed ${seed}`);

      expect(report.failed.length).toBeGreaterThan(0);
      const shrunk = report.shrunk!;
      expect(shrunk.details.failed).toBe(true);
      expect(shrunk.details.counterexample).not.toBeNull();
      expect(shrunk.verdict.problems.map((p) => p.kind)).toContain('differential');
      // the report's tree diff shows what the broken line wrote
      expect(describeVerdict(shrunk.verdict)).toContain(broken.breakage.shows);
    },
    10 * 60_000,
  );
});
