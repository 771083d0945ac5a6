import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/exitCodes.ts';
import { pveOption, usageArgs } from '../src/usageArgs.ts';

describe('usageArgs', () => {
  it('returns what node:util parses', () => {
    const parsed = usageArgs({ args: ['--dir', 'x'], options: { dir: { type: 'string' } } });
    expect(parsed.values.dir).toBe('x');
  });

  it('turns an unknown option into a usage error naming it', () => {
    const run = () => usageArgs({ args: ['--nope'], options: { dir: { type: 'string' } } });
    expect(run).toThrow(UsageError);
    expect(run).toThrow(/--nope/);
  });
});

describe('pveOption', () => {
  it('defaults to 9 and accepts 8', () => {
    expect(pveOption(undefined)).toBe(9);
    expect(pveOption('8')).toBe(8);
  });

  it('refuses any other release, naming the value', () => {
    expect(() => pveOption('7')).toThrow(new UsageError("--pve must be 8 or 9, got '7'"));
  });
});
