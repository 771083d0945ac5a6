import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { BASE_PM_SUBS, PARENT_CLASSES, PLUGIN_PM_SUBS } from '../../src/facts/proxmoxSubs.ts';
import { BASE_METHODS } from '../../src/lower/mapping/baseMethods.ts';
import { snakeCase } from '../../src/lower/naming.ts';
import { REPO_ROOT } from '../../src/repo.ts';
import { errorOf } from '../helpers/compileSnippet.ts';

/** Public methods of the TS model's Base classes (the mirrors of Base.pm). */
function modelMethods(): string[] {
  const project = new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true });
  const names: string[] = [];
  for (const file of ['base/Plugin.ts', 'base/CtHelpers.ts', 'base/Base.ts']) {
    const path = resolve(REPO_ROOT, 'packages/core/src', file);
    const sf = project.createSourceFile(file, readFileSync(path, 'utf8'));
    for (const cls of sf.getClasses()) {
      for (const m of cls.getMethods()) {
        if (m.getScope() === 'private') continue;
        names.push(m.getName());
      }
    }
  }
  return [...new Set(names)];
}

describe('the facts about Proxmox Base.pm and Plugin.pm', () => {
  it('every Base helper signature in the mapping table is a real Base.pm sub', () => {
    for (const name of Object.keys(BASE_METHODS)) {
      expect(PARENT_CLASSES.Base!.subs.has(snakeCase(name)), name).toBe(true);
    }
  });

  it('Plugin.pm subs are all inherited by Base', () => {
    for (const sub of PLUGIN_PM_SUBS) expect(BASE_PM_SUBS).toContain(sub);
  });

  it('every public method of the TS model that mirrors a Base.pm sub has a signature row', () => {
    const missing = modelMethods().filter((m) => BASE_PM_SUBS.includes(snakeCase(m)) && !BASE_METHODS[m]);
    expect(missing).toEqual([]);
  });

  it('a helper that exists only in the TS model is a compile error, not a call into nothing', () => {
    const modelOnly = modelMethods().filter((m) => !BASE_PM_SUBS.includes(snakeCase(m)));
    // The model may add nothing to Base; probe with a private helper of Base.ts as well.
    for (const name of [...modelOnly, 'systemdUnitDir']) {
      expect(errorOf(`this.${name}();`), name).toContain("is not a sub of Proxmox's Base.pm");
    }
  });
});
