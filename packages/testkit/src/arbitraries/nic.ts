/**
 * `netN` recipes: every ip/ip6 mode, gateways inside and outside the prefix, link-local
 * gw6, host-managed NICs. Rendering keeps only what PVE's schema accepts (a gateway needs
 * a static or dhcp address; gw6 also accepts auto), so every rendered NIC parses strictly.
 */
import fc from 'fast-check';
import {
  ipv4Inside,
  ipv4Octets,
  ipv4Outside,
  ipv4Prefix,
  ipv4Text,
  ipv6Groups,
  ipv6Inside,
  ipv6Outside,
  ipv6Prefix,
  ipv6Text,
  linkLocalIid,
  linkLocalText,
  type Ipv4Octets,
  type Ipv6Groups,
} from './addresses.ts';

export type Ip4Recipe = { mode: 'dhcp' | 'manual' } | { mode: 'static'; address: Ipv4Octets; prefix: number };

export type Gw4Recipe = { where: 'inside'; host: Ipv4Octets } | { where: 'outside'; other: Ipv4Octets };

export type Ip6Recipe = { mode: 'dhcp' | 'auto' | 'manual' } | { mode: 'static'; address: Ipv6Groups; prefix: number };

export type Gw6Recipe = { where: 'inside'; host: Ipv6Groups } | { where: 'outside'; other: Ipv6Groups } | { where: 'link-local'; iid: readonly number[] };

export interface NicRecipe {
  /** N of `netN`. */
  index: number;
  /** Interface name: `eth<index>` or another valid name. */
  name: 'eth' | 'ens' | 'odd';
  ip?: Ip4Recipe;
  gw?: Gw4Recipe;
  ip6?: Ip6Recipe;
  gw6?: Gw6Recipe;
  hostManaged: boolean;
  /** Add bridge/hwaddr/firewall/mtu like a NIC made in the GUI. */
  decorated: boolean;
}

const ip4: fc.Arbitrary<Ip4Recipe> = fc.oneof(
  fc.record({ mode: fc.constantFrom('dhcp' as const, 'manual' as const) }),
  fc.record({ mode: fc.constant('static' as const), address: ipv4Octets, prefix: ipv4Prefix }),
);

const gw4: fc.Arbitrary<Gw4Recipe> = fc.oneof(
  fc.record({ where: fc.constant('inside' as const), host: ipv4Octets }),
  fc.record({ where: fc.constant('outside' as const), other: ipv4Octets }),
);

const ip6: fc.Arbitrary<Ip6Recipe> = fc.oneof(
  fc.record({ mode: fc.constantFrom('dhcp' as const, 'auto' as const, 'manual' as const) }),
  fc.record({ mode: fc.constant('static' as const), address: ipv6Groups, prefix: ipv6Prefix }),
);

const gw6: fc.Arbitrary<Gw6Recipe> = fc.oneof(
  fc.record({ where: fc.constant('inside' as const), host: ipv6Groups }),
  fc.record({ where: fc.constant('outside' as const), other: ipv6Groups }),
  fc.record({ where: fc.constant('link-local' as const), iid: linkLocalIid }),
);

export const nicRecipe: fc.Arbitrary<NicRecipe> = fc.record(
  {
    index: fc.oneof({ weight: 4, arbitrary: fc.nat(3) }, { weight: 1, arbitrary: fc.nat(31) }),
    name: fc.constantFrom('eth' as const, 'ens' as const, 'odd' as const),
    ip: ip4,
    gw: gw4,
    ip6: ip6,
    gw6: gw6,
    hostManaged: fc.boolean(),
    decorated: fc.boolean(),
  },
  { requiredKeys: ['index', 'name', 'hostManaged', 'decorated'] },
);

/** 0–4 NICs with distinct N. */
export const nicsRecipe: fc.Arbitrary<NicRecipe[]> = fc.uniqueArray(nicRecipe, {
  maxLength: 4,
  selector: (nic) => nic.index,
});

export function nicName(nic: NicRecipe): string {
  switch (nic.name) {
    case 'eth':
      return `eth${nic.index}`;
    case 'ens':
      return `ens${18 + nic.index}`;
    case 'odd':
      return `lan_${nic.index}.v-x`;
  }
}

function gw4Text(ip: Ip4Recipe, gw: Gw4Recipe): string {
  // with dhcp there is no prefix: "inside" and "outside" are just two addresses
  if (ip.mode !== 'static') return ipv4Text(gw.where === 'inside' ? gw.host : gw.other);
  return gw.where === 'inside' ? ipv4Inside(ip.address, ip.prefix, gw.host) : ipv4Outside(ip.address, ip.prefix, gw.other);
}

function gw6Text(ip: Ip6Recipe, gw: Gw6Recipe): string {
  if (gw.where === 'link-local') return linkLocalText(gw.iid);
  if (ip.mode !== 'static') return ipv6Text(gw.where === 'inside' ? gw.host : gw.other);
  return gw.where === 'inside' ? ipv6Inside(ip.address, ip.prefix, gw.host) : ipv6Outside(ip.address, ip.prefix, gw.other);
}

/** The `netN` value, keys in the order PVE prints them (name first, then sorted). */
export function renderNic(nic: NicRecipe): string {
  const parts: Record<string, string> = {};
  if (nic.decorated) {
    parts.bridge = 'vmbr0';
    parts.firewall = '1';
    parts.hwaddr = `BC:24:11:5E:${(0x10 + nic.index).toString(16).toUpperCase()}:0A`;
    parts.mtu = '1500';
  }
  if (nic.ip) {
    parts.ip = nic.ip.mode === 'static' ? `${ipv4Text(nic.ip.address)}/${nic.ip.prefix}` : nic.ip.mode;
    if (nic.gw && nic.ip.mode !== 'manual') parts.gw = gw4Text(nic.ip, nic.gw);
  }
  if (nic.ip6) {
    parts.ip6 = nic.ip6.mode === 'static' ? `${ipv6Text(nic.ip6.address)}/${nic.ip6.prefix}` : nic.ip6.mode;
    if (nic.gw6 && nic.ip6.mode !== 'manual') parts.gw6 = gw6Text(nic.ip6, nic.gw6);
  }
  if (nic.hostManaged) parts['host-managed'] = '1';
  parts.type = 'veth';
  const keys = Object.keys(parts).sort();
  return [`name=${nicName(nic)}`, ...keys.map((k) => `${k}=${parts[k]}`)].join(',');
}
