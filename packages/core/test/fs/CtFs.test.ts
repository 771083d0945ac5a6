/**
 * CtFs as a chrooted root process sees it: symlinks resolve inside the rootfs, root ignores
 * permission bits, data are byte strings, and make_path follows File::Path. Creation modes and
 * owners are in CtFsModes.test.ts, writes, renames and unlinks in CtFsMutations.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { CtFs } from '../../src/fs/CtFs.ts';
import { perlDirname } from '../../src/fs/perlDirname.ts';
import type { FsEntry } from '../../src/fs/entry.ts';
import { ctFsFromEntries, entriesFromFs } from '../../src/fs/manifest.ts';
import { codeOf } from './codeOf.ts';

const etc: FsEntry[] = [
  { path: '/etc', type: 'dir' },
  { path: '/etc/hosts', type: 'symlink', target: '../../../outside' },
  { path: '/etc/resolv.conf', type: 'symlink', target: '/proc/self/fd/1' },
  { path: '/etc/systemd', type: 'dir' },
  { path: '/etc/systemd/network', type: 'symlink', target: '/tmp' },
  { path: '/tmp', type: 'dir', mode: '1777' },
];

describe('symlinks resolve inside the rootfs, as under chroot', () => {
  it('a write through /etc/hosts -> ../../../outside lands in /outside of the rootfs', () => {
    const fs = ctFsFromEntries(etc);
    expect(fs.realpath('/etc/hosts')).toBe('/outside');
    fs.writeNoTrunc('/etc/hosts', 'x\n', 0o644);
    expect(fs.readFile('/outside')).toBe('x\n');
    expect(fs.isSymlink('/etc/hosts')).toBe(true);
  });

  it('a write through /etc/systemd/network -> /tmp lands in the rootfs /tmp', () => {
    const fs = ctFsFromEntries(etc);
    fs.createExclusive('/etc/systemd/network/eth0.network', '[Match]\n', 0o644);
    expect(fs.readdir('/tmp')).toEqual(['eth0.network']);
    expect(fs.realpath('/etc/systemd/network/eth0.network')).toBe('/tmp/eth0.network');
  });

  it('a write through /etc/resolv.conf -> /proc/self/fd/1 fails: no /proc in the rootfs', () => {
    const fs = ctFsFromEntries(etc);
    expect(codeOf(() => fs.writeNoTrunc('/etc/resolv.conf', 'x', 0o644))).toBe('ENOENT');
    expect(fs.realpath('/etc/resolv.conf')).toBeUndefined();
    expect(entriesFromFs(fs).map((e) => e.path)).toEqual(etc.map((e) => e.path));
  });

  it('`..` at the root stays at the root', () => {
    const fs = ctFsFromEntries(etc);
    expect(fs.realpath('/../../etc/..')).toBe('/');
    fs.createExclusive('/../../new', 'n', 0o644);
    expect(fs.readFile('/new')).toBe('n');
  });

  it('a symlink loop gives ELOOP after 40 links, and realpath gives undef', () => {
    const fs = ctFsFromEntries([
      { path: '/a', type: 'symlink', target: 'b' },
      { path: '/b', type: 'symlink', target: 'a' },
    ]);
    expect(codeOf(() => fs.readFile('/a'))).toBe('ELOOP');
    expect(fs.stat('/a')).toBeUndefined();
    expect(fs.lstat('/a')?.type).toBe('symlink');
    expect(fs.realpath('/a')).toBeUndefined();
  });
});

describe('root ignores permission bits', () => {
  const shadow: FsEntry[] = [
    { path: '/etc', type: 'dir' },
    { path: '/etc/shadow', type: 'file', mode: '0000', content: 'root:*:19000:0:99999:7:::\n' },
    { path: '/root', type: 'dir', mode: '0700', uid: 100000, gid: 100000 },
    { path: '/root/.ssh', type: 'dir', mode: '0500', uid: 100000, gid: 100000 },
  ];

  it('reads a mode-0000 /etc/shadow and leaves its mode and owner unchanged', () => {
    const fs = ctFsFromEntries(shadow);
    expect(fs.readFile('/etc/shadow')).toBe('root:*:19000:0:99999:7:::\n');
    expect(fs.lstat('/etc/shadow')).toMatchObject({ mode: 0o000, uid: 0, gid: 0 });
  });

  it('writes in place into a mode-0000 file without changing its mode', () => {
    const fs = ctFsFromEntries(shadow);
    fs.writeNoTrunc('/etc/shadow', 'ROOT', 0o644);
    expect(fs.readFile('/etc/shadow')).toBe('ROOT:*:19000:0:99999:7:::\n');
    expect(fs.lstat('/etc/shadow')?.mode).toBe(0o000);
  });

  it('enters and writes into 0700/0500 directories owned by a mapped uid', () => {
    const fs = ctFsFromEntries(shadow);
    fs.createExclusive('/root/.ssh/authorized_keys', 'ssh-ed25519 AAAA\n', 0o700);
    expect(fs.readFile('/root/.ssh/authorized_keys')).toBe('ssh-ed25519 AAAA\n');
    expect(fs.lstat('/root/.ssh')).toMatchObject({ mode: 0o500, uid: 100000 });
  });
});

describe('byte strings and listing order', () => {
  it('file data round-trips every byte value and is never UTF-8 decoded', () => {
    const fs = new CtFs();
    const all = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');
    fs.createExclusive('/bin', all, 0o644);
    expect(fs.readFile('/bin')).toBe(all);
    expect(fs.lstat('/bin')?.size).toBe(256);
    fs.createExclusive('/utf8', '\xc3\xa9', 0o644); // "é" as its two UTF-8 bytes
    expect(fs.readFile('/utf8')).toBe('\xc3\xa9');
    expect(entriesFromFs(fs).find((e) => e.path === '/utf8')?.content).toBe('é');
  });

  it('rejects data that is not a byte string', () => {
    const fs = new CtFs();
    expect(() => fs.createExclusive('/f', 'é€', 0o644)).toThrow(TypeError);
    expect(fs.exists('/f')).toBe(false);
  });

  it('readdir lists names in byte order', () => {
    const fs = ctFsFromEntries(
      ['b', 'B', 'a-b', 'a', '_x', 'é', 'z', '.hidden'].map((n) => ({
        path: `/d/${n}`,
        type: 'file' as const,
        content: '',
      })),
    );
    // UTF-8 "é" is C3 A9, above every ASCII byte.
    expect(fs.readdir('/d')).toEqual(['.hidden', 'B', '_x', 'a', 'a-b', 'b', 'z', '\xc3\xa9']);
  });
});

describe('isExecutable as root', () => {
  const fs = ctFsFromEntries([
    { path: '/d', type: 'dir', mode: '0000' },
    { path: '/f', type: 'file', mode: '0644', content: '' },
    { path: '/o', type: 'file', mode: '0001', content: '' },
    { path: '/l', type: 'symlink', target: 'o' },
    { path: '/ld', type: 'symlink', target: 'f' },
  ]);

  it('is true for any directory and for files with any x bit, following links', () => {
    expect(fs.isExecutable('/d')).toBe(true);
    expect(fs.isExecutable('/o')).toBe(true);
    expect(fs.isExecutable('/l')).toBe(true);
  });

  it('is false for files without x bits and for missing paths', () => {
    expect(fs.isExecutable('/f')).toBe(false);
    expect(fs.isExecutable('/ld')).toBe(false);
    expect(fs.isExecutable('/missing')).toBe(false);
  });
});

describe('makePath (File::Path::make_path)', () => {
  it('creates missing parents first with 0777 & ~umask and returns them in order', () => {
    const fs = ctFsFromEntries([{ path: '/etc', type: 'dir' }]);
    const created = fs.makePath('/etc/systemd/system/getty.target.wants');
    expect(created).toEqual(['/etc/systemd', '/etc/systemd/system', '/etc/systemd/system/getty.target.wants']);
    expect(fs.lstat('/etc/systemd/system')?.mode).toBe(0o755);
    expect(fs.makePath('/etc/systemd')).toEqual([]);
  });

  it('chowns only what it created when an owner is given', () => {
    const fs = ctFsFromEntries([{ path: '/etc', type: 'dir' }]);
    fs.makePath('/etc/a/b', { uid: 100000, gid: 100000 });
    expect(fs.lstat('/etc')?.uid).toBe(0);
    expect(fs.lstat('/etc/a')?.uid).toBe(100000);
    expect(fs.lstat('/etc/a/b')?.gid).toBe(100000);
  });

  it('accepts a symlink to a directory as existing', () => {
    const fs = ctFsFromEntries([
      { path: '/usr/lib', type: 'dir' },
      { path: '/lib', type: 'symlink', target: 'usr/lib' },
    ]);
    expect(fs.makePath('/lib/systemd')).toEqual(['/lib/systemd']);
    expect(fs.isDir('/usr/lib/systemd')).toBe(true);
  });

  it("croaks like Perl ('mkdir <path>: File exists') when a file is in the way", () => {
    const fs = ctFsFromEntries([{ path: '/etc/hosts', type: 'file', content: '' }]);
    expect(() => fs.makePath('/etc/hosts/x')).toThrow('mkdir /etc/hosts: File exists');
  });

  it('uses File::Basename::dirname for parents (values from perl 5.36)', () => {
    expect(['/', '/a', '/a/b/', 'a', 'a/', '//a//b//', '/a//'].map(perlDirname)).toEqual(['/', '/', '/a', '.', '.', '//a', '/']);
  });
});
