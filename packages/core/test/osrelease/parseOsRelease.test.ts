/**
 * os-release parsing with PVE's quirks (docs/proxmox-setup-reference.md section 1.5,
 * oracle/README.md section 6), checked against every oracle vector.
 */
import { describe, expect, it } from 'vitest';
import { parseOsRelease } from '../../src/osrelease/index.ts';
import { loadOracleVectors, type OracleEntry, type OracleVector } from '../config/oracleVectors.ts';

describe('parseOsRelease', () => {
  const rows: Array<[string, string, Record<string, string>]> = [
    ['unquoted values keep only the leading [A-Za-z0-9] run', 'ID=opensuse-leap\nVERSION_ID=24.03\n', { ID: 'opensuse', VERSION_ID: '24' }],
    ['Wolfi: ID unquoted, VERSION_ID quoted', 'ID=wolfi\nVERSION_ID="20230201"\n', { ID: 'wolfi', VERSION_ID: '20230201' }],
    ['a dotted unquoted version keeps its first run', 'VERSION_ID=2023.02.01\n', { VERSION_ID: '2023' }],
    ['double quotes evaluate \\" \\$ \\` \\\\ \\n \\t', 'A="x \\"q\\" \\$H \\`c\\` \\\\ \\n\\t."\n', { A: 'x "q" $H `c` \\ \n\t.' }],
    ['other backslashes stay', 'A="a\\qb\\\'c"\n', { A: "a\\qb'c" }],
    ['single quotes are literal', 'A=\'x\\ny "z"\'\n', { A: 'x\\ny "z"' }],
    ['leading blanks are allowed, comments and junk ignored', '  ID=arch\n#ID=wolfi\n\njunk\n=x\n1A=b\n', { ID: 'arch' }],
    ['text after the closing quote is ignored', 'NAME="Wolfi" # note\nID=\'arch\'x\n', { NAME: 'Wolfi', ID: 'arch' }],
    ['an unclosed quote yields the empty run', 'NAME="Wolfi\nID=\'arch\n', { NAME: '', ID: '' }],
    ['a later line wins', 'ID=arch\nID=nixos\n', { ID: 'nixos' }],
    ['CRLF line ends do not leak into values', 'ID=arch\r\nNAME="W"\r\n', { ID: 'arch', NAME: 'W' }],
    ['the last line needs no newline', 'NAME="Wolfi"\nID=wolfi', { NAME: 'Wolfi', ID: 'wolfi' }],
  ];
  it.each(rows)('%s', (_name, text, expected) => {
    expect(parseOsRelease(text)).toEqual(expected);
  });

  it('gives {} when there is no file', () => {
    expect(parseOsRelease(undefined)).toEqual({});
  });
});

/** The text PVE read: /etc/os-release if it is a file (following a symlink), else /usr/lib/os-release. */
function osReleaseText(v: OracleVector): string | undefined {
  const byPath = new Map(v.rootfs.map((e) => [e.path, e]));
  const fileAt = (path: string, hops = 0): OracleEntry | undefined => {
    const entry = byPath.get(path);
    if (entry?.type === 'symlink' && entry.target !== undefined && hops < 8) {
      const base = entry.target.startsWith('/') ? [] : path.split('/').slice(1, -1);
      const parts: string[] = [];
      for (const part of [...base, ...entry.target.split('/')]) {
        if (part === '..') parts.pop();
        else if (part !== '' && part !== '.') parts.push(part);
      }
      return fileAt(`/${parts.join('/')}`, hops + 1);
    }
    return entry?.type === 'file' ? entry : undefined;
  };
  const file = fileAt('/etc/os-release') ?? fileAt('/usr/lib/os-release');
  if (file === undefined) return undefined;
  if (file.encoding !== undefined) throw new Error(`${v.id}: binary os-release not handled`);
  return file.content ?? '';
}

describe('the oracle vectors', () => {
  it('every recorded os_release is what we parse from the vector rootfs', () => {
    let fromFile = 0;
    let withoutFile = 0;
    for (const v of loadOracleVectors()) {
      const text = osReleaseText(v);
      if (text === undefined) withoutFile++;
      else fromFile++;
      expect(parseOsRelease(text), v.id).toEqual(v.expect.os_release);
    }
    // 386 vectors have an os-release file (40 via an /etc symlink), 14 have none.
    expect([fromFile, withoutFile]).toEqual([386, 14]);
  });
});
