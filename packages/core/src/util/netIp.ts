/**
 * The parts of Perl's Net::IP (1.26, Debian 12) that PVE::Network::is_ip_in_cidr relies on:
 * address validation, expansion and `Net::IP->new` ranges. Addresses travel as bit strings
 * ('0'/'1' characters, 32 or 128 long) exactly as Net::IP keeps them, so its string-level
 * quirks carry over.
 *
 * Not modelled: text containing a newline (Net::IP's `$` accepts one before the end, with odd
 * results for IPv6) and the `<ip> + <number>` form; both are refused (undefined).
 */

export type IpVersion = 4 | 6;

export interface NetIpRange {
  version: IpVersion;
  /** First and last address as bit strings. */
  first: string;
  last: string;
}

export const ADDRESS_BITS: Record<IpVersion, number> = { 4: 32, 6: 128 };
/** Perl's `\S` on byte strings (no unicode_strings in Net::IP or PVE::Network). */
export const NON_SPACE = '[^\\t\\n\\v\\f\\r ]';

/** ip_is_ipv4: dotted decimal with 1–4 parts, each 0–255 (leading zeros allowed). */
export function isIpv4Text(ip: string): boolean {
  if (!/^[0-9.]+$/.test(ip) || ip.startsWith('.') || ip.endsWith('.')) return false;
  if (/^[0-9]+$/.test(ip) && Number(ip) < 256) return true;
  if (ip.split('.').length - 1 > 3 || ip.includes('..')) return false;
  return ip.split('.').every((quad) => Number(quad) < 256);
}

/** ip_is_ipv6: 1–7 colons, hex groups of 1–4 digits, an IPv4 tail, at most one `::`. */
export function isIpv6Text(ip: string): boolean {
  let colons = ip.split(':').length - 1;
  if (colons < 1 || colons > 7) return false;
  const groups = perlSplit(ip, ':');
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i]!;
    if (group === '' || /^[0-9a-f]{1,4}$/i.test(group)) continue;
    // Only the group after the last colon may be IPv4; it counts as two groups.
    if (i === colons && isIpv4Text(group)) {
      colons++;
      continue;
    }
    return false;
  }
  if (/^:[^:]/.test(ip) || /[^:]:$/.test(ip)) return false;
  if ((ip.match(/:(?=:)/g) ?? []).length > 1) return false;
  return colons === 7 || ip.includes('::');
}

/** ip_get_version: 4 for IPv4 text without colons, 6 for IPv6 text, else undefined. */
export function ipVersionOf(ip: string): IpVersion | undefined {
  if (!ip.includes(':') && isIpv4Text(ip)) return 4;
  if (isIpv6Text(ip)) return 6;
  return undefined;
}

/**
 * ip_expand_address: IPv4 padded with `.0` parts (`10.1` → `10.1.0.0`), IPv6 as eight
 * lower-case 4-digit groups. Checks little beyond digit counts (callers validated first).
 */
export function expandAddress(ip: string, version: IpVersion): string | undefined {
  if (version === 4) {
    const quads = perlSplit(ip, '.');
    if (quads.length > 4 || !quads.every((quad) => /^[0-9]{1,3}$/.test(quad))) return undefined;
    return [...quads.map(Number), 0, 0, 0, 0].slice(0, 4).join('.');
  }
  if ((ip.match(/::/g) ?? []).length > 1) return undefined;
  const parts = perlSplit(ip.replace(/::/g, ':!:'), ':');
  let count = parts.length;
  const expanded: string[] = [];
  for (const part of parts) {
    if (part.includes('.')) {
      const v4 = expandAddress(part, 4);
      const bits = v4 === undefined ? undefined : addressToBits(v4, 4);
      if (bits === undefined) return undefined;
      expanded.push(bitsToAddress(bits, 6).slice(-9));
      count++;
    } else {
      expanded.push(part.padStart(4, '0'));
    }
  }
  const gap = expanded.indexOf('000!');
  if (gap >= 0) {
    expanded[gap] = Array.from({ length: Math.max(0, 9 - count) }, () => '0000').join(':');
  }
  return expanded.join(':').toLowerCase();
}

/** ip_iptobin on an expanded address; undefined when it does not have the right length. */
export function addressToBits(expanded: string, version: IpVersion): string | undefined {
  if (version === 4) {
    const quads = expanded.split('.').map(Number);
    if (quads.length !== 4 || quads.some((quad) => !(quad >= 0 && quad <= 255))) return undefined;
    return quads.map((quad) => quad.toString(2).padStart(8, '0')).join('');
  }
  const hex = expanded.replace(/:/g, '');
  if (hex.length !== 32 || !/^[0-9a-f]+$/i.test(hex)) return undefined;
  return BigInt(`0x${hex}`).toString(2).padStart(128, '0');
}

/** ip_bintoip: left-pads short bit strings; IPv6 comes out as 8 four-digit groups. */
export function bitsToAddress(bits: string, version: IpVersion): string {
  const full = bits.padStart(ADDRESS_BITS[version], '0');
  if (version === 4) {
    return [0, 8, 16, 24].map((at) => parseInt(full.slice(at, at + 8), 2)).join('.');
  }
  const hex = BigInt(`0b${full}`).toString(16).padStart(32, '0');
  return Array.from({ length: 8 }, (_, i) => hex.slice(4 * i, 4 * i + 4)).join(':');
}

/**
 * `Net::IP->new($data, $version)`: a single address, `ip/len` (host bits must be zero;
 * `/a,/b` chains continue after the block), or `ip - ip`. Undefined where Net::IP fails,
 * including when `version` is given and does not match the address.
 */
export function netIpNew(data: string, version?: IpVersion): NetIpRange | undefined {
  if (data.includes('\n')) return undefined;
  const normalized = normalize(data);
  if (normalized === undefined) return undefined;
  const [begin, end] = normalized;
  const objectVersion = version ?? ipVersionOf(begin);
  if (objectVersion === undefined || ipVersionOf(end) !== objectVersion) return undefined;
  const first = addressToBits(begin, objectVersion);
  const last = addressToBits(end, objectVersion);
  if (first === undefined || last === undefined || first > last) return undefined;
  return { version: objectVersion, first, last };
}

/** `address/prefix…`, compiled once (normalize runs for every address Base checks). */
const PREFIXED = new RegExp(`^(${NON_SPACE}+?)(/${NON_SPACE}+)$`);

/** ip_normalize: the expanded first and last address of `data`. */
function normalize(data: string): [string, string] | undefined {
  const prefix = PREFIXED.exec(data);
  if (prefix) {
    const version = ipVersionOf(prefix[1]!);
    const ip = version && expandAddress(prefix[1]!, version);
    let bits = version && ip && addressToBits(ip, version);
    if (!version || !ip || !bits) return undefined;
    let rest = prefix[2]!;
    for (let step = /^\/([0-9]+)(,|$)/.exec(rest); step; step = /^\/([0-9]+)(,|$)/.exec(rest)) {
      rest = rest.slice(step[0].length);
      const length = Number(step[1]);
      if (!prefixFits(bits, length)) return undefined;
      bits = bits.slice(0, length).padEnd(bits.length, '1');
      if (step[2] === ',') {
        // ip_binadd drops the final carry: the last address wraps to zero.
        bits = (BigInt(`0b${bits}`) + 1n).toString(2).padStart(bits.length, '0').slice(-bits.length);
      }
      if (rest === '') break;
    }
    return [ip, bitsToAddress(bits, version)];
  }
  const range = /^(.+?)[\t\v\f\r ]*-[\t\v\f\r ]*(.+)$/.exec(data);
  if (range) {
    const version = ipVersionOf(range[1]!);
    const begin = version && expandAddress(range[1]!, version);
    const end = version && expandAddress(range[2]!, version);
    return begin && end ? [begin, end] : undefined;
  }
  if (/^(.+?)[\t\v\f\r ]+\+[\t\v\f\r ]+(.+)$/.test(data)) return undefined;
  const version = ipVersionOf(data);
  const ip = version && expandAddress(data, version);
  return ip ? [ip, ip] : undefined;
}

/** ip_check_prefix: the length fits the address and every host bit is zero. */
export function prefixFits(bits: string, length: number): boolean {
  return length <= bits.length && /^0*$/.test(bits.slice(length));
}

/** Perl's `split /sep/`: trailing empty fields are dropped. */
function perlSplit(text: string, separator: string): string[] {
  const fields = text.split(separator);
  while (fields.length > 0 && fields[fields.length - 1] === '') fields.pop();
  return fields;
}
