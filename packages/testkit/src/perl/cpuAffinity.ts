/**
 * Which CPUs this process may run on, and whether `taskset` can pin a child to one. A
 * harness driver pinned to one CPU keeps its runner and the runner's forked children on
 * that CPU too (affinity is inherited): a child then runs on the caches its parent warmed,
 * about a tenth less CPU per case than when the scheduler moves them apart.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** "0-3,8,10-11" (the kernel's list format) as [0, 1, 2, 3, 8, 10, 11]. */
export function parseCpuList(list: string): number[] {
  const cpus: number[] = [];
  for (const part of list.trim().split(',')) {
    if (part === '') continue;
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw new Error(`not a CPU list: '${list}'`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    for (let cpu = from; cpu <= to; cpu++) cpus.push(cpu);
  }
  return cpus;
}

/** The CPUs in this process's affinity mask (Linux), or [] when unknown. */
export function allowedCpus(): number[] {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const line = /^Cpus_allowed_list:\s*(.*)$/m.exec(status)?.[1];
    return line === undefined ? [] : parseCpuList(line);
  } catch {
    return [];
  }
}

let tasksetWorks: boolean | undefined;

/**
 * True when `taskset` can pin here (util-linux present, affinity allowed): tried once, with
 * `cpu`, and the answer kept for every later CPU of the same allowed set.
 */
export function canPin(cpu: number): boolean {
  tasksetWorks ??= spawnSync('taskset', ['-c', String(cpu), 'true'], { stdio: 'ignore' }).status === 0;
  return tasksetWorks;
}
