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
