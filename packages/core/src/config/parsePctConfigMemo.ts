/**
 * parsePctConfig with the last few results kept: the differential parses each case's
 * config twice (the run and the idempotence re-run of its last step), and parsing checks
 * every property string. Each call gets its own copy, since Setup writes into the conf
 * (`arch`, `ostype`). Throwing parses are not kept (they throw again).
 */
import { parsePctConfig, type ParsedPctConfig } from './parsePctConfig.ts';
import type { ReleaseProfile } from '../release/profiles.ts';
import type { PctConf } from './types.ts';

const KEEP = 8;
const kept = new Map<string, { release: ReleaseProfile; parsed: ParsedPctConfig }>();

export function parsePctConfigMemo(text: string, mode: 'strict' | 'proxmox', release: ReleaseProfile): ParsedPctConfig {
  const key = `${mode} ${release.pve}\n${text}`;
  let hit = kept.get(key);
  if (hit?.release !== release) {
    hit = { release, parsed: parsePctConfig(text, { mode, release }) };
    if (kept.size >= KEEP) kept.delete(kept.keys().next().value!);
    kept.set(key, hit);
  }
  return { conf: copyConf(hit.parsed.conf), warnings: [...hit.parsed.warnings] };
}

/** Values are strings but for `lxc`, a list of pairs (structuredClone cost as much as a parse). */
function copyConf(conf: PctConf): PctConf {
  const copy = { ...conf };
  if (conf.lxc) copy.lxc = conf.lxc.map(([key, value]) => [key, value]);
  return copy;
}
