import type { FsEntry } from '../fs/entry.ts';

/** One dispatcher call of a vector (`oracle/README.md` §5). */
export interface VectorStep {
  call: string;
  args: Array<string | null>;
}

/** What a run produced, in the shape of a vector's `expect` (README §6). */
export interface Outcome {
  ostype: string | null;
  arch: string | null;
  os_release: Record<string, string>;
  error: { at: 'config' | 'new' | number; message: string } | null;
  steps_completed: number;
  warnings: string[];
  log_warn: string[];
  stdout: string;
  stderr: string;
  tree: FsEntry[];
  outside: FsEntry[];
}

/** An input→output case recorded on real Proxmox (or made by our own tools). */
export interface Vector {
  id: string;
  tags?: string[];
  frozen_time: number;
  config: string;
  host: {
    host_resolv_conf: { search?: string; dns1?: string; dns2?: string; dns3?: string };
    host_timezone: string;
    host_localtime: string;
  };
  rootfs: FsEntry[];
  outside: FsEntry[];
  steps: VectorStep[];
  expect?: Outcome;
}
