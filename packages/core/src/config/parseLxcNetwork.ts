/**
 * `netN` property strings: parsing (strict, or exactly as PVE's `parse_lxc_network`) and
 * printing in PVE's key order.
 */
import { PveCheckFailure, type FormatContext, isCidr4, isCidr6 } from './formats.ts';
import { parsePveBoolean, perlTrue } from './perlText.ts';
import { checkPropValue, parsePropertyString } from './propertyString.ts';
import type { ReleaseProfile } from '../release/profiles.ts';
import { NET_SCHEMA, netSchema } from './schema.ts';
import { ConfigError, type NetConf } from './types.ts';

export interface ParseLxcNetworkOptions {
  /** The config key (`net0` …) named in errors; default `netN`. */
  readonly key?: string;
  /** The pve-container whose `netN` options apply; PVE 9 when absent. */
  readonly release?: ReleaseProfile;
}

// Property-string checks of netN never consult time zones.
const NO_ZONES: FormatContext = { zones: new Set() };

/**
 * Strict parse of a `netN` value into a NetConf with `type: 'veth'` and booleans as
 * "1"/"0". Throws ConfigError(key, offending `k=v` part, reason) on: empty elements, a
 * part without `=` (a `,` inside a value), `=` inside a value, control characters, an
 * unknown or repeated key, any value PVE's schema rejects (CIDR prefixes must be 8..32 and
 * 8..128, as PVE requires), a missing or over-long `name`, VLAN ids outside 1..4094 in
 * `trunks`, and a gateway without an address (`gw` needs `ip` static or dhcp, `gw6` needs
 * `ip6` static, dhcp or auto). Unlike PVE, no MAC address is made up when `hwaddr` is
 * missing: the model has no randomness of its own.
 */
export function parseLxcNetwork(str: string, opts: ParseLxcNetworkOptions = {}): NetConf {
  const key = opts.key ?? 'netN';
  const schema = netSchema(opts.release);
  const bad = (part: string, reason: string): never => {
    throw new ConfigError(key, part, reason);
  };

  const values: Record<string, string> = {};
  const parts: Record<string, string> = {};
  for (const part of str.split(',')) {
    if (part === '') bad(part, "empty element (stray ',')");
    if (/[\x00-\x1f\x7f]/.test(part)) bad(part, 'control characters are not allowed');
    const eq = part.indexOf('=');
    if (eq < 0) bad(part, "element without 'key=' (a ',' inside a value?)");
    const name = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (name === '') bad(part, 'element without a key');
    if (value === '') bad(part, `empty value for '${name}'`);
    if (value.includes('=')) bad(part, `'=' inside the value of '${name}'`);
    if (!Object.hasOwn(schema, name)) bad(part, `unknown key '${name}'`);
    if (values[name] !== undefined) bad(part, `duplicate key '${name}'`);
    const prop = schema[name];
    values[name] = prop?.type === 'boolean' ? (parsePveBoolean(value) ?? value) : value;
    parts[name] = part;
  }

  for (const [name, value] of Object.entries(values)) {
    const prop = schema[name];
    const problem = prop === undefined ? undefined : checkPropValue(value, prop, NO_ZONES);
    if (problem !== undefined) bad(parts[name] ?? value, `${name}: ${problem}`);
    if ((name === 'mtu' || name === 'tag') && !/^(?:0|[1-9]\d*)$/.test(value)) {
      bad(parts[name] ?? value, `${name}: not a plain decimal number`);
    }
    if (name === 'rate' && Number(value) < 0) bad(parts[name] ?? value, 'rate: must not be negative');
  }

  const ifname = values.name;
  if (ifname === undefined) return bad(str, "missing required key 'name'");
  // Linux interface names: at most 15 bytes (IFNAMSIZ - 1), never "." or "..".
  if (ifname.length > 15) bad(parts.name ?? ifname, 'name: longer than 15 characters');
  if (ifname === '.' || ifname === '..') bad(parts.name ?? ifname, 'name: not a valid interface name');
  for (const vlan of values.trunks?.split(';') ?? []) {
    if (Number(vlan) < 1 || Number(vlan) > 4094) bad(parts.trunks ?? vlan, `trunks: VLAN id ${vlan} is not in 1..4094`);
  }
  const { ip, gw, ip6, gw6 } = values;
  if (gw !== undefined && !(ip === 'dhcp' || (ip !== undefined && isCidr4(ip)))) {
    bad(parts.gw ?? gw, `gw without address (ip is ${ip === undefined ? 'not set' : `'${ip}'`})`);
  }
  if (gw6 !== undefined && !(ip6 === 'dhcp' || ip6 === 'auto' || (ip6 !== undefined && isCidr6(ip6)))) {
    bad(parts.gw6 ?? gw6, `gw6 without address (ip6 is ${ip6 === undefined ? 'not set' : `'${ip6}'`})`);
  }
  for (const name of ['ip', 'ip6']) {
    const prefix = values[name]?.split('/')[1];
    if (prefix !== undefined && /^0\d/.test(prefix)) bad(parts[name] ?? str, `${name}: prefix length with a leading zero`);
  }

  return { ...values, name: ifname, type: 'veth' };
}

/**
 * What PVE's `parse_lxc_network` returns: `{}` for "" or "0" (Perl false), else the parsed
 * keys plus `type: 'veth'` (no MAC address is generated). On invalid input throws
 * ConfigError whose `reason` is PVE's exact die text (trailing newline included).
 */
export function parseLxcNetworkAsPve(str: string, opts: ParseLxcNetworkOptions = {}): Partial<NetConf> {
  if (!perlTrue(str)) return {};
  try {
    return { ...parsePropertyString(netSchema(opts.release), str, NO_ZONES), type: 'veth' };
  } catch (err) {
    if (err instanceof PveCheckFailure) throw new ConfigError(opts.key ?? 'netN', str, err.perlMessage);
    throw err;
  }
}

/**
 * `print_lxc_network`: `name` (the one required key) first, then the other set keys in
 * byte order, as `key=value`. Throws ConfigError if the NetConf would not parse back.
 */
export function printLxcNetwork(net: NetConf): string {
  const entries = Object.entries(net).filter((entry): entry is [string, string] => entry[1] !== undefined);
  for (const [name, value] of entries) {
    const prop = Object.hasOwn(NET_SCHEMA, name) ? NET_SCHEMA[name] : undefined;
    if (prop === undefined) throw new ConfigError('netN', String(value), `invalid key '${name}'`);
    const problem = checkPropValue(value, prop, NO_ZONES);
    if (problem !== undefined) throw new ConfigError('netN', value, `${name}: ${problem}`);
    if (value.includes(',')) throw new ConfigError('netN', value, `illegal value with commas for ${name}`);
  }
  const order = (name: string): string => (name === 'name' ? '' : name);
  return entries
    .sort(([a], [b]) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join(',');
}
