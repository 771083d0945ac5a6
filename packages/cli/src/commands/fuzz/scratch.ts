import { accessSync, chmodSync, constants, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The parent of every harness scratch tree of one fuzz run (PerlHarness `tmpDir`): one
 * directory of our own, so SIGINT or SIGTERM can remove it, cached SSH private keys and
 * all, without touching other runs' trees. On tmpfs when writable, as the driver prefers.
 */
export function fuzzScratch(onSignal: (signal: NodeJS.Signals) => void = defaultExit) {
  let parent = tmpdir();
  try {
    accessSync('/dev/shm', constants.W_OK);
    parent = '/dev/shm';
  } catch {
    // no tmpfs: the system temp dir
  }
  // the pid in the name tells concurrent runs (and their tests) apart
  const dir = mkdtempSync(join(parent, `pvecg-fuzz-${process.pid}-`));
  chmodSync(dir, 0o700);
  const remove = () => rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 25 });
  const handler = (signal: NodeJS.Signals) => {
    // stop the harness processes first, or they keep writing case trees while we remove them
    for (const pid of childPids()) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    try {
      remove();
    } catch (e) {
      process.stderr.write(`fuzz: could not remove ${dir}: ${(e as Error).message}\n`);
    }
    onSignal(signal);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    dir,
    /** Removes the directory and the signal handlers (normal end of the run). */
    dispose(): void {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
      remove();
    },
  };
}

/** This process's children (Linux /proc; the harness runs only on Linux). */
function childPids(): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      // fields after the parenthesised command: state, ppid, …
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid) pids.push(Number(name));
    } catch {
      // the process ended meanwhile
    }
  }
  return pids;
}

function defaultExit(signal: NodeJS.Signals): void {
  process.stderr.write(`\nfuzz: ${signal}: stopped; scratch directories removed\n`);
  // 128 + signal number, as a shell reports it
  process.exit(signal === 'SIGINT' ? 130 : 143);
}
