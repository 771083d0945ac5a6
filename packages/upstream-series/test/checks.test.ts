import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { perlCheck } from '../src/checks/perlCheck.ts';
import { tidyCheck } from '../src/checks/tidyCheck.ts';
import { tidyDriftNotes } from '../src/checks/tidyDrift.ts';
import { upstreamModule } from '../src/series/module.ts';
import { gitEnv, gitIn } from './fixture/syntheticRepo.ts';

const tmp = mkdtempSync(join(tmpdir(), 'upstream-checks-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const put = (path: string, text: string) => {
  mkdirSync(join(tmp, path, '..'), { recursive: true });
  writeFileSync(join(tmp, path), text);
};

describe('the checks find what they are for', () => {
  it('perl -c passes the module with stubbed PVE modules, and fails a syntax error or a missing plugin', () => {
    put('src/PVE/LXC/Setup/Chainguard.pm', upstreamModule());
    for (const m of ['Config', 'Tools', 'Setup/Base']) put(`src/PVE/LXC/${m}.pm`, `package PVE::LXC::${m.replace('/', '::')};\n1;\n`);
    expect(perlCheck(tmp, ['src/PVE/LXC/Setup/Chainguard.pm'], join(tmp, 'stubs'))).toEqual([]);
    put('src/PVE/LXC/Broken.pm', 'package PVE::LXC::Broken;\nuse strict;\nsub x { return $undeclared; }\n1;\n');
    expect(perlCheck(tmp, ['src/PVE/LXC/Broken.pm'], join(tmp, 'stubs'))[0]).toMatch(/Global symbol "\$undeclared" requires explicit package name/);
    put('src/PVE/LXC/Uses.pm', 'package PVE::LXC::Uses;\nuse PVE::LXC::Setup::Missing;\n1;\n');
    expect(perlCheck(tmp, ['src/PVE/LXC/Uses.pm'], join(tmp, 'stubs'))[0]).toMatch(/PVE\/LXC\/Setup\/Missing\.pm is used but not in the checkout/);
  });

  it('perltidy: the module is a fixed point, a re-indented copy is not', () => {
    put('m.pm', upstreamModule());
    expect(tidyCheck(join(tmp, 'm.pm'), 'm.pm')).toEqual([]);
    put('bad.pm', upstreamModule().replace(/^ {4}(?=\S)/m, '  '));
    expect(tidyCheck(join(tmp, 'bad.pm'), 'bad.pm')[0]).toMatch(/bad\.pm is not a fixed point of perltidy/);
  });

  it('perltidy drift: a note only when an edit gives perltidy more to change than the base had', () => {
    const repo = join(tmp, 'drift');
    const scratch = join(tmp, 'drift-scratch');
    mkdirSync(repo);
    mkdirSync(scratch);
    const env = gitEnv(tmp);
    const commit = (text: string) => {
      writeFileSync(join(repo, 'a.pm'), text);
      gitIn(repo, env, 'add', 'a.pm');
      gitIn(repo, env, 'commit', '-q', '-m', 'step');
    };
    gitIn(repo, env, 'init', '-q');
    const base = 'sub f {\n    return 1;\n}\n';
    commit(base);
    commit(`${base}\nsub g {\n    return 2;\n}\n`);
    expect(tidyDriftNotes(repo, 'HEAD~1', ['a.pm'], scratch)).toEqual([]);
    commit(`${base}\nsub g {\n  return 2;\n}\n`);
    expect(tidyDriftNotes(repo, 'HEAD~2', ['a.pm'], scratch)).toEqual(['a.pm: perltidy would re-wrap 1 more line(s) after the edits']);
  });
});
