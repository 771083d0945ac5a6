/**
 * The parts of Proxmox's Base.pm that the Perl harness writes by hand (PVE::LXC::Setup::CtHelpers)
 * because they rest on Perl primitives: the passwd/shadow rewriter with crypt(), the home
 * directory lookup over a file handle, and the crontab randomiser with rand(). Base.ts keeps the
 * methods (tagged @perlHandWritten) and delegates here. Not under base/: perlgen compiles the
 * Base model's `./` siblings into the generated Base, and these have no Perl mapping.
 */
import type { CtHelpers } from '../base/CtHelpers.ts';
import { FsError } from '../fs/CtFsApi.ts';
import { PerlDie } from '../runtime/PerlDie.ts';
import { currentRuntime } from '../runtime/current.ts';
import { NWS, perlSplit, utf8Bytes, WS } from '../runtime/perlText.ts';
import { isProxmoxCryptString, proxmoxSalt } from '../util/proxmoxSalt.ts';
import { sha512Crypt } from '../util/sha512Crypt.ts';

const CRON_LINE = new RegExp(`^[0-9]+(${WS}+${NWS}+${WS}+${NWS}+${WS}+${NWS}+${WS}+${NWS}+${WS}+root${WS}+${NWS}[^\\n]*)$`);

/** Lines as Perl's `<$fh>` returns them: each with its newline, the last perhaps without. */
function splitLinesKeepEnds(data: string): string[] {
  return data.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Rewrites one passwd/shadow line through a `<file>.<pid>` copy that keeps mode and owner. */
function replacePw(h: CtHelpers, file: string, user: string, epw: string, shadow: boolean): void {
  const rt = currentRuntime();
  const tmpfile = `${file}.${rt.pid}`;
  try {
    const src = rt.ct.readFile(file);
    const st = rt.ct.stat(file)!;
    rt.ct.writeNoTrunc(tmpfile, '', 0o666);
    h.ctResetOwnership(tmpfile);
    rt.ct.chmod(tmpfile, st.mode);
    rt.ct.chown(tmpfile, st.uid, st.gid);
    const lastChange = Math.floor(rt.now() / 86400);
    // Proxmox interpolates the user name into the pattern unescaped.
    const pattern = shadow ? new RegExp(`^${user}:[^:]*:[^:]*:`) : new RegExp(`^${user}:[^:]*:`);
    const replacement = shadow ? `${user}:${epw}:${lastChange}:` : `${user}:${epw}:`;
    const out = splitLinesKeepEnds(src).map((line) => line.replace(pattern, () => replacement));
    rt.ct.writeNoTrunc(tmpfile, out.join(''), 0o666);
  } catch (e) {
    if (!(e instanceof FsError || e instanceof PerlDie)) throw e;
    h.ctUnlink(tmpfile);
    return;
  }
  h.ctRename(tmpfile, file);
  h.ctUnlink(tmpfile);
}

/** Base's set_user_password: SHA-512 crypt with the Proxmox salt, into shadow when there is one. */
export function setUserPassword(h: CtHelpers, user: string, password: string | undefined): void {
  const pwfile = '/etc/passwd';
  if (!h.ctFileExists(pwfile)) return;
  let epw: string;
  if (password === undefined) epw = '*';
  else if (isProxmoxCryptString(password)) epw = password;
  else epw = sha512Crypt(utf8Bytes(password), proxmoxSalt(currentRuntime().now()));
  if (h.ctFileExists('/etc/shadow')) {
    replacePw(h, '/etc/shadow', user, epw, true);
    replacePw(h, pwfile, user, 'x', false);
  } else {
    replacePw(h, pwfile, user, epw, false);
  }
}

/** Base's parse_home_dir: the sixth field of the user's line. */
export function parseHomeDir(passwdfile: string, user: string): string {
  const re = new RegExp(`^${user}:(?:[^:]*:){4}([^:]*):`);
  for (const line of splitLinesKeepEnds(currentRuntime().ct.readFile(passwdfile))) {
    const m = re.exec(line);
    if (m) return m[1]!;
  }
  return ''; // the Perl sub falls off its loop and yields an empty value
}

/** Base's randomize_crontab: spreads root cron jobs over the hour (Perl `rand` after `srand(0)`). */
export function randomizeCrontab(h: CtHelpers): void {
  const rt = currentRuntime();
  const files: string[] = [];
  if (rt.ct.isDir('/etc/cron.d')) {
    for (const name of rt.ct.readdir('/etc/cron.d')) {
      if (/^[A-Z\-_a-z0-9]+$/.test(name)) files.push(`/etc/cron.d/${name}`);
    }
  }
  if (h.ctFileExists('/etc/crontab')) files.unshift('/etc/crontab');
  for (const filename of files) {
    let out = '';
    for (const line of perlSplit(h.ctFileGetContents(filename), /\n/)) {
      const m = CRON_LINE.exec(line);
      out += m ? `${Math.floor(rt.rand() * 59)}${m[1]}\n` : `${line}\n`;
    }
    h.ctFileSetContents(filename, out);
  }
}
