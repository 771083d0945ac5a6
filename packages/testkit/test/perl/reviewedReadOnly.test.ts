/**
 * The harness runs a plugin method chrooted in-process, without the protected call's fork,
 * only while the method's source has the SHA-1 recorded in %REVIEWED_READ_ONLY (harness
 * Setup.pm). A changed method quietly forks again: safe, but the differential slows down.
 * This test makes that visible: after a model change, re-read the generated method, confirm
 * it still only reads files and keeps no state, and record its new SHA-1.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const SETUP_PM = readFileSync(resolve(REPO, 'packages/testkit/perl/lib/PVE/LXC/Setup.pm'), 'utf8');

/** `'PVE::LXC::Setup::Plugin::method' => 'sha1'` pairs of %REVIEWED_READ_ONLY. */
function reviewed(): [string, string, string][] {
  const table = /my %REVIEWED_READ_ONLY = \(([^)]*)\);/.exec(SETUP_PM)?.[1] ?? '';
  return [...table.matchAll(/'PVE::LXC::Setup::(\w+)::(\w+)'\s*=>\s*'([0-9a-f]{40})'/g)].map((m) => [m[1]!, m[2]!, m[3]!]);
}

/** The method's text as the harness hashes it: from its `sub` line to the closing brace. */
function methodSource(plugin: string, method: string): string | undefined {
  const text = readFileSync(resolve(REPO, `generated/PVE/LXC/Setup/${plugin}.pm`), 'utf8');
  return new RegExp(`^(sub ${method} \\{\\n[\\s\\S]*?^\\}\\n)`, 'm').exec(text)?.[1];
}

describe('%REVIEWED_READ_ONLY in the harness', () => {
  it('names at least one method', () => {
    expect(reviewed().length).toBeGreaterThan(0);
  });

  it.each(reviewed())('%s::%s is the generated method that was reviewed', (plugin, method, sha1) => {
    const source = methodSource(plugin, method);
    expect(source, `generated ${plugin}.pm has no sub ${method}`).toBeDefined();
    const now = createHash('sha1').update(source!).digest('hex');
    expect(now, `review ${plugin}::${method} again (reads only, keeps no state?) and record ${now}`).toBe(sha1);
  });
});
