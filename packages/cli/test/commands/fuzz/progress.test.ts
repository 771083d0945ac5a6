import { describe, expect, it } from 'vitest';
import { guardIo } from '../../../src/output/guardIo.ts';
import { fuzzProgress, PROGRESS_EVERY } from '../../../src/commands/fuzz/progress.ts';

function capture(errIsTty: boolean) {
  const io = { err: '', out: '' };
  const guarded = guardIo({ cwd: '/', out: (t) => void (io.out += t), err: (t) => void (io.err += t), errIsTty }, false);
  return { io, guarded };
}

describe('fuzz progress', () => {
  it('without a terminal: a line every PROGRESS_EVERY cases and at the end, with rate and ETA', () => {
    const { io, guarded } = capture(false);
    let clock = 0;
    const p = fuzzProgress(guarded, 250, () => clock);
    for (let ran = 1; ran <= 250; ran++) {
      clock = ran * 100; // 10 cases/s
      p.update(ran, ran > 200 ? 1 : 0);
    }
    expect(PROGRESS_EVERY).toBe(100);
    expect(io.err).toBe(
      'fuzz: 100/250 cases, 0 failed, 10.0 cases/s, ETA 15 s\n' +
        'fuzz: 200/250 cases, 0 failed, 10.0 cases/s, ETA 5 s\n' +
        'fuzz: 250/250 cases, 1 failed, 10.0 cases/s, ETA 0 s\n',
    );
  });

  it('on a terminal: one line redrawn in place, at most every 100 ms, ended by a newline', () => {
    const { io, guarded } = capture(true);
    let clock = 0;
    const p = fuzzProgress(guarded, 3, () => clock);
    p.update(1, 0);
    clock = 50;
    p.update(2, 0); // too soon: not drawn
    clock = 300;
    p.update(3, 0);
    expect(io.err).toBe('\r\x1b[Kfuzz: 1/3 cases, 0 failed, 0.0 cases/s, ETA ?\r\x1b[Kfuzz: 3/3 cases, 0 failed, 10.0 cases/s, ETA 0 s\n');
  });
});
