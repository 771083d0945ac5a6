/** Model outcome against Perl result: what counts as equal and what is reported. */
import { describe, expect, it } from 'vitest';
import type { Outcome } from '@pve-chainguard/core';
import { outcomeDifference } from '../../src/differential/compareOutcomes.ts';
import type { HarnessResult } from '../../src/perl/types.ts';

function result(extra: Partial<Outcome> = {}): Outcome {
  return {
    ostype: 'chainguard',
    arch: 'amd64',
    os_release: { ID: 'wolfi', NAME: 'Wolfi' },
    error: null,
    steps_completed: 1,
    warnings: [],
    log_warn: [],
    stdout: '',
    stderr: '',
    tree: [{ path: '/etc', type: 'dir', mode: '0755', uid: 0, gid: 0 }],
    outside: [],
    ...extra,
  };
}
const perl = (extra: Partial<Outcome> = {}) => result(extra) as HarnessResult;

describe('outcomeDifference', () => {
  it('treats equal outcomes as equal, whatever the key order of os_release', () => {
    expect(outcomeDifference(perl({ os_release: { NAME: 'Wolfi', ID: 'wolfi' } }), result())).toBeUndefined();
  });

  it("compares warnings and errors without Perl's location suffix", () => {
    const w = 'Use of uninitialized value $file in -l';
    expect(
      outcomeDifference(
        perl({ warnings: [`${w} at PVE/LXC/Setup/Base.pm line 12, <$fh> line 3.\n`], error: { at: 0, message: 'x at A.pm line 1.\n' } }),
        result({ warnings: [`${w} at PVE/LXC/Setup/Base.pm line 496.\n`], error: { at: 0, message: 'x\n' } }),
      ),
    ).toBeUndefined();
    expect(outcomeDifference(perl({ warnings: ['a\n'] }), result({ warnings: ['b\n'] }))).toBe('warnings[0]: perl "a\\n", model "b\\n"');
  });

  it('compares SSH key progress lines of stdout as a set', () => {
    const a = "Creating SSH host key 'x' - this may take some time ...\ndone: <fingerprint> root@ct\n";
    const b = "Creating SSH host key 'y' - this may take some time ...\ndone: <fingerprint> root@ct\n";
    expect(outcomeDifference(perl({ stdout: a + b }), result({ stdout: b + a }))).toBeUndefined();
  });

  it('reports tree differences in mode, owner, content and link target byte for byte', () => {
    const file = { path: '/etc/hosts', type: 'file' as const, mode: '0644', uid: 0, gid: 0, content: 'a\n' };
    expect(outcomeDifference(perl({ tree: [file] }), result({ tree: [{ ...file, mode: '0600' }] }))).toMatch(/mode: expected 0644, got 0600/);
    expect(outcomeDifference(perl({ tree: [file] }), result({ tree: [{ ...file, uid: 100000 }] }))).toMatch(/uid: expected 0, got 100000/);
    expect(outcomeDifference(perl({ tree: [file] }), result({ tree: [{ ...file, content: 'a' }] }))).toMatch(/content differs/);
    const link = { path: '/l', type: 'symlink' as const, target: 'a' };
    expect(outcomeDifference(perl({ tree: [link] }), result({ tree: [{ ...link, target: 'b' }] }))).toMatch(/target: expected "a", got "b"/);
    expect(outcomeDifference(perl({ ostype: 'archlinux' }), result())).toBe('ostype: perl "archlinux", model "chainguard"');
  });

  it('reports os_release and stdout differences past the cheap equality checks', () => {
    expect(outcomeDifference(perl({ os_release: { ID: 'wolfi', NAME: 'Wolfi', X: '1' } }), result())).toMatch(/^os_release: perl .*"X":"1"/);
    expect(outcomeDifference(perl({ os_release: { ID: 'wolfi', NAMES: 'Wolfi' } }), result())).toMatch(/^os_release: /);
    expect(outcomeDifference(perl({ os_release: { ID: 'wolfi', NAME: 'wolfi' } }), result())).toMatch(/^os_release: /);
    expect(outcomeDifference(perl({ stdout: 'a\n' }), result({ stdout: 'b\n' }))).toBe('stdout: perl "a\\n", model "b\\n"');
  });

  it('reports each field of a tree entry, and a missing or extra entry', () => {
    const file = { path: '/etc/hosts', type: 'file' as const, mode: '0644', uid: 0, gid: 0, content: 'a\n' };
    const tree = (entry: object) => [result().tree[0]!, entry] as Outcome['tree'];
    const differ = (model: object) => outcomeDifference(perl({ tree: tree(file) }), result({ tree: tree(model) }));
    expect(differ(file)).toBeUndefined();
    expect(differ({ ...file, gid: 42 })).toMatch(/gid: expected 0, got 42/);
    expect(differ({ ...file, content: 'b\n' })).toMatch(/content differs/);
    expect(differ({ path: '/etc/hosts', type: 'dir', mode: '0644', uid: 0, gid: 0 })).toMatch(/type: expected file/);
    expect(outcomeDifference(perl({ tree: tree(file) }), result())).toMatch(/\/etc\/hosts: expected file .*, missing/);
    expect(outcomeDifference(perl(), result({ tree: tree(file) }))).toMatch(/\/etc\/hosts: unexpected file/);
    expect(outcomeDifference(perl({ outside: [file] }), result())).toMatch(/^outside .*missing/);
  });
});
