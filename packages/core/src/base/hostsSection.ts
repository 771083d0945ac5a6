import { HWS } from '../runtime/perlText.ts';
import { splitList } from '../util/splitList.ts';

/**
 * The names Proxmox puts on the container's own line in /etc/hosts: `fqdn short` for a
 * dotted hostname, else `<name>.<domain>` for each search domain followed by `<name>`.
 */
export function hostsNames(hostname: string, searchdomains: string | undefined): string {
  const short = hostname.replace(/\.[^\n]*$/, '');
  if (hostname.includes('.')) return `${hostname} ${short}`;
  return [...splitList(searchdomains).map((d) => `${hostname}.${d}`), hostname].join(' ');
}

/**
 * The PVE section of /etc/hosts: loopback lines the rest of the file (`existing`, its PVE
 * section removed; undefined when there is no file) lacks, then the container's own line —
 * its address, else the loopback alias 127.0.1.1 with its names.
 */
export function etcHostsSection(existing: string | undefined, hostip: string | undefined, newname: string, searchdomains: string | undefined): string {
  const namepart = newname.replace(/\.[^\n]*$/, '');
  const allNames = hostsNames(newname, searchdomains);
  let section = '';
  const lo4 = '127.0.0.1 localhost.localnet localhost\n';
  const lo6 = '::1 localhost.localnet localhost\n';
  if (existing !== undefined) {
    if (!new RegExp(`(?:^|(?<=\\n))${HWS}*127\\.0\\.0\\.1${HWS}+`).test(existing)) section += lo4;
    if (!new RegExp(`(?:^|(?<=\\n))${HWS}*::1${HWS}+`).test(existing)) section += lo6;
  } else {
    section += lo4 + lo6;
  }
  const names = namepart !== 'localhost' ? allNames : namepart;
  const ownLine = hostip !== undefined ? `${hostip} ${allNames}` : `127.0.1.1 ${names}`;
  return `${section}${ownLine}\n`;
}
