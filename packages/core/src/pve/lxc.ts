/**
 * The few functions of Proxmox's PVE::LXC and PVE::LXC::Config that setup plugins call,
 * modelled on the parsed config. Plugins import them from here; the Perl compiler maps
 * each name to the Proxmox function of the same job (see packages/perlgen/README.md).
 */
import { ConfigError, type NetConf, type PctConf } from '../config/types.ts';
import { parseLxcNetworkAsPve } from '../config/parseLxcNetwork.ts';
import { parseFeatures as parseFeatureString } from '../config/parseFeatures.ts';
import { die } from '../runtime/PerlDie.ts';
import { perlTrue } from '../runtime/perlText.ts';
import { currentRelease } from '../runtime/current.ts';

/** `PVE::LXC::Config->get_tty_count`: the configured count, 2 when unset. */
export { getTtyCount } from '../config/ttyCount.ts';

/** `PVE::LXC::Config->parse_lxc_network` of the running release: "" gives an empty object. */
export function parseLxcNetwork(data: string | undefined): Partial<NetConf> {
  try {
    return parseLxcNetworkAsPve(data ?? '', { release: currentRelease() });
  } catch (e) {
    // Proxmox dies with the schema's message (a PVE 8 host on a 6.x-only option, say).
    if (e instanceof ConfigError) die(e.reason);
    throw e;
  }
}

/** `PVE::LXC::Config->parse_features`: flags as the strings '1'/'0'. */
export function parseFeatures(data: string | undefined): Record<string, string> {
  return parseFeatureString(data ?? '', { mode: 'proxmox' }) as Record<string, string>;
}

/** `PVE::LXC::get_primary_ips`: net0's static IPv4 and IPv6 without prefix length. */
export function getPrimaryIps(conf: PctConf): [string | undefined, string | undefined] {
  if (conf.net0 === undefined) return [undefined, undefined];
  const net = parseLxcNetwork(conf.net0);
  let ipv4 = net.ip;
  if (perlTrue(ipv4)) {
    ipv4 = /^(dhcp|manual)$/.test(ipv4!) ? undefined : ipv4!.replace(/\/\d+$/, '');
  }
  let ipv6 = net.ip6;
  if (perlTrue(ipv6)) {
    ipv6 = /^(auto|dhcp|manual)$/.test(ipv6!) ? undefined : ipv6!.replace(/\/\d+$/, '');
  }
  return [ipv4, ipv6];
}

export interface IdMaps {
  idMap: Array<[string, string, string, string]>;
  rootUid: number;
  rootGid: number;
}

/** `PVE::LXC::parse_id_maps`: raw `lxc.idmap` lines, else the unprivileged default. */
export function parseIdMaps(conf: PctConf): IdMaps {
  const idMap: IdMaps['idMap'] = [];
  let rootUid = 0;
  let rootGid = 0;
  for (const [key, value] of conf.lxc ?? []) {
    if (key !== 'lxc.idmap') continue;
    const m = /^([ug])\s+(\d+)\s+(\d+)\s+(\d+)\s*$/.exec(value);
    if (!m) die(`failed to parse idmap: ${value}\n`);
    const [, type, ct, host, length] = m;
    idMap.push([type!, ct!, host!, length!]);
    if (Number(ct) === 0) {
      if (type === 'u') rootUid = Number(host);
      if (type === 'g') rootGid = Number(host);
    }
  }
  if (idMap.length === 0 && perlTrue(conf.unprivileged)) {
    idMap.push(['u', '0', '100000', '65536'], ['g', '0', '100000', '65536']);
    rootUid = rootGid = 100000;
  }
  return { idMap, rootUid, rootGid };
}
