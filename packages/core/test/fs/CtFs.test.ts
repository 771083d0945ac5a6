import { describe, expect, it } from 'vitest';
import { CtFs } from '../../src/fs/CtFs.ts';
import { perlDirname } from '../../src/fs/perlDirname.ts';
import { FsError } from '../../src/fs/CtFsApi.ts';
import type { FsEntry } from '../../src/fs/entry.ts';
import { ctFsFromEntries, entriesFromFs } from '../../src/fs/manifest.ts';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof FsError) return e.code;
    throw e;
  }
  return undefined;
}

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

describe('creation modes and owners', () => {
  it('files get mode & ~umask (022 by default), owner 0:0', () => {
    const fs = new CtFs();
    fs.createExclusive('/a', '', 0o666);
    fs.writeNoTrunc('/b', '', 0o777);
    expect(fs.lstat('/a')).toMatchObject({ type: 'file', mode: 0o644, uid: 0, gid: 0 });
    expect(fs.lstat('/b')?.mode).toBe(0o755);
  });

  it('a configured umask is applied instead', () => {
    const fs = new CtFs(undefined, { umask: 0o077 });
    fs.createExclusive('/a', '', 0o666);
    fs.mkdir('/d', 0o777);
    expect(fs.umask).toBe(0o077);
    expect(fs.lstat('/a')?.mode).toBe(0o600);
    expect(fs.lstat('/d')?.mode).toBe(0o700);
  });

  it('mkdir applies the umask and keeps only rwx and sticky bits', () => {
    const fs = new CtFs();
    fs.mkdir('/d', 0o777);
    fs.mkdir('/t', 0o7777);
    expect(fs.lstat('/d')).toMatchObject({ type: 'dir', mode: 0o755, uid: 0, gid: 0 });
    expect(fs.lstat('/t')?.mode).toBe(0o1755);
  });

  it('a setgid directory passes its group on, and its setgid bit to subdirectories', () => {
    const fs = ctFsFromEntries([{ path: '/g', type: 'dir', mode: '2775', gid: 5 }]);
    fs.mkdir('/g/sub', 0o777);
    fs.createExclusive('/g/file', '', 0o666);
    expect(fs.lstat('/g/sub')).toMatchObject({ mode: 0o2755, gid: 5 });
    expect(fs.lstat('/g/file')).toMatchObject({ mode: 0o644, gid: 5 });
  });

  it('symlinks show mode 0777 in lstat and take owners with lchown', () => {
    const fs = new CtFs();
    fs.symlink('/nowhere', '/l');
    fs.lchown('/l', 100000, 100000);
    expect(fs.lstat('/l')).toEqual({
      type: 'symlink',
      mode: 0o777,
      uid: 100000,
      gid: 100000,
      size: 8,
    });
    expect(fs.readlink('/l')).toBe('/nowhere');
  });

  it('chown follows links; on a file it clears setuid, and setgid only with group x', () => {
    const fs = ctFsFromEntries([
      { path: '/s', type: 'file', mode: '6755', content: '' },
      { path: '/t', type: 'file', mode: '6745', content: '' },
      { path: '/l', type: 'symlink', target: 's' },
    ]);
    fs.chown('/l', 0, 0);
    fs.chown('/t', 0, 0);
    expect(fs.lstat('/s')?.mode).toBe(0o755);
    expect(fs.lstat('/t')?.mode).toBe(0o2745);
    expect(fs.lstat('/l')?.uid).toBe(0);
  });

  it('chmod follows links and sets all 12 permission bits', () => {
    const fs = ctFsFromEntries([
      { path: '/f', type: 'file', content: '' },
      { path: '/l', type: 'symlink', target: 'f' },
    ]);
    fs.chmod('/l', 0o4711);
    expect(fs.lstat('/f')?.mode).toBe(0o4711);
  });
});

describe('create, write, rename, unlink', () => {
  const tree: FsEntry[] = [
    { path: '/etc', type: 'dir' },
    { path: '/etc/dangling', type: 'symlink', target: 'nothing-here' },
    { path: '/etc/hosts', type: 'file', mode: '0600', uid: 7, gid: 8, content: 'old content\n' },
    { path: '/etc/hosts.lnk', type: 'symlink', target: 'hosts' },
    { path: '/etc/resolv.conf', type: 'symlink', target: '../run/stub-resolv.conf' },
    { path: '/etc/sub', type: 'dir' },
    { path: '/etc/sub/x', type: 'file', content: 'x' },
    { path: '/run', type: 'dir' },
    { path: '/run/stub-resolv.conf', type: 'file', content: 'nameserver 127.0.0.53\n' },
  ];

  it('createExclusive refuses any existing name, even a dangling symlink (O_EXCL)', () => {
    const fs = ctFsFromEntries(tree);
    expect(codeOf(() => fs.createExclusive('/etc/hosts', '', 0o644))).toBe('EEXIST');
    expect(codeOf(() => fs.createExclusive('/etc/dangling', '', 0o644))).toBe('EEXIST');
    expect(codeOf(() => fs.createExclusive('/nodir/f', '', 0o644))).toBe('ENOENT');
    expect(codeOf(() => fs.createExclusive('/etc/hosts/f', '', 0o644))).toBe('ENOTDIR');
  });

  it('writeNoTrunc overwrites from offset 0 and keeps the tail, mode and owner', () => {
    const fs = ctFsFromEntries(tree);
    fs.writeNoTrunc('/etc/hosts.lnk', 'NEW', 0o644);
    expect(fs.readFile('/etc/hosts')).toBe('NEW content\n');
    expect(fs.lstat('/etc/hosts')).toMatchObject({ mode: 0o600, uid: 7, gid: 8 });
  });

  it('writeNoTrunc through a dangling symlink creates its target', () => {
    const fs = ctFsFromEntries(tree);
    fs.writeNoTrunc('/etc/dangling', 'made', 0o600);
    expect(fs.readFile('/etc/nothing-here')).toBe('made');
    expect(fs.lstat('/etc/nothing-here')?.mode).toBe(0o600);
  });

  it('rename over a symlink replaces the link and leaves its target untouched', () => {
    const fs = ctFsFromEntries(tree);
    fs.createExclusive('/etc/resolv.conf.tmp.42', 'nameserver 192.0.2.1\n', 0o644);
    fs.rename('/etc/resolv.conf.tmp.42', '/etc/resolv.conf');
    expect(fs.lstat('/etc/resolv.conf')).toMatchObject({ type: 'file', mode: 0o644 });
    expect(fs.readFile('/etc/resolv.conf')).toBe('nameserver 192.0.2.1\n');
    expect(fs.readFile('/run/stub-resolv.conf')).toBe('nameserver 127.0.0.53\n');
    expect(fs.exists('/etc/resolv.conf.tmp.42')).toBe(false);
  });

  it('rename moves a symlink itself, not what it points to', () => {
    const fs = ctFsFromEntries(tree);
    fs.rename('/etc/hosts.lnk', '/etc/moved.lnk');
    expect(fs.readlink('/etc/moved.lnk')).toBe('hosts');
    expect(fs.lstat('/etc/hosts')?.type).toBe('file');
  });

  it('rename keeps the moved inode mode and owner, and moves directories with content', () => {
    const fs = ctFsFromEntries(tree);
    fs.rename('/etc/hosts', '/etc/hosts2');
    expect(fs.lstat('/etc/hosts2')).toMatchObject({ mode: 0o600, uid: 7, gid: 8 });
    fs.rename('/etc/sub', '/run/sub');
    expect(fs.readFile('/run/sub/x')).toBe('x');
    expect(fs.realpath('/run/sub/x')).toBe('/run/sub/x');
    expect(entriesFromFs(fs).some((e) => e.path.startsWith('/etc/sub'))).toBe(false);
  });

  it('rename reports rename(2) errors', () => {
    const fs = ctFsFromEntries(tree);
    expect(codeOf(() => fs.rename('/etc/missing', '/etc/x'))).toBe('ENOENT');
    expect(codeOf(() => fs.rename('/etc/hosts', '/etc/sub'))).toBe('EISDIR');
    expect(codeOf(() => fs.rename('/etc/sub', '/etc/hosts'))).toBe('ENOTDIR');
    expect(codeOf(() => fs.rename('/run', '/etc/sub'))).toBe('ENOTEMPTY');
    expect(codeOf(() => fs.rename('/etc', '/etc/sub/inside'))).toBe('EINVAL');
    expect(codeOf(() => fs.rename('/etc/hosts', '/etc/hosts'))).toBeUndefined();
  });

  it('unlink removes files and links (not their targets), refuses directories', () => {
    const fs = ctFsFromEntries(tree);
    fs.unlink('/etc/hosts.lnk');
    expect(fs.exists('/etc/hosts')).toBe(true);
    expect(codeOf(() => fs.unlink('/etc/sub'))).toBe('EISDIR');
    expect(codeOf(() => fs.unlink('/etc/missing'))).toBe('ENOENT');
  });

  it('mkdir and symlink give EEXIST for any existing name, ENOENT for a missing parent', () => {
    const fs = ctFsFromEntries(tree);
    expect(codeOf(() => fs.mkdir('/etc/dangling', 0o755))).toBe('EEXIST');
    expect(codeOf(() => fs.mkdir('/a/b', 0o755))).toBe('ENOENT');
    expect(codeOf(() => fs.symlink('x', '/etc/hosts'))).toBe('EEXIST');
    expect(codeOf(() => fs.symlink('x', '/a/b'))).toBe('ENOENT');
    expect(codeOf(() => fs.symlink('', '/etc/empty'))).toBe('ENOENT');
  });

  it('readFile and readdir report EISDIR, ENOENT and ENOTDIR', () => {
    const fs = ctFsFromEntries(tree);
    expect(codeOf(() => fs.readFile('/etc'))).toBe('EISDIR');
    expect(codeOf(() => fs.readFile('/etc/missing'))).toBe('ENOENT');
    expect(codeOf(() => fs.readdir('/etc/hosts'))).toBe('ENOTDIR');
    expect(codeOf(() => fs.readdir('/missing'))).toBe('ENOENT');
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
    expect(created).toEqual([
      '/etc/systemd',
      '/etc/systemd/system',
      '/etc/systemd/system/getty.target.wants',
    ]);
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
    expect(['/', '/a', '/a/b/', 'a', 'a/', '//a//b//', '/a//'].map(perlDirname)).toEqual([
      '/',
      '/',
      '/a',
      '.',
      '.',
      '//a',
      '/',
    ]);
  });
});
