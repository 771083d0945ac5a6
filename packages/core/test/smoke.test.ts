import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/index.ts';

describe('config errors', () => {
  it('name the key and the value', () => {
    expect(new ConfigError('tty', '7', 'out of range').message).toContain("'tty': '7'");
  });
});
