/**
 * The harness's in-process mode (what the differential uses for speed) gives the results a
 * forked process per case gives, on generated cases, also when cases with
 * and without a plugin_dir alternate (modules loaded for one must not serve the other).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { caseVector } from '../../src/arbitraries/caseRecipe.ts';
import { harnessCase } from '../../src/differential/checkCase.ts';
import { HarnessPool } from '../../src/differential/HarnessPool.ts';
import { writeBrokenModule } from '../../src/differential/breakModule.ts';
import { targetArbitrary } from '../../src/differential/runDifferential.ts';
import { differentialSeed } from '../../src/differential/settings.ts';
import { locatePluginModule, target } from '../../src/differential/targets.ts';
import { canRunPerlHarness } from '../../src/perl/PerlHarness.ts';
import { stripPerlLocation } from '../../src/perl/compareResult.ts';
import type { HarnessResult } from '../../src/perl/types.ts';
import { rmSync } from 'node:fs';

/** Results modulo what legitimately differs: Perl hash order of SSH key lines, location suffixes. */
function comparable(r: HarnessResult) {
  return {
    ...r,
    stdout: r.stdout.split('\n').sort(),
    warnings: r.warnings.map(stripPerlLocation),
    error: r.error && { ...r.error, message: stripPerlLocation(r.error.message) },
  };
}

describe.runIf(canRunPerlHarness())('in-process harness mode', () => {
  let forked: HarnessPool;
  let inProcess: HarnessPool;
  beforeAll(() => {
    forked = new HarnessPool(1, { inProcess: false });
    inProcess = new HarnessPool(1, { inProcess: true });
  });
  afterAll(async () => {
    await Promise.all([forked.close(), inProcess.close()]);
  });

  // the primary plugin: Chainguard once generated (ArchLinux runs the same driver code)
  for (const name of [locatePluginModule('Chainguard') ? 'Chainguard' : 'ArchLinux']) {
    const module = locatePluginModule(name);
    it.runIf(module !== undefined)(
      `gives the forked results for 30 generated ${name} cases, plugin_dir alternating`,
      async () => {
        const t = target(name);
        const broken = writeBrokenModule(module!.path, name);
        onTestFinished(() => rmSync(broken.pluginDir, { recursive: true, force: true }));
        const recipes = fc.sample(targetArbitrary(t), { seed: differentialSeed(), numRuns: 30 });
        const cases = recipes.map((r, i) => {
          // every third case from another plugin directory (a broken copy: results differ)
          const pluginDir = i % 3 === 2 ? broken.pluginDir : module!.pluginDir;
          return harnessCase(caseVector(r, t.ostype, `mode-${i}`), { target: t, perl: forked, pluginDir });
        });
        const [a, b] = await Promise.all([Promise.all(cases.map((c) => forked.run(c))), Promise.all(cases.map((c) => inProcess.run(c)))]);
        for (let i = 0; i < cases.length; i++) expect(comparable(b[i]!), `case ${i}`).toEqual(comparable(a[i]!));

        // a case the broken copy gets wrong: normal, broken, normal again in one process
        let found = false;
        for (const [i, r] of fc.sample(targetArbitrary(t), { seed: differentialSeed() + 1, numRuns: 300 }).entries()) {
          const vector = caseVector(r, t.ostype, `switch-${i}`);
          const normal = harnessCase(vector, { target: t, perl: forked, pluginDir: module!.pluginDir });
          const wrong = harnessCase(vector, { target: t, perl: forked, pluginDir: broken.pluginDir });
          const [want, bad] = [comparable(await forked.run(normal)), comparable(await forked.run(wrong))];
          if (JSON.stringify(want) === JSON.stringify(bad)) continue;
          expect(comparable(await inProcess.run(normal))).toEqual(want);
          expect(comparable(await inProcess.run(wrong))).toEqual(bad);
          expect(comparable(await inProcess.run(normal))).toEqual(want);
          found = true;
          break;
        }
        expect(found).toBe(true);
      },
      5 * 60_000,
    );
  }
});
