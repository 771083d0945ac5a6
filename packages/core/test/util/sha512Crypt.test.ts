import { describe, expect, it } from 'vitest';
import { sha512Crypt } from '../../src/util/sha512Crypt.ts';
import { ORACLE_PASSWORD_HASHES } from './fixtures/oraclePasswordHashes.ts';
import { PERL_CRYPT_ROWS } from './fixtures/perlCryptRows.ts';

const hexBytes = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));
/** Base hashes `encode('utf8', $pw)`: the UTF-8 bytes, as a byte string. */
const utf8ByteString = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

describe('sha512Crypt', () => {
  it('reproduces the two worked examples of oracle README section 7', () => {
    expect(sha512Crypt('secret', '8AniBnSr')).toBe('$6$8AniBnSr$I1bDsYoTH/JelLyyE7qhm5aFQ5rSVZJCblVEYtSndEuvAsT/S1GafOx3/pFuW4jHe2vDwNOoMU3Oh6WDaX.x50');
    expect(sha512Crypt('secret', '+JaM+W29')).toBe('$6$+JaM+W29$c4TYHT/vIGm7jwIurSiixbzw96Hz5Yin1.gYCAJy4PTvWnztaKf4xVasi/3blUGIRQ4tG5GMO9yjvj1PpxeQG0');
  });

  it.each(PERL_CRYPT_ROWS.map((row, index) => ({ ...row, index })))(
    "matches Perl's crypt() for row $index (salt '$salt', rounds $rounds)",
    ({ passwordHex, salt, rounds, crypt }) => {
      expect(sha512Crypt(hexBytes(passwordHex), salt, rounds)).toBe(crypt);
    },
  );

  it('matches every $6$ hash the oracle recorded for a plaintext password', () => {
    for (const row of ORACLE_PASSWORD_HASHES) {
      const salt = row.crypt.split('$')[2]!;
      expect(sha512Crypt(utf8ByteString(row.password), salt), row.caseId).toBe(row.crypt);
    }
  });

  it('takes a byte string as the same bytes', () => {
    const bytes = new TextEncoder().encode('пароль-123 🔑');
    expect(sha512Crypt(Buffer.from(bytes).toString('latin1'), 'abc')).toBe(sha512Crypt(bytes, 'abc'));
  });

  it('refuses a string with characters above 255 (text, not bytes)', () => {
    expect(() => sha512Crypt('пароль', 'abc')).toThrow(RangeError);
  });

  it('ignores everything from the first NUL byte, like C crypt()', () => {
    // perl -e 'print crypt("ab\0cd", q($6$abc$))'
    const perl = '$6$abc$VQcDqKHKnaF93owctKGIUKxfNqzSK.LumUrccJ9esoJ.A8Gs7kfasVY7ax0n6S0h6yeA/ZLYvFVtwGzTJwpw6/';
    expect(sha512Crypt(new Uint8Array([0x61, 0x62, 0, 0x63, 0x64]), 'abc')).toBe(perl);
    expect(sha512Crypt('ab', 'abc')).toBe(perl);
  });

  it('uses only the salt text before a $', () => {
    // perl -e 'print crypt("secret", q($6$ab$cd))'
    expect(sha512Crypt('secret', 'ab$cd')).toBe('$6$ab$2lDVylRMp48hlYZZFOCx/xnhJEsGPynJ17rt2um9Gb8wX6ygI4uDxg3Bg43pp/Hv397hwWfT8mciHws9eE4sR/');
  });

  it('accepts salt punctuation libxcrypt accepts', () => {
    // perl -e 'print crypt("secret", q($6$ab_c$))'
    expect(sha512Crypt('secret', 'ab_c')).toBe('$6$ab_c$CCZM9QvTZFLXvK.Weeuk9shBHU0rAzn6aiMHQ8ZBJAPsdK/BI0oaEdioeXad8NS0cMBJPkAxGEijnpxHRyWQg/');
  });

  // Perl's crypt() returned the failure token "*0" for each of these salts on this machine.
  it.each(['a:b', 'a b', 'a\nb', 'a\tb', 'a!b', 'a*b', 'a;b', 'a\\b', 'é', 'a\x7fb'])('throws where libxcrypt fails: salt %j', (salt) => {
    expect(() => sha512Crypt('secret', salt)).toThrow(RangeError);
  });

  it.each([10, 999, 1_000_000_000, 1000.5])('throws where libxcrypt fails: rounds=%d', (rounds) => {
    expect(() => sha512Crypt('secret', 'abc', rounds)).toThrow(RangeError);
  });
});
