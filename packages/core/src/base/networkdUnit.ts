import type { NetConf } from '../config/types.ts';
import { isIpInCidr } from '../util/ipInCidr.ts';

/**
 * The systemd-networkd unit Proxmox writes for one NIC (`setup_systemd_networkd`):
 * addresses, gateways, the DHCP flag combination, IPv6AcceptRA, and on-link routes for
 * gateways outside the address's subnet. `dhcp6AcceptsRa`: pve-container 6.0.14 and later
 * also accept router advertisements on DHCPv6 NICs.
 */
export function networkdUnit(d: Partial<NetConf>, name: string, dhcp6AcceptsRa: boolean = true): string {
  let data = `[Match]\nName = ${name}\n\n[Network]\n`;
  data += `Description = Interface ${name} autoconfigured by PVE\n`;
  let routes = '';
  let hasIpv4 = false;
  let hasIpv6 = false;
  let dhcp4 = false;
  let dhcp6 = false;
  let acceptRa = 'false';

  if (d.ip !== undefined) {
    if (d.ip === 'dhcp') dhcp4 = true;
    else if (d.ip !== 'manual') {
      hasIpv4 = true;
      data += `Address = ${d.ip}\n`;
    }
  }
  if (d.gw !== undefined) {
    data += `Gateway = ${d.gw}\n`;
    if (hasIpv4 && !isIpInCidr(d.gw, d.ip!, 4)) {
      routes += `\n[Route]\nDestination = ${d.gw}/32\nScope = link\n`;
    }
  }
  if (d.ip6 !== undefined) {
    if (d.ip6 === 'dhcp') {
      dhcp6 = true;
      if (dhcp6AcceptsRa) acceptRa = 'true';
    } else if (d.ip6 === 'auto') {
      acceptRa = 'true';
    } else if (d.ip6 !== 'manual') {
      hasIpv6 = true;
      data += `Address = ${d.ip6}\n`;
    }
  }
  if (d.gw6 !== undefined) {
    acceptRa = 'false';
    data += `Gateway = ${d.gw6}\n`;
    if (hasIpv6 && !isIpInCidr(d.gw6, d.ip6!, 6) && !isIpInCidr(d.gw6, 'fe80::/10', 6)) {
      routes += `\n[Route]\nDestination = ${d.gw6}/128\nScope = link\n`;
    }
  }
  const dhcp = dhcp4 ? (dhcp6 ? 'yes' : 'ipv4') : dhcp6 ? 'ipv6' : 'no';
  data += `DHCP = ${dhcp}\n`;
  data += `IPv6AcceptRA = ${acceptRa}\n`;
  return data + routes;
}
