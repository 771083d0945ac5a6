/**
 * The lint guard-rails hold: the import-cycle rule really resolves our `.ts` relative imports
 * and the @pve-chainguard/* packages (a planted cycle is reported, an unresolvable import is
 * an error rather than a silent pass), max-lines counts every line like `wc -l`, and every
 * file exempt as generated data is listed in one place and carries the marker.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const FIXTURES = resolve(ROOT, 'packages/testkit/test/repo/lint-fixtures');
const generated = JSON.parse(readFileSync(resolve(ROOT, 'scripts/lint/generated-data.json'), 'utf8')) as {
  marker: string;
  files: string[];
};

// ignore: false lints the planted fixtures that `eslint .` skips.
const eslint = new ESLint({ cwd: ROOT, ignore: false });

async function ruleIds(text: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}:${m.line}`);
}

describe('the ESLint configuration', () => {
  it('reports the planted cycle through `.ts` relative imports, on both files', async () => {
    const results = await eslint.lintFiles([resolve(FIXTURES, 'cycleA.ts'), resolve(FIXTURES, 'cycleB.ts')]);
    expect(results.map((r) => r.messages.map((m) => m.ruleId))).toEqual([['import-x/no-cycle'], ['import-x/no-cycle']]);
  });

  it('resolves a workspace package and fails on an import it cannot resolve', async () => {
    const file = resolve(FIXTURES, 'probe.ts');
    const ok = "import { parseOsRelease } from '@pve-chainguard/core';\nexport const probe = parseOsRelease;\n";
    expect(await ruleIds(ok, file)).toEqual([]);
    const missing = "import { nothing } from './doesNotExist.ts';\nexport const probe = nothing;\n";
    expect(await ruleIds(missing, file)).toEqual(['import-x/no-unresolved:1']);
    const noPackage = "import { nothing } from '@pve-chainguard/no-such-package';\nexport const probe = nothing;\n";
    expect(await ruleIds(noPackage, file)).toEqual(['import-x/no-unresolved:1']);
  });

  it('counts blank and comment lines toward the 300-line limit', async () => {
    const file = resolve(FIXTURES, 'long.ts');
    const body = (n: number) => ['export const x = 1;', ...Array.from({ length: n - 1 }, (_, i) => (i % 2 ? '' : '// c'))].join('\n');
    expect(await ruleIds(`${body(300)}\n`, file)).toEqual([]);
    expect(await ruleIds(`${body(301)}\n`, file)).toEqual(['max-lines:301']);
  });

  it('exempts exactly the listed generated files, each of which carries the marker', async () => {
    expect(generated.files.length).toBeGreaterThan(0);
    for (const file of generated.files) {
      const text = readFileSync(resolve(ROOT, file), 'utf8');
      expect(text.split('\n')[0], file).toBe(generated.marker);
      expect(await ruleIds(`${generated.marker}\n${'\n'.repeat(400)}export const x = 1;\n`, resolve(ROOT, file))).toEqual([]);
    }
  });

  it('keeps the generated files out of Prettier too', () => {
    const ignored = readFileSync(resolve(ROOT, '.prettierignore'), 'utf8').split('\n');
    for (const file of generated.files) expect(ignored, file).toContain(file);
  });
});
