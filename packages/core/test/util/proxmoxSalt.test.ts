import { describe, expect, it } from 'vitest';
import { isProxmoxCryptString, proxmoxSalt } from '../../src/util/proxmoxSalt.ts';
import { ORACLE_PASSWORD_HASHES } from './fixtures/oraclePasswordHashes.ts';

describe('proxmoxSalt', () => {
  it('gives the salts of oracle README section 7', () => {
    expect(proxmoxSalt(1767225600)).toBe('8AniBnSr');
    expect(proxmoxSalt(1705525680)).toBe('+JaM+W29');
  });

  it('gives the salt of every hash the oracle recorded, from its frozen time', () => {
    expect(ORACLE_PASSWORD_HASHES.length).toBeGreaterThan(100);
    for (const row of ORACLE_PASSWORD_HASHES) {
      expect(proxmoxSalt(row.frozenTime), row.caseId).toBe(row.crypt.split('$')[2]);
    }
  });

  it('matches Digest::SHA::sha1_base64 on small and zero times', () => {
    // perl -MDigest::SHA=sha1_base64 -e 'print substr(sha1_base64($_), 0, 8), "\n" for 0, 1, 86400'
    expect([0, 1, 86400].map(proxmoxSalt)).toEqual(['tlifxqsN', 'NWoZK3kT', 'oDLHY5z2']);
  });

  it('rejects non-integer times', () => {
    expect(() => proxmoxSalt(1.5)).toThrow(RangeError);
  });
});

// Expected values: Perl 5.36 evaluating Base's regex on the same strings (this machine).
describe('isProxmoxCryptString', () => {
  it.each([
    ['$6$abc$def', true],
    ['$6$abc$def\n', true],
    ['$6$abc$def\n\n', false],
    ['$6$abc$def\nx', false],
    ['$2b$abc$def', false],
    ['$2a$abc$def', true],
    ['$y$abc$def', false],
    ['$6$0123456789abcdefg$x', false],
    ['$6$+JaM+W29$abc', false],
    ['$6$$abc', false],
    ['$5$a$b', true],
    ['$1$a$b', true],
    ['$2$a$b', true],
    ['$3$a$b', false],
    ['$6$a$', false],
    ['\n$6$a$b', false],
    ['$6$a$b$c', false],
    [' $6$a$b', false],
    ['$6$a$b ', false],
    ['$6$a$é', false],
  ])('%j → %s', (text, expected) => {
    expect(isProxmoxCryptString(text)).toBe(expected);
  });
});
