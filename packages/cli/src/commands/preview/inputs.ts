/** The non-rootfs inputs of `preview`, each read or checked with the option and file named. */
import { readFileSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { escapeValue, InputError, reason, resolveFrom } from '@pve-chainguard/testkit/input';
import type { CommandIo } from '../../Command.ts';
import { UsageError } from '../../exitCodes.ts';

/** Config, key and password files are small; a bigger one is a wrong argument. */
const MAX_TEXT_FILE = 1 << 20;

export function readTextFile(cwd: string, spec: string, option: string): { path: string; text: string } {
  const path = resolveFrom(cwd, spec);
  const where = `${option} '${escapeValue(spec)}'`;
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new InputError(`${where}: is a directory, not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${where}: ${reason(e)}`);
  }
  if (size > MAX_TEXT_FILE) throw new InputError(`${where}: ${size} bytes; more than ${MAX_TEXT_FILE} is not a ${option.slice(2)} file`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new InputError(`${where}: ${reason(e)}`);
  }
  const text = bytes.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(bytes)) throw new InputError(`${where}: not valid UTF-8 text`);
  return { path, text };
}

/** The root password from exactly one of --password, --password-file FILE, --password - (stdin). */
export async function readPassword(o: Record<string, string | undefined>, io: CommandIo): Promise<string | undefined> {
  const given = ['password', 'password-file'].filter((k) => o[k] !== undefined);
  if (given.length > 1) throw new UsageError('give only one of --password and --password-file');
  let text: string | undefined;
  if (o.password === '-') {
    if (!io.readStdin) throw new UsageError('--password -: no standard input to read');
    text = await io.readStdin();
  } else if (o['password-file'] !== undefined) {
    text = readTextFile(io.cwd, o['password-file'], '--password-file').text;
  } else {
    return o.password;
  }
  // a file or pipe ends its one line with a newline, which is not part of the password
  const password = text.replace(/\r?\n$/, '');
  if (password.includes('\n')) throw new InputError('the password must be one line (it holds a line break)');
  if (password === '') throw new InputError('the password read is empty');
  return password;
}

/** Host resolver values: one IP address; domain names separated by spaces. */
export function hostResolvConf(o: Record<string, string | undefined>): { dns1?: string; search?: string } {
  const out: { dns1?: string; search?: string } = {};
  if (o.nameserver !== undefined) {
    if (isIP(o.nameserver) === 0) throw new UsageError(`--nameserver '${escapeValue(o.nameserver)}' is not one IPv4 or IPv6 address`);
    out.dns1 = o.nameserver;
  }
  if (o.searchdomain !== undefined) {
    if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.?( [A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.?)*$/.test(o.searchdomain)) {
      throw new UsageError(`--searchdomain '${escapeValue(o.searchdomain)}' is not a list of domain names`);
    }
    out.search = o.searchdomain;
  }
  return out;
}

export function clockSeconds(time: string | undefined): number {
  if (time === undefined) return Math.floor(Date.now() / 1000);
  const now = Number(time);
  if (!/^\d+$/.test(time) || !Number.isSafeInteger(now)) throw new UsageError(`--time '${escapeValue(time)}' is not a count of epoch seconds`);
  return now;
}

/** `FILE:LINE` of the config line that sets `key`, for config error messages. */
export function configLineOf(file: string, text: string, key: string | undefined): string {
  if (key) {
    const i = text.split('\n').findIndex((l) => l.startsWith(`${key}:`));
    if (i >= 0) return `${file}:${i + 1}`;
  }
  return file;
}
