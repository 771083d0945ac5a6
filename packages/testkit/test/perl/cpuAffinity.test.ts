/**
 * CPU lists as the kernel writes them, and the pool's pinning: with at least one driver
 * per allowed CPU, driver i runs on the i-th CPU (taskset), and its runner inherits it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HarnessPool } from '../../src/differential/HarnessPool.ts';
import { allowedCpus, canPin, parseCpuList } from '../../src/perl/cpuAffinity.ts';
import { canRunPerlHarness } from '../../src/perl/PerlHarness.ts';

const affinityOf = (pid: number) => /^Cpus_allowed_list:\s*(.*)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];

describe('parseCpuList', () => {
  it.each([
    ['0', [0]],
    ['0-1', [0, 1]],
    ['0-3,8,10-11\n', [0, 1, 2, 3, 8, 10, 11]],
  ])('reads %j', (list, cpus) => {
    expect(parseCpuList(list)).toEqual(cpus);
  });

  it('refuses what is not a list, naming it', () => {
    expect(() => parseCpuList('0-x')).toThrow("not a CPU list: '0-x'");
  });
});

describe('allowedCpus', () => {
  it('lists the CPUs of this process (Linux)', () => {
    const cpus = allowedCpus();
    expect(cpus.length).toBeGreaterThan(0);
    expect(cpus).toEqual(parseCpuList(affinityOf(process.pid)!));
  });
});

const cpus = allowedCpus();
const pinnable = canRunPerlHarness() && cpus.length >= 2 && canPin(cpus[0]!);

describe.runIf(pinnable)('HarnessPool CPU pinning', () => {
  it('pins driver i to the i-th allowed CPU when every CPU gets a driver', async () => {
    const pool = new HarnessPool(cpus.length);
    try {
      // taskset pins, then execs the driver: poll until it has done so
      await expect.poll(() => pool.driverPids.map((pid) => affinityOf(pid!)), { timeout: 5000 }).toEqual(cpus.map(String));
    } finally {
      await pool.close();
    }
  });

  it('leaves the drivers alone when asked not to pin', async () => {
    const pool = new HarnessPool(cpus.length, { pinCpus: false });
    try {
      expect(pool.driverPids.map((pid) => parseCpuList(affinityOf(pid!)!))).toEqual(pool.driverPids.map(() => cpus));
    } finally {
      await pool.close();
    }
  });
});
