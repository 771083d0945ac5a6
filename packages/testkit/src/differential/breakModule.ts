/**
 * One-line breakages of a Perl plugin module, for proving that the differential notices a
 * wrong module: a DHCP flag string swapped, a unit name in the systemd preset changed.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Breakage {
  what: string;
  from: RegExp;
  to: string;
  /** Text the broken module leaves in a tree where the model has something else. */
  shows: string;
}

export const BREAKAGES: Breakage[] = [
  // the networkd DHCP mode: the 'ipv4' literal on the line that also picks 'ipv6'/'no'
  { what: "DHCP mode 'ipv4' written as 'ipv6'", from: /'ipv4'(?=[^\n]*'(?:ipv6|no)')/, to: "'ipv6'", shows: 'DHCP = ipv6' },
  {
    what: 'preset enables systemd-networkd.socket instead of .service',
    from: /'systemd-networkd\.service' => 1/,
    to: "'systemd-networkd.socket' => 1",
    shows: 'systemd-networkd.socket',
  },
];

/**
 * Copies `modulePath` into a fresh plugin directory as PVE/LXC/Setup/<name>.pm with the
 * first applicable breakage; returns the directory and the breakage (throws if none fits).
 */
export function writeBrokenModule(modulePath: string, name: string): { pluginDir: string; breakage: Breakage } {
  const source = readFileSync(modulePath, 'utf8');
  const breakage = BREAKAGES.find((b) => b.from.test(source));
  if (!breakage) throw new Error(`no known breakage applies to ${modulePath}`);
  const pluginDir = mkdtempSync(join(tmpdir(), 'pvecg-broken-'));
  mkdirSync(join(pluginDir, 'PVE/LXC/Setup'), { recursive: true });
  writeFileSync(join(pluginDir, 'PVE/LXC/Setup', `${name}.pm`), source.replace(breakage.from, breakage.to));
  return { pluginDir, breakage };
}
