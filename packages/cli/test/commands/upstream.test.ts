/** The `upstream` command's front-end: option parsing and bad usage (the series itself is tested in upstream-series). */
import { describe, expect, it } from 'vitest';
import { upstreamCommand } from '../../src/commands/upstream.ts';
import { parseUpstreamOptions } from '../../src/commands/upstream/options.ts';
import { main } from '../../src/main.ts';

describe('options', () => {
  it('parses the documented options and refuses bad usage', () => {
    expect(parseUpstreamOptions(['--pve-container', 'x', '--dry-run'])).toMatchObject({ pveContainer: 'x', base: 'HEAD', branch: 'chainguard-support', dryRun: true });
    expect(parseUpstreamOptions([])).toEqual({ error: '--pve-container DIR is required' });
    expect(parseUpstreamOptions(['--pve-container', 'x', '--reroll', '2'])).toMatchObject({ error: expect.stringMatching(/needs --changes/) });
    expect(parseUpstreamOptions(['--pve-container', 'x', '--reroll', '1', '--changes', 'c'])).toMatchObject({ error: expect.stringMatching(/≥ 2/) });
    expect(parseUpstreamOptions(['--pve-container', 'x', '--bogus'])).toMatchObject({ error: "unknown argument '--bogus'" });
  });
});

describe('pve-chainguard upstream', () => {
  it('bad usage is exit 2 with the help and nothing on stdout', async () => {
    let out = '';
    let err = '';
    const code = await main(['upstream', '--pve-container'], [upstreamCommand], { out: (t) => void (out += t), err: (t) => void (err += t), cwd: process.cwd() });
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^upstream: --pve-container needs a value\n\nUsage: pve-chainguard upstream/);
  });
});
