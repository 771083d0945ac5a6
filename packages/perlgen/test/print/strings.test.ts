import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { quoteString } from '../../src/print/strings.ts';
import { requireTool } from '../helpers/perlTools.ts';

describe('quoteString', () => {
  it('uses single quotes for printable text, escaping only \\ and quote', () => {
    expect(quoteString("it's a\\b")).toBe("'it\\'s a\\\\b'");
    expect(quoteString('$x @y')).toBe("'$x @y'");
  });

  it('uses double quotes with escapes for control and high bytes, and escapes $ and @', () => {
    expect(quoteString('a\n$x@\xe9')).toBe('"a\\n\\$x\\@\\xe9"');
  });

  it('spells every byte 0–255 so that Perl reads back the same bytes', () => {
    const all = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');
    const perl = requireTool('perl');
    const out = execFileSync(perl, ['-e', `my $s = ${quoteString(all)}; print unpack('H*', $s)`], { encoding: 'utf8' });
    expect(out).toBe(Buffer.from(all, 'latin1').toString('hex'));
  });
});
