/**
 * The named value formats pct config keys use, with the messages PVE dies with (each ends
 * in "\n" like the Perl `die`). Facts from PVE::JSONSchema (pve-common), PVE::LXC::Config
 * and PVE::Storage at the versions named in oracle/README.md.
 */
import type { ReleaseProfile } from '../release/profiles.ts';
import { CIDR4_RE, CIDR6_RE, IPV4_RE, IPV6_RE } from './ipSyntax.ts';
import { perlMatchesWhole, splitList } from './perlText.ts';

/** A PVE check died; `perlMessage` is the die text, trailing newline included. */
export class PveCheckFailure extends Error {
  constructor(readonly perlMessage: string) {
    super(perlMessage.replace(/\n+$/, ''));
  }
}

export interface FormatContext {
  /** Valid time zone names besides `UTC` (and `host` for containers). */
  readonly zones: ReadonlySet<string>;
  /** The pve-container whose schema applies; PVE 9 when absent. */
  readonly release?: ReleaseProfile;
}

type Verifier = (value: string, ctx: FormatContext) => void;

const fail = (message: string): never => {
  throw new PveCheckFailure(message);
};

const whole = perlMatchesWhole;

const DNS_LABEL = '[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?';
const DNS_NAME_RE = new RegExp(`^(?:${DNS_LABEL}\\.)*${DNS_LABEL}$`);

export const isIpv4 = (value: string): boolean => whole(IPV4_RE, value);
export const isIpv6 = (value: string): boolean => whole(IPV6_RE, value);
export const isIp = (value: string): boolean => isIpv4(value) || isIpv6(value);
export const isDnsName = (value: string): boolean => whole(DNS_NAME_RE, value);

/** PVE's CIDR check: the prefix must be 8..max (PVE refuses /0 to /7). */
function cidrOk(re: RegExp, max: number, value: string): boolean {
  const match = re.exec(value) ?? (value.endsWith('\n') ? re.exec(value.slice(0, -1)) : null);
  if (match?.[1] === undefined) return false;
  const prefix = Number(match[1]);
  return prefix > 7 && prefix <= max;
}
export const isCidr4 = (value: string): boolean => cidrOk(CIDR4_RE, 32, value);
export const isCidr6 = (value: string): boolean => cidrOk(CIDR6_RE, 128, value);

/** `pve-iface`: a host-style interface name, optionally with `:N` or `.N`. */
export const isPveIface = (value: string): boolean => whole(/^[a-z][a-z0-9_]{1,20}(?:[:.]\d+)?$/i, value);

/** `pve-startup-order` (`pve_parse_startup_order`): note "0" and "" count as missing. */
function isStartupOrder(value: string): boolean {
  if (value === '' || value === '0') return false;
  return value
    .split(',')
    .filter((part) => !/^[ \t\n\r\f\v]*$/.test(part))
    .every((part) => whole(/^(?:order=)?\d+$/, part) || whole(/^up=\d+$/, part) || whole(/^down=\d+$/, part));
}

const VERIFIERS: Record<string, Verifier> = {
  'dns-name': (v) => {
    if (!isDnsName(v)) fail('value does not look like a valid DNS name\n');
  },
  ipv4: (v) => {
    if (!isIpv4(v)) fail('value does not look like a valid IPv4 address\n');
  },
  ipv6: (v) => {
    if (!isIpv6(v)) fail('value does not look like a valid IPv6 address\n');
  },
  ip: (v) => {
    if (!isIp(v)) fail('value does not look like a valid IP address\n');
  },
  // An IP, or a link-local IPv6 with `%iface` (as resolv.conf allows).
  'lxc-ip-with-ll-iface': (v) => {
    const linkLocal = /^(fe80:[^%]+)%([^\n]*)\n?$/.exec(v);
    if (linkLocal && isIp(linkLocal[1] ?? '') && isPveIface(linkLocal[2] ?? '')) return;
    if (!isIp(v)) fail('value does not look like a valid IP address\n');
  },
  'pve-ipv4-config': (v) => {
    if (!(whole(/^(?:dhcp|manual)$/, v) || isCidr4(v))) {
      fail('value does not look like a valid ipv4 network configuration\n');
    }
  },
  'pve-ipv6-config': (v) => {
    if (!(whole(/^(?:auto|dhcp|manual)$/, v) || isCidr6(v))) {
      fail('value does not look like a valid ipv6 network configuration\n');
    }
  },
  // Unicast only: the I/G bit (lowest bit of the first octet) must be clear.
  'mac-addr': (v) => {
    if (!whole(/^[a-f0-9][02468ace](?::[a-f0-9]{2}){5}$/i, v)) {
      fail('value does not look like a valid unicast MAC address\n');
    }
  },
  'pve-ct-timezone': (v, ctx) => {
    if (v === 'host' || v === 'UTC' || ctx.zones.has(v)) return;
    fail(`invalid time zone '${v}'\n`);
  },
  'pve-configid': (v) => {
    if (!whole(/^[a-z][a-z0-9_-]+$/i, v)) fail(`invalid configuration ID '${v}'\n`);
  },
  'pve-startup-order': (v) => {
    if (!isStartupOrder(v)) fail('unable to parse startup options\n');
  },
  'pve-volume-id': (v) => {
    if (!whole(/^[a-z][a-z0-9\-_.]*[a-z0-9]:[^\n]+$/i, v)) fail(`unable to parse volume ID '${v}'\n`);
  },
  'pve-tag': (v) => {
    if (!whole(/^[a-z0-9_][a-z0-9_\-+.]*$/i, v)) fail('invalid characters in tag\n');
  },
  // Mount point paths: no `/./`, `/../`, trailing `/.` or `/..`, or leading `../`.
  'pve-lxc-mp-string': (v) => {
    if (/\/\.\.?\//.test(v) || whole(/^[^]*\/\.\.?$/, v) || /^\.\.\//.test(v)) {
      fail(`${v} contains illegal character sequences\n`);
    }
  },
  'pve-lxc-dev-string': (v) => {
    if (/\/\.\.?(?:\/|$)/.test(v) || (v.endsWith('\n') && /\/\.\.?$/.test(v.slice(0, -1))) || !/^\/dev\//.test(v)) {
      fail(`${v} is not a valid device path\n`);
    }
  },
  'disk-size': (v) => {
    if (!whole(/^\d+(?:\.\d+)?(?:[KMGT](?:iB)?)?$/, v)) fail(`value does not look like a valid disk size: ${v}\n`);
  },
};

/** The names a schema may use: a verifier name, optionally with `-list`. */
export type FormatName = string;

/**
 * JSONSchema `check_format` for a named format: `NAME-list` checks every element of
 * `split_list(value)` (an empty list passes).
 */
export function checkNamedFormat(format: FormatName, value: string, ctx: FormatContext): void {
  const list = /^(.*)-list$/.exec(format);
  const name = list?.[1] ?? format;
  const verify = VERIFIERS[name];
  if (verify === undefined) throw new Error(`internal error: unknown format '${format}'`);
  if (list) {
    for (const element of splitList(value)) verify(element, ctx);
  } else {
    verify(value, ctx);
  }
}
