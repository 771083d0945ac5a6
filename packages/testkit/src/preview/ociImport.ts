import { ConfigError, parsePctConfig, PerlDie, type FsEntry } from '@pve-chainguard/core';
import { InputError } from '../input/index.ts';
import { applyOciImageConfig } from '../fixtures/ociConfig.ts';
import { pctConfigLines } from '../fixtures/pctConfigText.ts';
import type { OciImageDocument } from '../fixtures/types.ts';

/**
 * The pct config after PVE 9.1's import of an OCI image (Entrypoint/Cmd → entrypoint and
 * console mode, User → lxc.init.uid/gid, Env → env, …; fixtures/ociConfig.ts) and the
 * volume directories it creates. A netN without hwaddr gets a fixed local MAC (PVE makes
 * up a random one).
 */
export function importOciConfig(
  configText: string,
  configFile: string,
  image: OciImageDocument,
  entries: readonly FsEntry[],
): { text: string; messages: string[]; entries: FsEntry[] } {
  let parsed;
  try {
    parsed = parsePctConfig(configText, { mode: 'strict' });
  } catch (e) {
    if (e instanceof ConfigError) throw new InputError(`${configFile}: ${e.message}`);
    throw e;
  }
  // the description is free text the mapping does not touch, and pctConfigLines cannot print
  const { description: _description, ...conf } = parsed.conf;
  let mapped;
  try {
    mapped = applyOciImageConfig(conf, image.config, entries, {
      makeHwaddr: (key) => `02:00:00:00:00:${key.replace(/^net/, '').padStart(2, '0').slice(-2)}`,
    });
  } catch (e) {
    if (e instanceof PerlDie) throw new InputError(`image config: ${e.message.trimEnd()}`);
    throw e;
  }
  const have = new Set(entries.map((e) => e.path));
  const volumes: FsEntry[] = mapped.volumes
    .map(
      (v) =>
        `/${v
          .split('/')
          .filter((p) => p !== '' && p !== '.' && p !== '..')
          .join('/')}`,
    )
    .filter((p) => p !== '/' && !have.has(p))
    .map((path) => ({ path, type: 'dir', mode: '0755', uid: 0, gid: 0 }));
  return {
    text: `${pctConfigLines(mapped.conf).join('\n')}\n`,
    messages: mapped.stdout,
    entries: volumes.length ? [...entries, ...volumes].sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path))) : [...entries],
  };
}
