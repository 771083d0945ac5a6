#!/usr/bin/env node
// Regenerates packages/core/src/config/zoneTab.ts: the time zone names (third column)
// of a tzdata zone.tab, which Proxmox's `timezone` format accepts besides `UTC`/`host`.
// Usage (from the repo root, on a Debian 12 machine like the one that recorded the
// oracle vectors):
//   node packages/core/scripts/gen-zone-tab.mjs [/usr/share/zoneinfo/zone.tab]
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const source = process.argv[2] ?? '/usr/share/zoneinfo/zone.tab';
const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'config', 'zoneTab.ts');

// Name the Debian package version when dpkg knows it; the file is what matters.
let origin = 'tzdata (package version unknown)';
try {
  const version = execFileSync('dpkg-query', ['-W', '-f', '${Version}', 'tzdata'], { encoding: 'utf8' });
  origin = `Debian package tzdata ${version.trim()}`;
} catch {
  // not a Debian system: keep the generic label
}

// Same selection as Proxmox's check: skip lines whose first non-blank is '#', take the
// third tab-separated field.
const zones = readFileSync(source, 'utf8')
  .split('\n')
  .filter((line) => line !== '' && !/^\s*#/.test(line))
  .map((line) => line.split('\t')[2] ?? '')
  .filter((zone) => zone !== '');
for (const zone of zones) {
  if (!/^[A-Za-z0-9_+\-/]+$/.test(zone)) throw new Error(`unexpected zone name ${JSON.stringify(zone)}`);
}

const text = `// GENERATED FILE - DO NOT EDIT.
// Time zone names (third column) of ${source} from ${origin},
// ${zones.length} zones in file order.
// Regenerate with: node packages/core/scripts/gen-zone-tab.mjs ${source}

/** Zone names of tzdata's zone.tab; the default set the \`timezone\` key is checked against. */
export const ZONE_TAB_ZONES: readonly string[] = [
${zones.map((zone) => `  '${zone}',`).join('\n')}
];
`;
writeFileSync(target, text);
console.log(`wrote ${target}: ${zones.length} zones (${origin})`);
