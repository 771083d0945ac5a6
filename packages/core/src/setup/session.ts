import type { FsEntry } from '../fs/entry.ts';
import type { Outcome, Vector } from './vector.ts';
import { runVector, type RunOptions } from './runVector.ts';
import type { HostResolvConf } from '../base/Plugin.ts';
import { chainguardRegistry } from './registry.ts';
import { hookStep, type Hook } from './hooks.ts';

export interface SessionInput {
  rootfs: FsEntry[];
  /** pct config text. */
  config: string;
  hooks: Hook[];
  password?: string;
  sshKeys?: string;
  /** Epoch seconds the run's clock stands at (shadow day count, salt). */
  now: number;
  hostResolvConf?: HostResolvConf;
  hostTimezone?: string;
  hostLocaltime?: string;
}

/** Default host data: a host with one resolver and Vienna time, as in the oracle's cases. */
export const DEFAULT_HOST = {
  resolvConf: { search: 'example.com', dns1: '192.0.2.53' },
  timezone: 'Europe/Vienna',
  localtime: '/usr/share/zoneinfo/Europe/Vienna',
} as const;

/** The vector that describes running `hooks` on `rootfs` (so sessions and vectors share one runner). */
export function sessionVector(input: SessionInput, id = 'session'): Vector {
  return {
    id,
    frozen_time: input.now,
    config: input.config,
    host: {
      host_resolv_conf: input.hostResolvConf ?? DEFAULT_HOST.resolvConf,
      host_timezone: input.hostTimezone ?? DEFAULT_HOST.timezone,
      host_localtime: input.hostLocaltime ?? DEFAULT_HOST.localtime,
    },
    rootfs: input.rootfs,
    outside: [],
    steps: input.hooks.map((h) => hookStep(h, input.password, input.sshKeys)),
  };
}

/**
 * Runs container lifecycle events through our dispatcher (Proxmox's plus Chainguard),
 * with the config read strictly: what a Proxmox host with pve-chainguard would do.
 */
export function runSession(input: SessionInput, opts: RunOptions = {}): Outcome {
  return runVector(sessionVector(input), { registry: chainguardRegistry(), configMode: 'strict', ...opts });
}
