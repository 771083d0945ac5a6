/**
 * IP address syntax as PVE accepts it: dotted-quad IPv4 with decimal octets 0..255 and no
 * leading zeros, and the RFC 3986 `IPv6address` grammar (which allows an embedded IPv4 tail
 * and no zone index). Written from the RFC's ABNF.
 */

const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
export const IPV4_SOURCE = `(?:${OCTET}(?:\\.${OCTET}){3})`;

const H16 = '[0-9a-fA-F]{1,4}';
const LS32 = `(?:${H16}:${H16}|${IPV4_SOURCE})`;

/** `n` repetitions of `h16 ":"`. */
const h16Colon = (min: number, max: number): string => `(?:${H16}:){${min},${max}}`;
/** The optional head before `::`: up to `n + 1` groups, `[ *n( h16 ":" ) h16 ]`. */
const head = (n: number): string => (n < 0 ? '' : `(?:${h16Colon(0, n)}${H16})?`);

// The nine alternatives of RFC 3986 section 3.2.2, in order.
export const IPV6_SOURCE = `(?:${[
  `${h16Colon(6, 6)}${LS32}`,
  `::${h16Colon(5, 5)}${LS32}`,
  `(?:${H16})?::${h16Colon(4, 4)}${LS32}`,
  `${head(1)}::${h16Colon(3, 3)}${LS32}`,
  `${head(2)}::${h16Colon(2, 2)}${LS32}`,
  `${head(3)}::${H16}:${LS32}`,
  `${head(4)}::${LS32}`,
  `${head(5)}::${H16}`,
  `${head(6)}::`,
].join('|')})`;

export const IPV4_RE = new RegExp(`^${IPV4_SOURCE}$`);
export const IPV6_RE = new RegExp(`^${IPV6_SOURCE}$`);
/** `address/prefix` with the prefix as digits (range checked by the caller). */
export const CIDR4_RE = new RegExp(`^${IPV4_SOURCE}/(\\d+)$`);
export const CIDR6_RE = new RegExp(`^${IPV6_SOURCE}/(\\d+)$`);
