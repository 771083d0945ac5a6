/** The invariant checks on small hand-made vectors and outcomes. */
import { describe, expect, it } from 'vitest';
import type { FsEntry, Outcome, Vector } from '@pve-chainguard/core';
import {
  injectedFragments,
  lastStepAgain,
  noInjectedLines,
  otherAccountsUnchanged,
  outsideUnchanged,
  secondRunChangesNothing,
} from '../../src/differential/invariants.ts';

const file = (path: string, content: string, mode = '0644'): FsEntry => ({ path, type: 'file', mode, uid: 0, gid: 0, content });

function vector(rootfs: FsEntry[], password: string | null = null, outside: FsEntry[] = []): Vector {
  return {
    id: 't',
    frozen_time: 0,
    config: '',
    host: { host_resolv_conf: {}, host_timezone: 'UTC', host_localtime: '/usr/share/zoneinfo/UTC' },
    rootfs,
    outside,
    steps: [
      { call: 'post_create_hook', args: [password, null] },
      { call: 'pre_start_hook', args: [] },
    ],
  };
}

function outcome(tree: FsEntry[], error: Outcome['error'] = null): Outcome {
  return { ostype: null, arch: null, os_release: {}, error, steps_completed: 0, warnings: [], log_warn: [], stdout: '', stderr: '', tree, outside: [] };
}

describe('invariants', () => {
  it('outsideUnchanged: equal lists pass, any change is named', () => {
    const v = vector([], null, [file('secret', 'x\n')]);
    expect(outsideUnchanged(v, [file('/secret', 'x\n')])).toBeUndefined();
    expect(outsideUnchanged(v, [file('/secret', 'y\n')])).toMatch(/outside the rootfs changed: \/secret/);
    expect(outsideUnchanged(v, [])).toMatch(/\/secret/);
  });

  it("otherAccountsUnchanged: root's line may change, other lines may not (final newline aside)", () => {
    const before = [file('/etc/shadow', 'root:*::0:::::\nnonroot:!::0:::::\n')];
    const v = vector(before);
    expect(otherAccountsUnchanged(v, [file('/etc/shadow', 'root:$6$s$h:20454:0:::::\nnonroot:!::0:::::')])).toBeUndefined();
    expect(otherAccountsUnchanged(v, [file('/etc/shadow', 'root:$1$.$.\n:20454:0:::::\nnonroot:!::0:::::\n')])).toMatch(/\/etc\/shadow: lines of other users changed/);
    expect(otherAccountsUnchanged(v, [file('/etc/shadow', 'root:*::0:::::\n')])).toBeDefined();
  });

  it('noInjectedLines: a written line starting with what followed an embedded newline fails', () => {
    const v = vector([file('/etc/passwd', 'root:x:0:0::/root:/bin/sh\n')], 'pw\nevil::0:0::/:/bin/sh\n');
    expect(injectedFragments(v)).toEqual(['evil::0:0::/:/bin/sh']);
    expect(noInjectedLines(v, [file('/etc/passwd', 'root:x:0:0::/root:/bin/sh\n')])).toBeUndefined();
    expect(noInjectedLines(v, [file('/etc/passwd', 'root:x:0:0::/root:/bin/sh\nevil::0:0::/:/bin/sh\n')])).toMatch(
      /\/etc\/passwd gained the line "evil::0:0::\/:\/bin\/sh"/,
    );
    // a file the run did not write is not held against it
    const pre = vector([file('/etc/x', 'evil::0:0::/:/bin/sh\n')], 'pw\nevil::0:0::/:/bin/sh');
    expect(noInjectedLines(pre, [file('/etc/x', 'evil::0:0::/:/bin/sh\n')])).toBeUndefined();
  });

  it('secondRunChangesNothing: compares trees, skips runs that died, reports a second run that dies', () => {
    const tree = [file('/a', '1')];
    expect(secondRunChangesNothing(outcome(tree), outcome([file('/a', '1')]))).toBeUndefined();
    expect(secondRunChangesNothing(outcome(tree), outcome([file('/a', '1', '0600')]))).toMatch(/\/a: mode: expected 0644, got 0600/);
    expect(secondRunChangesNothing(outcome(tree, { at: 0, message: 'x\n' }), outcome([]))).toBeUndefined();
    expect(secondRunChangesNothing(outcome(tree), outcome(tree, { at: 0, message: 'boom\n' }))).toMatch(/died: boom/);
  });

  it('lastStepAgain: the last step alone, on the tree the run left', () => {
    const v = vector([file('/a', '1')]);
    const again = lastStepAgain(v, [file('/b', '2')]);
    expect(again.steps).toEqual([{ call: 'pre_start_hook', args: [] }]);
    expect(again.rootfs.map((e) => e.path)).toEqual(['/b']);
  });
});
