import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkAll } from '../../src/generate/checkAll.ts';
import { generateAll } from '../../src/generate/generateAll.ts';
import { BASE_SOURCE, GENERATED_DIR, HARNESS_GENERATED_DIR, modulePath, PLUGINS_DIR } from '../../src/repo.ts';

const temps: string[] = [];
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'perlgen-check-'));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('checkAll', () => {
  it('passes on the committed modules', () => {
    const r = checkAll();
    expect(r.diagnostics).toEqual([]);
    expect(r.diffs).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('reports a unified diff after an edit to a committed module', () => {
    const dir = temp();
    cpSync(GENERATED_DIR, dir, { recursive: true });
    const file = modulePath(dir, 'ArchLinux');
    writeFileSync(file, readFileSync(file, 'utf8').replace("'archlinux'", "'arch'"));
    const r = checkAll({ dir });
    expect(r.ok).toBe(false);
    expect(r.diffs).toHaveLength(1);
    expect(r.diffs[0]).toContain("-    $conf->{ostype} = 'arch';");
    expect(r.diffs[0]).toContain("+    $conf->{ostype} = 'archlinux';");
  });

  it('reports a diff after an edit to the TS model', () => {
    const plugins = temp();
    cpSync(PLUGINS_DIR, plugins, { recursive: true });
    // The copy must resolve '../base/Base.ts' etc. only by name: the compiler reads syntax.
    const file = join(plugins, 'NixOS.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace("conf.ostype = 'nixos';", "conf.ostype = 'nix';"));
    const r = checkAll({ pluginsDir: plugins });
    expect(r.ok).toBe(false);
    expect(r.diffs.join('\n')).toContain("+    $conf->{ostype} = 'nix';");
  });

  it("checks the harness's generated Base: an edit to it is a difference", () => {
    expect(checkAll().checked).toContain(modulePath(HARNESS_GENERATED_DIR, 'Base'));
    const baseDir = temp();
    cpSync(HARNESS_GENERATED_DIR, baseDir, { recursive: true });
    const file = modulePath(baseDir, 'Base');
    writeFileSync(file, readFileSync(file, 'utf8').replace("'/fastboot', ''", "'/fastboot', 'x'"));
    const r = checkAll({ baseDir });
    expect(r.ok).toBe(false);
    expect(r.diffs).toHaveLength(1);
    expect(r.diffs[0]).toContain("+    $self->ct_file_set_contents('/fastboot', '');");
  });

  it('reports a diff after an edit to the Base model', () => {
    // the whole base/ folder: Base's sibling modules (networkdUnit.ts) are read beside it
    const dir = join(temp(), 'base');
    cpSync(dirname(BASE_SOURCE), dir, { recursive: true });
    const source = join(dir, 'Base.ts');
    writeFileSync(source, readFileSync(BASE_SOURCE, 'utf8').replace("return perlTrue(conf.unprivileged) ? '' : 'lxc/';", "return 'lxc/';"));
    const r = checkAll({ baseSource: source });
    expect(r.diagnostics).toEqual([]);
    expect(r.ok).toBe(false);
    expect(r.diffs.join('\n')).toContain("+    return 'lxc/';");
  });

  it('reports a module without a TS source and a source without a module', () => {
    const dir = temp();
    cpSync(GENERATED_DIR, dir, { recursive: true });
    writeFileSync(modulePath(dir, 'Gone'), '1;\n');
    rmSync(modulePath(dir, 'Unmanaged'));
    const r = checkAll({ dir });
    expect(r.diffs.some((d) => d.includes('Gone.pm') && d.includes('-1;'))).toBe(true);
    expect(r.diffs.some((d) => d.includes('Unmanaged.pm') && d.includes('+package PVE::LXC::Setup::Unmanaged;'))).toBe(true);
  });
});

describe('generateAll', () => {
  it('writes every module under the output folder, byte-equal to the committed ones', () => {
    const out = temp();
    const r = generateAll({ outDir: out });
    expect(r.diagnostics).toEqual([]);
    expect(r.written.length).toBeGreaterThanOrEqual(4);
    for (const name of ['ArchLinux', 'Chainguard', 'NixOS', 'Unmanaged']) {
      expect(readFileSync(modulePath(out, name), 'utf8')).toBe(readFileSync(modulePath(GENERATED_DIR, name), 'utf8'));
    }
    // the harness's Base goes below <out>/harness, equal to the committed one
    const base = modulePath(join(out, 'harness'), 'Base');
    expect(r.written).toContain(base);
    expect(readFileSync(base, 'utf8')).toBe(readFileSync(modulePath(HARNESS_GENERATED_DIR, 'Base'), 'utf8'));
  });

  it('writes the Base only when every plugin is compiled', () => {
    const out = temp();
    const r = generateAll({ outDir: out, plugins: ['NixOS'] });
    expect(r.written).toEqual([modulePath(out, 'NixOS')]);
  });

  it('writes nothing when a plugin does not compile', () => {
    const plugins = temp();
    const out = temp();
    cpSync(PLUGINS_DIR, plugins, { recursive: true });
    const file = join(plugins, 'ArchLinux.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace('this.setupSecuretty(conf);', 'const bad = 1.5;'));
    const r = generateAll({ outDir: out, pluginsDir: plugins });
    expect(r.written).toEqual([]);
    expect(r.diagnostics[0]?.message).toBe('only integer literals (floats print differently in Perl)');
  });
});
