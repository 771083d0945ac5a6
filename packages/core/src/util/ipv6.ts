/**
 * IPv6 text: strict parsing (RFC 4291 section 2.2) and the canonical form of RFC 5952
 * section 4 — lower case, no leading zeros, `::` for the longest run of two or more zero
 * groups (the first such run on a tie), never for a single zero group. Mixed IPv4 notation
 * (RFC 5952 section 5) is not produced: `::ffff:1.2.3.4` formats as `::ffff:102:304`, which
 * is also what WHATWG URL serialisation prints.
 */

/** Eight 16-bit groups. */
export type Ipv6Groups = readonly number[];

const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;
const DOTTED_QUAD = /^(?:0|[1-9][0-9]{0,2})(?:\.(?:0|[1-9][0-9]{0,2})){3}$/;

/**
 * Parses `x:x:x:x:x:x:x:x`, the `::` shorthand (one or more zero groups) and a trailing
 * dotted quad. No zone index, no prefix, no leading zeros in the quad. Undefined if invalid.
 */
export function parseIpv6(text: string): Ipv6Groups | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0]!, halves.length === 1);
  const tail = halves.length === 2 ? parseGroups(halves[1]!, true) : [];
  if (head === undefined || tail === undefined) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const missing = 8 - head.length - tail.length;
  return missing >= 1 ? [...head, ...Array<number>(missing).fill(0), ...tail] : undefined;
}

/** Groups of one side of `::`; an IPv4 quad may end the address (`last`). */
function parseGroups(text: string, last: boolean): number[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (const [index, part] of parts.entries()) {
    if (HEX_GROUP.test(part)) {
      groups.push(parseInt(part, 16));
    } else if (last && index === parts.length - 1 && DOTTED_QUAD.test(part)) {
      const [a, b, c, d] = part.split('.').map(Number) as [number, number, number, number];
      if ([a, b, c, d].some((octet) => octet > 255)) return undefined;
      groups.push((a << 8) | b, (c << 8) | d);
    } else {
      return undefined;
    }
  }
  return groups;
}

/** RFC 5952 canonical text of eight 16-bit groups. */
export function formatIpv6(groups: Ipv6Groups): string {
  if (groups.length !== 8 || groups.some((group) => !Number.isInteger(group) || group < 0 || group > 0xffff)) {
    throw new RangeError(`formatIpv6: need eight 16-bit groups, got [${groups.join(', ')}]`);
  }
  let bestStart = -1;
  let bestLength = 1; // a run must be at least 2 groups long
  for (let start = 0; start < 8;) {
    let end = start;
    while (end < 8 && groups[end] === 0) end++;
    if (end - start > bestLength) [bestStart, bestLength] = [start, end - start];
    start = end === start ? start + 1 : end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** Canonical form of IPv6 text, or undefined when it does not parse. */
export function canonicalIpv6(text: string): string | undefined {
  const groups = parseIpv6(text);
  return groups === undefined ? undefined : formatIpv6(groups);
}

export function ipv6ToBigInt(groups: Ipv6Groups): bigint {
  return groups.reduce((value, group) => (value << 16n) | BigInt(group), 0n);
}

export function ipv6FromBigInt(value: bigint): Ipv6Groups {
  if (value < 0n || value >> 128n !== 0n) {
    throw new RangeError(`ipv6FromBigInt: ${value} is not 128-bit`);
  }
  return Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(16 * (7 - i))) & 0xffffn));
}
