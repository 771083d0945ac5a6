import type { CommandIo } from '../../Command.ts';

/** Without a terminal, one progress line per this many cases. */
export const PROGRESS_EVERY = 100;

/**
 * Progress of a fuzz run on stderr: on a terminal one line redrawn at most ten times a
 * second, with rate and ETA; elsewhere a line every PROGRESS_EVERY cases (logs stay short).
 */
export function fuzzProgress(io: CommandIo, total: number, now: () => number = () => performance.now()) {
  const started = now();
  let lastDraw = -Infinity;
  const line = (ran: number, failed: number) => {
    const seconds = (now() - started) / 1000;
    const rate = seconds > 0 ? ran / seconds : 0;
    const eta = rate > 0 ? Math.ceil((total - ran) / rate) : undefined;
    return `fuzz: ${ran}/${total} cases, ${failed} failed, ${rate.toFixed(1)} cases/s, ETA ${eta === undefined ? '?' : `${eta} s`}`;
  };
  return {
    update(ran: number, failed: number): void {
      if (!io.progress) return;
      if (io.errIsTty) {
        if (now() - lastDraw < 100 && ran < total) return;
        lastDraw = now();
        io.progress(line(ran, failed), ran === total);
      } else if (ran % PROGRESS_EVERY === 0 || ran === total) {
        io.progress(line(ran, failed));
      }
    },
  };
}
