import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import { LineSplitter } from './LineSplitter.ts';
import type { HarnessCase, HarnessEntry, HarnessResult } from './types.ts';

export const PERL_DIR = resolve(import.meta.dirname, '../../perl');

/** The driver script (one persistent process, JSON lines in and out). */
export const DRIVER_PATH = resolve(PERL_DIR, 'driver.pl');

/** The compiled plugins (repo generated/): the driver falls back to them. */
export const GENERATED_PLUGIN_DIR = resolve(PERL_DIR, '../../../generated');

export interface PerlHarnessOptions {
  /** Perl interpreter, default `perl` from PATH. */
  perl?: string;
  /**
   * Reuse one real ssh-keygen key per (type, comment) across cases. The oracle masks key
   * contents and fingerprints, so results do not change; RSA generation (~1 s) does.
   */
  reuseSshKeys?: boolean;
  /** Parent directory for scratch trees (default /dev/shm when writable). */
  tmpDir?: string;
  /** Pin the driver (and so its runner and their children) to this CPU with `taskset`. */
  cpu?: number;
}

interface Waiter {
  resolve: (result: HarnessResult) => void;
  reject: (error: Error) => void;
  /** The case's rootfs, for the entries the driver sends as `content_of` (compact_tree). */
  rootfs: HarnessCase['rootfs'];
}

/**
 * A result entry of a compact tree with its content put back: `content_of: N` means the
 * content and encoding are exactly those of input entry N (the driver compared them).
 * Keys in the driver's (sorted) order.
 */
function expandEntry(entry: HarnessEntry & { content_of?: number }, rootfs: HarnessCase['rootfs']): HarnessEntry {
  const index = entry.content_of;
  if (index === undefined) return entry;
  const source = rootfs[index];
  if (source?.type !== 'file' || source.content === undefined) {
    throw new Error(`perl harness referred to input entry ${index}, which has no content`);
  }
  const { content_of: _index, ...rest } = entry;
  return {
    content: source.content,
    ...(source.encoding !== undefined ? { encoding: source.encoding } : {}),
    ...rest,
  } as HarnessEntry;
}

/**
 * Client for `perl driver.pl`: spawned once, one JSON line per case. Calls may overlap;
 * the driver answers in order. Must run as root (the driver chroots), otherwise every
 * call rejects with the driver's message.
 */
/** At most this many characters of file contents are kept by the driver (content_id). */
const CONTENT_TABLE_CHARS = 2 * 1024 * 1024;
/** Shorter contents are sent as they are. */
const CONTENT_ID_MIN_CHARS = 8;

export class PerlHarness {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #waiting: Waiter[] = [];
  /** File contents the driver has been given an id for (driver.pl `content_id`). */
  readonly #contentIds = new Map<string, number>();
  #contentChars = 0;
  #stderr = '';
  #ended: Error | undefined;
  readonly #closed: Promise<void>;

  constructor(options: PerlHarnessOptions = {}) {
    // Perl walks hashes (the config in setup_systemd_networkd) in the order the oracle's
    // recorder saw: hash seed 0, no per-process perturbation. On PVE 8 the first NIC
    // written into a missing directory dies, so the order shows.
    const env: NodeJS.ProcessEnv = { ...process.env, PERL_HASH_SEED: '0', PERL_PERTURB_KEYS: '0' };
    if (options.reuseSshKeys) env.PVECG_HARNESS_REUSE_SSH_KEYS = '1';
    if (options.tmpDir !== undefined) env.PVECG_HARNESS_TMPDIR = options.tmpDir;

    const perl = options.perl ?? 'perl';
    // taskset execs the driver: same process, pinned
    const [command, args] = options.cpu === undefined ? [perl, [DRIVER_PATH]] : ['taskset', ['-c', String(options.cpu), perl, DRIVER_PATH]];
    this.#child = spawn(command, args, { stdio: 'pipe', env });
    this.#child.stdin.on('error', () => {
      // EPIPE after the driver died; the 'close' handler reports why
    });
    this.#child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.#stderr += chunk;
    });
    const lines = new LineSplitter((line) => this.#answer(line));
    this.#child.stdout.on('data', (chunk: Buffer) => lines.push(chunk)).on('end', () => lines.end());
    this.#closed = new Promise((done) => {
      this.#child.on('error', (err) => this.#end(err));
      this.#child.on('close', (code, signal) => {
        const why = this.#stderr.trim() || `exit ${code ?? signal}`;
        this.#end(new Error(`perl harness ended: ${why}`));
        done();
      });
    });
  }

  /** The driver's process id (undefined when it could not be started). */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** Runs one case; rejects on a harness failure (not on a case that dies upstream-style). */
  run(testCase: HarnessCase): Promise<HarnessResult> {
    if (this.#ended) return Promise.reject(this.#ended);
    return new Promise((resolve, reject) => {
      this.#waiting.push({ resolve, reject, rootfs: testCase.rootfs });
      this.#child.stdin.write(`${JSON.stringify(this.#wireCase(testCase))}\n`);
    });
  }

  /** Ends the driver after the pending cases; resolves when the process is gone. */
  async close(): Promise<void> {
    if (!this.#child.stdin.writableEnded) this.#child.stdin.end();
    await this.#closed;
  }

  /**
   * The case line: a file content the driver already holds goes as its `content_id` (the
   * first time as content plus the id it gets), and unchanged contents come back as
   * references to the input (`compact_tree`, expandEntry). Lines are read in order, so a
   * definition always arrives before its uses.
   */
  #wireCase(testCase: HarnessCase): object {
    const rootfs = testCase.rootfs.map((entry) => {
      const content = entry.content;
      if (entry.type !== 'file' || content === undefined || content.length < CONTENT_ID_MIN_CHARS) return entry;
      const known = this.#contentIds.get(content);
      // content: undefined is left out of the line (JSON.stringify), and costs half an
      // object rest: this runs for most entries of every case
      if (known !== undefined) return { ...entry, content: undefined, content_id: known };
      if (this.#contentChars + content.length > CONTENT_TABLE_CHARS) return entry;
      const id = this.#contentIds.size;
      this.#contentIds.set(content, id);
      this.#contentChars += content.length;
      return { ...entry, content_id: id };
    });
    return { ...testCase, rootfs, compact_tree: true };
  }

  #answer(line: string): void {
    const waiter = this.#waiting.shift();
    if (!waiter) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      waiter.reject(new Error(`perl harness sent a line that is not JSON: ${line.slice(0, 200)}`));
      return;
    }
    if (parsed !== null && typeof parsed === 'object' && 'harness_error' in parsed) {
      waiter.reject(new Error(`perl harness: ${String(parsed.harness_error).trim()}`));
      return;
    }
    const result = parsed as HarnessResult;
    try {
      result.tree = result.tree.map((entry) => expandEntry(entry, waiter.rootfs));
    } catch (err) {
      waiter.reject(err as Error);
      return;
    }
    waiter.resolve(result);
  }

  #end(error: Error): void {
    this.#ended ??= error;
    for (const waiter of this.#waiting.splice(0)) waiter.reject(this.#ended);
  }
}

/** True when this process may run the harness (it chroots, so root is required). */
export function canRunPerlHarness(): boolean {
  return process.getuid?.() === 0;
}
