import { FsError, type Stat } from '../fs/CtFsApi.ts';
import { strerror } from '../fs/strerror.ts';
import { die } from '../runtime/PerlDie.ts';
import { chomp, HWS, perlSplit, perlTrue } from '../runtime/perlText.ts';
import { Plugin } from './Plugin.ts';

const HEAD = '# --- BEGIN PVE ---\n';
const TAIL = '# --- END PVE ---\n';

export interface ModifyFileOptions {
  perms?: number;
  replace?: boolean;
  prepend?: boolean;
  delete?: boolean;
}

/** Perl's File::Basename::fileparse for the two parts Proxmox uses: name and directory. */
function fileparse(path: string): [string, string] {
  const slash = path.lastIndexOf('/');
  if (slash < 0) return [path, './'];
  return [path.slice(slash + 1), path.slice(0, slash + 1)];
}

/** Proxmox's `remove_pve_sections`: drops everything from a BEGIN line to the last END line. */
export function removePveSections(data: string): string {
  // Perl's /m anchors see only \n as a line end; JavaScript's would also stop at \r.
  const bol = '(?:^|(?<=\\n))';
  const eol = '(?=\\n|$)';
  return data.replace(new RegExp(`${bol}${HWS}*# --- BEGIN PVE ---[^]*(?<=\\n)${HWS}*# --- END PVE ---[^]*?${eol}`, 'g'), '');
}

/**
 * The `ct_*` file helpers of Proxmox's Base.pm: thin wrappers over system calls on
 * container paths (the chroot is the only guard), honouring `.pve-ignore.<name>` and
 * id-mapped ownership. Failures of unlink/rename/symlink are ignored as in Proxmox.
 */
export abstract class CtHelpers extends Plugin {
  ctIsFileIgnored(file: string): boolean {
    const [name, dir] = fileparse(file);
    return this.ct.isFile(`${dir}/.pve-ignore.${name}`);
  }

  ctResetOwnership(...files: string[]): void {
    if (!this.idMap) return;
    for (const f of files) {
      if (this.ctIsFileIgnored(f)) continue;
      try {
        this.ct.chown(f, this.rootUid, this.rootGid);
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
      }
    }
  }

  ctMkdir(path: string, mode?: number): boolean {
    try {
      // Perl's mkdir without a mode uses 0777.
      this.ct.mkdir(path, mode ?? 0o777);
    } catch (e) {
      if (e instanceof FsError) return false;
      throw e;
    }
    this.ctResetOwnership(path);
    return true;
  }

  ctUnlink(...files: string[]): void {
    for (const f of files) {
      if (this.ctIsFileIgnored(f)) continue;
      try {
        this.ct.unlink(f);
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
      }
    }
  }

  ctRename(from: string, to: string): boolean {
    if (this.ctIsFileIgnored(to)) return false;
    try {
      this.ct.rename(from, to);
      return true;
    } catch (e) {
      if (e instanceof FsError) return false;
      throw e;
    }
  }

  ctMakePath(...dirs: string[]): void {
    const owner = this.idMap ? { uid: this.rootUid, gid: this.rootGid } : undefined;
    for (const d of dirs) this.ct.makePath(d, owner);
  }

  ctSymlink(target: string, link: string): boolean {
    if (this.ctIsFileIgnored(link)) return false;
    try {
      this.ct.symlink(target, link);
    } catch (e) {
      if (e instanceof FsError) return false;
      throw e;
    }
    if (this.idMap) this.ct.lchown(link, this.rootUid, this.rootGid);
    return true;
  }

  ctReadlink(path: string): string | undefined {
    return this.ct.readlink(path);
  }

  /**
   * Follows a chain of links; each hop is resolved with abs_path against `/` (the chroot's
   * working directory), not against the link's directory — as Proxmox does.
   */
  ctReadlinkRecursive(name: string): string | undefined {
    let res: string | undefined = name;
    for (let i = 0; this.ctIsSymlink(res); i++) {
      if (i >= 10) die(`maximal link depth of 10 for resolving '${name}' reached, abort\n`);
      const link = this.ctReadlink(res!)!;
      res = this.ct.realpath(link.startsWith('/') ? link : `/${link}`);
    }
    return res;
  }

  ctFileExists(path: string): boolean {
    return this.ct.isFile(path);
  }

  ctIsDirectory(path: string): boolean {
    return this.ct.isDir(path);
  }

  /** `-l`; Perl warns when handed undef, as Proxmox's link resolution can do. */
  ctIsSymlink(path: string | undefined): boolean {
    if (path === undefined) {
      this.rt.warn('Use of uninitialized value $file in -l at PVE/LXC/Setup/Base.pm line 851.\n');
      return false;
    }
    return this.ct.isSymlink(path);
  }

  ctIsExecutable(path: string): boolean {
    return this.ct.isExecutable(path);
  }

  /** File::stat::stat: undef when the path does not resolve. */
  ctStat(path: string): Stat | undefined {
    return this.ct.stat(path);
  }

  /** PVE::Tools::file_read_firstline: undef when missing, dies on other open errors. */
  ctFileReadFirstline(path: string): string | undefined {
    const st = this.ct.stat(path);
    if (st?.type === 'dir') return undefined; // readline on a directory fails: undef
    let data: string;
    try {
      data = this.ct.readFile(path);
    } catch (e) {
      if (e instanceof FsError && e.code === 'ENOENT') return undefined;
      if (e instanceof FsError) {
        die(`file '${path}' exists but open for reading failed - ${strerror(e.code)}\n`);
      }
      throw e;
    }
    if (data === '') return undefined;
    const nl = data.indexOf('\n');
    const line = nl < 0 ? data : data.slice(0, nl + 1);
    return perlTrue(line) ? chomp(line) : line;
  }

  /** PVE::Tools::file_get_contents (1 MiB limit). */
  ctFileGetContents(path: string): string {
    let data: string;
    try {
      if (this.ct.stat(path)?.type === 'dir') {
        die(`unable to read file '${path}' - ${strerror('EISDIR')}\n`);
      }
      data = this.ct.readFile(path);
    } catch (e) {
      if (e instanceof FsError) die(`can't open '${path}' - ${strerror(e.code)}\n`);
      throw e;
    }
    if (data.length > 1024 * 1024) die(`file '${path}' too long - aborting\n`);
    return data;
  }

  /** PVE::Tools::file_set_contents: a `.tmp.<pid>` file renamed over the target. */
  ctFileSetContents(path: string, data: string, perms?: number): void {
    if (this.ctIsFileIgnored(path)) return;
    const tmp = `${path}.tmp.${this.rt.pid}`;
    const mode = perms ?? 0o666;
    let created = false;
    for (let tries = 0; !created && tries < 3; tries++) {
      try {
        this.ct.createExclusive(tmp, data, mode);
        created = true;
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        if (e.code !== 'EEXIST') die(`unable to open file '${tmp}' - ${strerror(e.code)}\n`);
        try {
          this.ct.unlink(tmp);
        } catch (u) {
          if (u instanceof FsError) die(`unable to delete old temp file: ${strerror(u.code)}\n`);
          throw u;
        }
      }
    }
    if (!created) die(`unable to open file '${tmp}' - ${strerror('EEXIST')}\n`);
    try {
      this.ct.rename(tmp, path);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      try {
        this.ct.unlink(tmp);
      } catch {
        // Perl ignores the result of this unlink
      }
      die(`close (rename) atomic file '${path}' failed: ${strerror(e.code)}\n`);
    }
    this.ctResetOwnership(path);
  }

  /**
   * Maintains the `# --- BEGIN PVE ---` … `# --- END PVE ---` section of a file: replaces
   * an existing section in place, or adds one (append, prepend or replace the whole file).
   */
  ctModifyFile(path: string, data: string, options: ModifyFileOptions = {}): void {
    if (this.ctIsFileIgnored(path)) return;
    if (perlTrue(data) && !data.endsWith('\n')) data += '\n';

    if (!this.ctFileExists(path)) {
      if (perlTrue(data)) this.ctFileSetContents(path, HEAD + data + TAIL, options.perms);
      return;
    }

    const lines = perlSplit(this.ctFileGetContents(path), /\n/);
    let beg: number | undefined;
    let end: number | undefined;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (beg === undefined && /^#[\t\n\x0B\f\r ]*---[\t\n\x0B\f\r ]*BEGIN[\t\n\x0B\f\r ]*PVE/.test(line)) {
        beg = i;
      }
      if (end === undefined && beg !== undefined && /^#[\t\n\x0B\f\r ]*---[\t\n\x0B\f\r ]*END[\t\n\x0B\f\r ]*PVE/i.test(line)) {
        end = i;
      }
      if (beg !== undefined && end !== undefined) break;
    }

    if (beg !== undefined && end !== undefined) {
      if (perlTrue(data)) {
        lines.splice(beg, end - beg + 1, HEAD + data + chomp(TAIL));
      } else {
        if (beg === 0 && end === lines.length - 1) {
          if (options.delete) this.ctUnlink(path);
          return;
        }
        lines.splice(beg, end - beg + 1, HEAD + data + TAIL);
      }
      this.ctFileSetContents(path, `${lines.join('\n')}\n`);
    } else if (perlTrue(data)) {
      const content = `${chomp(lines.join('\n'))}\n`;
      const section = HEAD + data + TAIL;
      if (options.replace) this.ctFileSetContents(path, section, options.perms);
      else if (options.prepend) this.ctFileSetContents(path, section + content, options.perms);
      else this.ctFileSetContents(path, content + section, options.perms);
    }
  }

  /** Drops the bogus `127.0.1.1 LXC_NAME` line that some templates ship. */
  removeLxcNameFromEtcHosts(): void {
    if (!this.ct.exists('/etc/hosts')) return;
    const hosts = this.ctFileGetContents('/etc/hosts');
    const lines = perlSplit(hosts, /\n/).filter((l) => !/^127[^\n]0[^\n]1[^\n]1[\t\n\x0B\f\r ]+LXC_NAME$/.test(l));
    this.ctFileSetContents('/etc/hosts', `${lines.join('\n')}\n`);
  }
}
