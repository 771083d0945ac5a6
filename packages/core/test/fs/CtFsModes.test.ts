/** CtFs gives new inodes Linux's modes and owners, and chown/chmod behave as they do for root. */
import { describe, expect, it } from 'vitest';
import { CtFs } from '../../src/fs/CtFs.ts';
import { ctFsFromEntries } from '../../src/fs/manifest.ts';

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
