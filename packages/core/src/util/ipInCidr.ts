import { ADDRESS_BITS, NON_SPACE, bitsToAddress, netIpNew, type IpVersion, type NetIpRange } from './netIp.ts';

const CIDR = new RegExp(`^(${NON_SPACE}+?)/(${NON_SPACE}+)$`);
/** The leading number Perl reads from a string (`"24abc"` → 24, `"1e1"` → 10, `"x"` → 0). */
const PERL_NUMBER = /^[\t\n\v\f\r ]*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/;
const PERL_NON_FINITE = /^[\t\n\v\f\r ]*[+-]?(?:inf(?:inity)?|nan)/i;

/**
 * PVE::Network::is_ip_in_cidr($ip, $cidr, $version): true when the address (or Net::IP
 * range) `ip` lies inside the network `cidr` — host bits of the CIDR address are masked off
 * first, so `10.0.0.1` is in `10.0.0.5/8`. Without `version` both sides pick their own, and
 * an IPv4/IPv6 mix is false. Invalid input is false (upstream returns undef).
 */
export function isIpInCidr(ip: string, cidr: string, version?: IpVersion): boolean {
  // Pure, and asked about the same gateway and network in case after case.
  const key = `${version ?? ''}:${ip.length}:${ip}${cidr}`; // unambiguous: the length splits
  let answer = answers.get(key);
  if (answer === undefined) {
    if (answers.size >= 4096) answers.clear();
    answer = computeIsIpInCidr(ip, cidr, version);
    answers.set(key, answer);
  }
  return answer;
}

const answers = new Map<string, boolean>();

function computeIsIpInCidr(ip: string, cidr: string, version?: IpVersion): boolean {
  const network = ipFromCidr(cidr, version);
  const address = netIpNew(ip, version);
  if (network === undefined || address === undefined || network.version !== address.version) {
    return false;
  }
  return network.first <= address.first && address.last <= network.last;
}

/**
 * PVE::Network::IP_from_cidr: split at the first `/`, mask the address with a mask built from
 * the prefix read as a Perl number, then `Net::IP->new("<masked>/<prefix>")`. A prefix that
 * is not plain digits therefore yields the single masked address (`1.2.3.4/24abc` →
 * 1.2.3.0), as upstream does.
 */
export function ipFromCidr(cidr: string, version?: IpVersion): NetIpRange | undefined {
  if (cidr.includes('\n')) return undefined;
  const match = CIDR.exec(cidr);
  if (!match) return undefined;
  const [, ipText, prefixText] = match as unknown as [string, string, string];
  const address = netIpNew(ipText, version);
  if (address === undefined) return undefined;

  const size = ADDRESS_BITS[address.version];
  const prefix = perlNumber(prefixText);
  if (!Number.isFinite(prefix)) return undefined; // a non-finite repeat count gives an empty mask
  // Perl's `x` truncates its count; the string `&` keeps the shorter operand's length.
  const ones = Math.min(size, Math.max(0, Math.trunc(prefix)));
  const zeros = Math.max(0, Math.trunc(size - prefix));
  const mask = '1'.repeat(ones) + '0'.repeat(Math.min(zeros, size));
  const length = Math.min(address.first.length, ones + zeros);
  let masked = '';
  for (let i = 0; i < length; i++) masked += address.first[i] === '1' && mask[i] === '1' ? '1' : '0';
  return netIpNew(`${bitsToAddress(masked, address.version)}/${prefixText}`);
}

function perlNumber(text: string): number {
  const number = PERL_NUMBER.exec(text);
  if (number) return Number(number[0].trim());
  const special = PERL_NON_FINITE.exec(text);
  if (special) {
    return /nan/i.test(special[0]) ? NaN : special[0].includes('-') ? -Infinity : Infinity;
  }
  return 0;
}
