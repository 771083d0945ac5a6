/**
 * The gates every committed Perl module passes: it is a fresh compile of its TS model
 * (golden), `perl -c` with our stubs, a perltidy fixed point, perlcritic -5 clean, thin,
 * shaped like upstream plugins, and it calls only subs that Proxmox's real Base.pm has.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compilePlugin } from '../../src/compile.ts';
import { BASE_PM_SUBS } from '../../src/facts/proxmoxSubs.ts';
import { listPlugins } from '../../src/generate/plugins.ts';
import { GENERATED_DIR, modulePath } from '../../src/repo.ts';
import { perlcritic5All, perlSyntaxCheck, perltidy } from '../helpers/perlTools.ts';

const plugins = listPlugins();
const MAX_LINES = 250;
let critic = new Map<string, string>();
beforeAll(() => {
  critic = perlcritic5All(plugins.map((p) => modulePath(GENERATED_DIR, p.name)));
});

describe.each(plugins.map((p) => [p.name, p] as const))('generated %s.pm', (name, plugin) => {
  const file = modulePath(GENERATED_DIR, name);
  const committed = (): string => readFileSync(file, 'utf8');

  it('is committed and equals a fresh compile of the TS model (golden)', () => {
    const fresh = compilePlugin(plugin.path);
    expect(fresh.diagnostics).toEqual([]);
    expect(committed()).toBe(fresh.perl);
  });

  it('passes perl -c with the stub library', () => {
    const r = perlSyntaxCheck(file);
    expect(r.output).toContain('syntax OK');
    expect(r.ok).toBe(true);
  });

  it('is a perltidy fixed point', () => {
    expect(perltidy(committed())).toBe(committed());
  });

  it('is clean under perlcritic --severity 5', () => {
    expect(critic.get(file)?.trim()).toBe(`${file} source OK`);
  });

  it(`is thin: at most ${MAX_LINES} lines, no tabs, no line over 100 columns`, () => {
    const lines = committed().split('\n');
    expect(lines.length - 1).toBeLessThanOrEqual(MAX_LINES);
    expect(committed()).not.toContain('\t');
    expect(lines.filter((l) => l.length > 100 && !/^\s*#/.test(l))).toEqual([]);
  });

  it('is shaped like an upstream plugin: header, package, use base, constructor, 1;', () => {
    const text = committed();
    expect(text).toMatch(/^# Generated from packages\/core\/src\/plugins\/\w+\.ts\n# by `pnpm exec pve-chainguard generate \w+`/);
    expect(text).toContain(`\npackage PVE::LXC::Setup::${name};\n\nuse strict;\nuse warnings;\n`);
    expect(text).toMatch(/\nuse base qw\(PVE::LXC::Setup::(Base|Plugin)\);\n/);
    expect(text).toMatch(/\nsub new \{\n {4}my \(\$class, \$conf, \$rootdir[^)]*\) = @_;\n[\s\S]*?\n {4}my \$self = \{ conf => \$conf, rootdir => \$rootdir[\s\S]*?\$conf->\{ostype\} = '\w+';\n\n {4}return bless \$self, \$class;\n\}\n/);
    expect(text.endsWith('\n1;\n')).toBe(true);
  });

  it("calls on $self only subs that Proxmox's real Base.pm (or the module itself) defines", () => {
    const text = committed();
    const own = [...text.matchAll(/^sub (\w+) \{/gm)].map((m) => m[1]!);
    const called = [...text.matchAll(/\$self->(?:SUPER::)?(\w+)\(/g)].map((m) => m[1]!);
    const unknown = called.filter((c) => !BASE_PM_SUBS.includes(c) && !own.includes(c));
    expect(unknown).toEqual([]);
  });
});

describe('the committed set', () => {
  it('holds one module per plugin class, Chainguard among them', () => {
    expect(plugins.map((p) => p.name)).toContain('Chainguard');
    expect(plugins.map((p) => p.name)).toContain('ArchLinux');
  });
});
