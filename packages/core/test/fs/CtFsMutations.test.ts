/** CtFs's writes, renames and unlinks, with the errors their system calls give. */
import { describe, expect, it } from 'vitest';
import type { FsEntry } from '../../src/fs/entry.ts';
import { ctFsFromEntries, entriesFromFs } from '../../src/fs/manifest.ts';
import { codeOf } from './codeOf.ts';

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
