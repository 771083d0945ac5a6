/**
 * Reading a pct container config (`/etc/pve/lxc/<vmid>.conf`).
 *
 * Line grammar (PVE::LXC::Config::parse_pct_config): blank lines are skipped; `#` lines
 * collect the description; `lxc.<key>: value` (or `= value`) lines are raw LXC keys kept
 * in order; `key: value` lines are pct options; `[name]` / `[pve:pending]` start snapshot
 * and pending sections, which are not the current config.
 *
 * Two modes:
 * - `strict` (our tools): every problem throws ConfigError(key, value, reason); nothing is
 *   dropped or overridden silently. Parsing stops at the first section header.
 * - `proxmox` (conformance): what PVE does when it reads the file. A bad value only warns
 *   `vm <vmid> - unable to parse value of '<key>' - <reason>` and is KEPT as written (PVE
 *   assigns the raw value after the failed check, whatever the type: boolean, integer,
 *   number, format or property string); unknown keys warn and are kept too; unparsable
 *   lines and refused `lxc.*` keys warn and are dropped. Sections after the first header
 *   are parsed for their warnings only.
 */
import { pveCheckType, strictCheckValue } from './checkPctValue.ts';
import { decodeText } from './decodeText.ts';
import { PveCheckFailure, type FormatContext } from './formats.ts';
import { classifyLxcKey } from './lxcKeys.ts';
import { parseLxcNetwork } from './parseLxcNetwork.ts';
import { PERL_SPACE, perlSplit, perlTrue } from './perlText.ts';
import { ConfigError, type PctConf } from './types.ts';
import type { ReleaseProfile } from '../release/profiles.ts';
import { ZONE_TAB_ZONES } from './zoneTab.ts';

export interface ParsePctConfigOptions {
  readonly mode: 'strict' | 'proxmox';
  /** The container id named in PVE's warnings; default 100. */
  readonly vmid?: number;
  /** Valid time zones besides `UTC` and `host`; default: Debian 12 tzdata's zone.tab. */
  readonly zones?: ReadonlySet<string>;
  /** The pve-container whose keys and formats apply; PVE 9 when absent. */
  readonly release?: ReleaseProfile;
}

export interface ParsedPctConfig {
  conf: PctConf;
  /** Warnings PVE would print, each ending in "\n" (strict mode: only non-fatal notices). */
  warnings: string[];
}

let defaultZones: ReadonlySet<string> | undefined;

/** The default zone set (tzdata's zone.tab of Debian 12). */
export function defaultTimeZones(): ReadonlySet<string> {
  defaultZones ??= new Set(ZONE_TAB_ZONES);
  return defaultZones;
}

const S = PERL_SPACE;
// Perl's `.` is any character but "\n"; `\S` is the complement of its `\s`.
const NON_SPACE = '[^ \\t\\n\\r\\f\\v]';
const BLANK_RE = new RegExp(`^${S}*$`);
const PENDING_RE = new RegExp(`^\\[pve:pending\\]${S}*$`, 'i');
const SNAPSHOT_RE = new RegExp(`^\\[([a-z][a-z0-9_\\-]+)\\]${S}*$`, 'i');
const COMMENT_RE = /^#([^\n]*)$/;
const LXC_RE = new RegExp(`^(lxc\\.[a-z0-9_\\-.]+)(?::|${S}*=)${S}*([^\\n]*?)${S}*$`);
const DESCRIPTION_RE = new RegExp(`^description:${S}*([^\\n]*${NON_SPACE})${S}*$`);
// PVE does not anchor this one: any line ending in "snapstate: prepare|delete" matches.
const SNAPSTATE_RE = new RegExp(`snapstate:${S}*(prepare|delete)${S}*$`);
const DELETE_RE = new RegExp(`^delete:${S}*([^\\n]*${NON_SPACE})${S}*$`);
const OPTION_RE = new RegExp(`^([a-z][a-z_]*\\d*):${S}*([^\\n]+?)${S}*$`);

export function parsePctConfig(text: string, opts: ParsePctConfigOptions): ParsedPctConfig {
  const ctx: FormatContext = { zones: opts.zones ?? defaultTimeZones(), release: opts.release };
  const vmid = opts.vmid ?? 100;
  return opts.mode === 'strict' ? parseStrict(text, ctx, vmid) : parseAsPve(text, ctx, vmid);
}

type ConfRecord = Record<string, unknown> & { lxc?: Array<[string, string]>; env?: string };

function parseAsPve(text: string, ctx: FormatContext, vmid: number): ParsedPctConfig {
  const warnings: string[] = [];
  const warn = (message: string): void => {
    warnings.push(`vm ${vmid} - ${message}\n`);
  };
  const main: ConfRecord = {};
  let conf = main;
  let section = '';
  let descr = '';
  const storeDescription = (): void => {
    // PVE tests Perl truth: a description that is exactly "0" is lost.
    if (perlTrue(descr)) conf.description = descr;
    descr = '';
  };

  for (const line of perlSplit(text, '\n')) {
    if (BLANK_RE.test(line)) continue;
    const header = PENDING_RE.test(line) ? 'pending' : SNAPSHOT_RE.exec(line)?.[1];
    if (header !== undefined) {
      section = header;
      storeDescription();
      conf = {};
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = COMMENT_RE.exec(line))) {
      descr += `${decodeText(m[1] ?? '')}\n`;
    } else if ((m = LXC_RE.exec(line))) {
      const key = m[1] ?? '';
      const value = m[2] ?? '';
      const verdict = classifyLxcKey(key, ctx.release);
      if (verdict.kind === 'warn') warn(verdict.notice);
      if (key === 'lxc.environment.runtime' && verdict.kind !== 'unknown') {
        conf.env = conf.env === undefined ? value : `${conf.env}\0${value}`;
      } else if (verdict.kind === 'ok' || verdict.kind === 'warn') {
        (conf.lxc ??= []).push([key, value]);
      } else if (verdict.kind === 'refused') {
        warn(`${key}: ${verdict.reason}`);
      } else {
        warn(`unable to parse config: ${line}`);
      }
    } else if ((m = DESCRIPTION_RE.exec(line))) {
      descr += decodeText(m[1] ?? '');
    } else if ((m = SNAPSTATE_RE.exec(line))) {
      conf.snapstate = m[1];
    } else if ((m = DELETE_RE.exec(line))) {
      if (section === 'pending') conf.delete = m[1];
      else warn("property 'delete' is only allowed in [pve:pending]");
    } else if ((m = OPTION_RE.exec(line))) {
      const key = m[1] ?? '';
      let value = m[2] ?? '';
      try {
        value = pveCheckType(key, value, ctx);
      } catch (err) {
        if (!(err instanceof PveCheckFailure)) throw err;
        warnings.push(`vm ${vmid} - unable to parse value of '${key}' - ${err.perlMessage}`);
      }
      // An unknown key "lxc" would clobber the raw-line list (PVE then dies on the next
      // lxc.* line); it is warned about above and not stored.
      if (key !== 'lxc') conf[key] = value;
    } else {
      warn(`unable to parse config: ${line}`);
    }
  }
  storeDescription();
  delete main.snapstate;
  return { conf: main as PctConf, warnings };
}

function parseStrict(text: string, ctx: FormatContext, vmid: number): ParsedPctConfig {
  const warnings: string[] = [];
  const conf: ConfRecord = {};
  const firstLine = new Map<string, number>();
  let descr = '';
  let envFromRuntime = false;

  const lines = perlSplit(text, '\n');
  for (const [index, line] of lines.entries()) {
    const lineNo = index + 1;
    if (BLANK_RE.test(line)) continue;
    if (PENDING_RE.test(line) || SNAPSHOT_RE.test(line)) break;
    let m: RegExpExecArray | null;
    if ((m = COMMENT_RE.exec(line))) {
      descr += `${decodeText(m[1] ?? '')}\n`;
    } else if ((m = LXC_RE.exec(line))) {
      const key = m[1] ?? '';
      const value = m[2] ?? '';
      if (/[\x00-\x08\x0a-\x1f\x7f]/.test(value)) throw new ConfigError(key, value, 'control characters are not allowed');
      const verdict = classifyLxcKey(key, ctx.release);
      if (key === 'lxc.environment.runtime' && verdict.kind !== 'unknown') {
        if (!/^\w+=/.test(value)) throw new ConfigError(key, value, 'expected NAME=value');
        if (firstLine.has('env')) throw new ConfigError(key, value, `'env' is already set on line ${firstLine.get('env')}`);
        conf.env = conf.env === undefined ? value : `${conf.env}\0${value}`;
        envFromRuntime = true;
      } else if (verdict.kind === 'ok' || (verdict.kind === 'warn' && !verdict.renamed)) {
        if (verdict.kind === 'warn') warnings.push(`vm ${vmid} - ${verdict.notice}\n`);
        if (key === 'lxc.idmap') checkIdmap(value);
        (conf.lxc ??= []).push([key, value]);
      } else if (verdict.kind === 'warn') {
        throw new ConfigError(key, value, verdict.notice);
      } else if (verdict.kind === 'refused') {
        throw new ConfigError(key, value, verdict.reason);
      } else {
        throw new ConfigError(key, value, 'not an lxc key pct configs may set');
      }
    } else if ((m = DESCRIPTION_RE.exec(line))) {
      descr += decodeText(m[1] ?? '');
    } else if ((m = OPTION_RE.exec(line))) {
      const key = m[1] ?? '';
      const value = m[2] ?? '';
      if (key === 'snapstate' || key === 'delete') {
        throw new ConfigError(key, value, 'only allowed in snapshot or pending sections');
      }
      const first = firstLine.get(key);
      if (first !== undefined) throw new ConfigError(key, value, `duplicate key (first set on line ${first})`);
      if (key === 'env' && envFromRuntime) {
        throw new ConfigError(key, value, "'env' is already set by lxc.environment.runtime lines");
      }
      conf[key] = strictCheckValue(key, value, ctx);
      firstLine.set(key, lineNo);
    } else {
      const guess = /^([^:=]*)[:=]/.exec(line)?.[1]?.trim() ?? '';
      throw new ConfigError(guess, line, `unable to parse config line ${lineNo}`);
    }
  }
  if (descr !== '') conf.description = descr;
  checkUniqueNicNames(conf, ctx.release);
  return { conf: conf as PctConf, warnings };
}

/** `lxc.idmap: u|g <container id> <host id> <count>`. */
function checkIdmap(value: string): void {
  const m = /^[ug][ \t]+(\d+)[ \t]+(\d+)[ \t]+(\d+)$/.exec(value);
  const ids = m ? [m[1], m[2], m[3]].map(Number) : [];
  if (!m || ids.some((id) => id > 0xffffffff) || ids[2] === 0) {
    throw new ConfigError('lxc.idmap', value, 'expected "u|g <container id> <host id> <count>" (count >= 1)');
  }
}

/** Two NICs with one in-container name would overwrite each other's network file. */
function checkUniqueNicNames(conf: ConfRecord, release: ReleaseProfile | undefined): void {
  const owner = new Map<string, string>();
  const netKeys = Object.keys(conf)
    .filter((key) => /^net\d+$/.test(key))
    .sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)));
  for (const key of netKeys) {
    const value = String(conf[key]);
    const { name } = parseLxcNetwork(value, { key, release });
    const other = owner.get(name);
    if (other !== undefined) throw new ConfigError(key, value, `interface name '${name}' is also used by ${other}`);
    owner.set(name, key);
  }
}
