import { describe, expect, it } from 'vitest';
import { ConfigError, getTtyCount, parseFeatures } from '../../src/config/index.ts';

describe('parseFeatures', () => {
  it('parses flags as "1"/"0" and keeps mount lists', () => {
    expect(parseFeatures('nesting=1,keyctl=on,fuse=no,mount=nfs;cifs')).toEqual({
      nesting: '1',
      keyctl: '1',
      fuse: '0',
      mount: 'nfs;cifs',
    });
  });

  it('gives {} when unset, empty or "0" (Perl false), as PVE does', () => {
    expect([parseFeatures(undefined), parseFeatures(''), parseFeatures('0')]).toEqual([{}, {}, {}]);
  });

  it('refuses unknown features and bad flags', () => {
    expect(() => parseFeatures('nesting=1,wings=1')).toThrow(ConfigError);
    expect(() => parseFeatures('nesting=2')).toThrow(/boolean/);
    expect(() => parseFeatures('mount=nfs!')).toThrow(/regex pattern/);
  });

  it("refuses stray commas in strict mode only, and gives PVE's die text in proxmox mode", () => {
    expect(() => parseFeatures('nesting=1,')).toThrow(/empty element/);
    expect(parseFeatures('nesting=1,', { mode: 'proxmox' })).toEqual({ nesting: '1' });
    expect(() => parseFeatures('nesting', { mode: 'proxmox' })).toThrow(
      expect.objectContaining({ reason: 'value without key, but schema does not define a default key\n' }),
    );
  });
});

describe('getTtyCount', () => {
  it('is the configured count, else 2 (the schema default)', () => {
    expect(getTtyCount({})).toBe(2);
    expect(getTtyCount({ tty: '0' })).toBe(0);
    expect(getTtyCount({ tty: '6' })).toBe(6);
  });
});
