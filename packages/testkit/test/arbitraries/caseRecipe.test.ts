/**
 * Whole cases: recorded recipes shrink without generation context (what lets fast-check
 * shrink a failing sample handed over as an example), rendered trees follow the entry-list
 * rules of oracle/README.md §4, escaping symlinks point at files outside the rootfs,
 * and the mutations the brief lists all occur.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseRecipe, caseVector } from '../../src/arbitraries/caseRecipe.ts';
import { MARKERS } from '../../src/arbitraries/rootfs/rootfsRecipe.ts';
import { baseNames } from '../../src/differential/targets.ts';

const arb = caseRecipe({
  bases: baseNames(),
  osIds: ['wolfi', 'chainguard', 'arch', undefined],
  markers: MARKERS,
  keepBaseOsRelease: true,
});

describe('case recipes', () => {
  it('can be shrunk from the value alone (no generation context)', () => {
    fc.assert(
      fc.property(arb, (recipe) => arb.canShrinkWithoutContext(recipe)),
      { numRuns: 300 },
    );
  });

  it('render trees whose parents are listed directories, sorted, with nothing below a symlink', () => {
    fc.assert(
      fc.property(arb, (recipe) => {
        const v = caseVector(recipe, 'chainguard');
        const byPath = new Map(v.rootfs.map((e) => [e.path, e]));
        expect(byPath.size).toBe(v.rootfs.length);
        const paths = v.rootfs.map((e) => e.path);
        expect(paths).toEqual([...paths].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
        for (const e of v.rootfs) {
          expect(e.path).toMatch(/^\/[^]*[^/]$/);
          expect(e.path.split('/')).not.toContain('..');
          const parent = e.path.slice(0, e.path.lastIndexOf('/'));
          if (parent !== '') expect(byPath.get(parent)?.type).toBe('dir');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('points escaping symlinks at files that exist next to the rootfs', () => {
    fc.assert(
      fc.property(arb, (recipe) => {
        const v = caseVector(recipe, 'chainguard');
        const outside = new Set(v.outside.map((e) => e.path));
        for (const e of v.rootfs) {
          if (e.type !== 'symlink' || !e.target!.startsWith('../../outside-')) continue;
          const name = e.target!.slice('../../'.length);
          // /etc/ssh's link points where nothing exists, on the host as in the container
          if (e.path !== '/etc/ssh') expect(outside.has(name)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('produce every mutation the differential needs', () => {
    const seen = new Set<string>();
    for (const recipe of fc.sample(arb, { seed: 7, numRuns: 2000 })) {
      const v = caseVector(recipe, 'chainguard');
      const get = (p: string) => v.rootfs.find((e) => e.path === p);
      const has = (p: string) => get(p) !== undefined;
      if (get('/etc/hosts')?.content?.includes('# --- BEGIN PVE ---')) seen.add('hosts-pve-section');
      if (get('/etc/resolv.conf')?.content?.includes('# --- BEGIN PVE ---')) seen.add('resolv-pve-section');
      if (get('/etc/hosts')?.target?.startsWith('../../')) seen.add('escaping-link');
      if (v.rootfs.some((e) => /\/\.pve-ignore\./.test(e.path))) seen.add('pve-ignore');
      if (has('/etc/systemd/network/10-pve-eth7.network')) seen.add('stale-unit');
      seen.add(get('/lib')?.type === 'symlink' ? 'merged-lib' : 'split-lib');
      seen.add(has('/etc/securetty') ? 'securetty' : 'no-securetty');
      const units = v.rootfs.map((e) => e.path).filter((p) => /systemd\/system\/(systemd-resolved|sshd)\.service$/.test(p));
      seen.add(units.length ? 'units' : 'no-units');
      if (!has('/etc/shadow')) seen.add('no-shadow');
      if (get('/etc/shadow')?.mode === '0000') seen.add('shadow-0000');
      if (!has('/root')) seen.add('no-root-home');
      if (v.outside.length) seen.add('outside');
      for (const step of v.steps) seen.add(step.call);
      const password = v.steps[0]?.call === 'post_create_hook' ? v.steps[0].args[0] : undefined;
      if (password === null) seen.add('password:none');
      else if (typeof password === 'string') {
        const scheme = /^\$(1|5|6|y|2b)\$/.exec(password)?.[1];
        seen.add(scheme ? `password:$${scheme}$` : 'password:plain');
        if (password.includes('\n') && !scheme) seen.add('password:embedded-newline');
      }
    }
    const wanted = [
      'hosts-pve-section',
      'resolv-pve-section',
      'escaping-link',
      'pve-ignore',
      'stale-unit',
      'merged-lib',
      'split-lib',
      'securetty',
      'no-securetty',
      'units',
      'no-units',
      'no-shadow',
      'shadow-0000',
      'no-root-home',
      'outside',
      'post_create_hook',
      'pre_start_hook',
      'post_clone_hook',
      'template_fixup',
      'password:none',
      'password:plain',
      'password:$1$',
      'password:$5$',
      'password:$6$',
      'password:$y$',
      'password:embedded-newline',
    ];
    expect(wanted.filter((w) => !seen.has(w))).toEqual([]);
  });
});
