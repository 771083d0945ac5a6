/**
 * A small line diff (Myers' O(ND) shortest edit script) and a unified-format printer.
 * Written here because core has no diff dependency (`diff` lives in perlgen only).
 */

export type Edit = { op: ' ' | '-' | '+'; line: string };

/** Shortest edit script turning `a` into `b` (equal prefix and suffix trimmed first). */
export function diffLines(a: readonly string[], b: readonly string[]): Edit[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) {
    tail++;
  }
  const same = (lines: readonly string[]): Edit[] => lines.map((line) => ({ op: ' ', line }));
  return [...same(a.slice(0, head)), ...myers(a.slice(head, a.length - tail), b.slice(head, b.length - tail)), ...same(a.slice(a.length - tail))];
}

/**
 * Myers' greedy algorithm. `trace[d]` keeps the furthest-reaching x per diagonal before
 * round d, only for the diagonals -d-1..d+1 that round can read (O(D²) memory).
 */
function myers(a: readonly string[], b: readonly string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = max === 0;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
      let x = down ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk back from (n, m): each round contributes one insertion or deletion after a snake.
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const at = (k: number) => vd[k + d + 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      edits.push({ op: ' ', line: a[--x]! });
      y--;
    }
    if (d > 0) {
      if (down) edits.push({ op: '+', line: b[--y]! });
      else edits.push({ op: '-', line: a[--x]! });
    }
  }
  return edits.reverse();
}

const NO_EOL = '\\ No newline at end of file';

/** Lines of a text, each with its `\n` (the last one may lack it), as diff(1) compares. */
export function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines[lines.length - 1] === '' ? lines.slice(0, -1) : lines;
}

export interface UnifiedOptions {
  /** Lines of context around each change (default 3). */
  context?: number;
  /** Stop after this many hunks (default: all). */
  maxHunks?: number;
}

/** Unified diff hunks (`@@ -a,b +c,d @@` + lines) of two texts; '' when equal. */
export function unifiedHunks(before: string, after: string, options: UnifiedOptions = {}): string {
  const context = options.context ?? 3;
  const edits = diffLines(splitLines(before), splitLines(after));
  if (edits.every((e) => e.op === ' ')) return '';

  const out: string[] = [];
  let hunks = 0;
  let i = 0;
  // Line numbers (1-based) of edits[i] in a and b.
  const posA: number[] = [];
  const posB: number[] = [];
  let la = 1;
  let lb = 1;
  for (const e of edits) {
    posA.push(la);
    posB.push(lb);
    if (e.op !== '+') la++;
    if (e.op !== '-') lb++;
  }
  while (i < edits.length) {
    if (edits[i]!.op === ' ') {
      i++;
      continue;
    }
    if (options.maxHunks !== undefined && hunks >= options.maxHunks) {
      out.push('@@ ... more changes ... @@');
      break;
    }
    const start = Math.max(0, i - context);
    let end = i;
    // Extend while the next change is within 2*context unchanged lines.
    for (;;) {
      while (end < edits.length && edits[end]!.op !== ' ') end++;
      let next = end;
      while (next < edits.length && edits[next]!.op === ' ') next++;
      if (next < edits.length && next - end <= 2 * context) end = next;
      else {
        end = Math.min(edits.length, end + context);
        break;
      }
    }
    const slice = edits.slice(start, end);
    const countA = slice.filter((e) => e.op !== '+').length;
    const countB = slice.filter((e) => e.op !== '-').length;
    const startA = countA === 0 ? posA[start]! - 1 : posA[start]!;
    const startB = countB === 0 ? posB[start]! - 1 : posB[start]!;
    out.push(`@@ -${range(startA, countA)} +${range(startB, countB)} @@`);
    for (const e of slice) {
      const hasEol = e.line.endsWith('\n');
      out.push(e.op + (hasEol ? e.line.slice(0, -1) : e.line));
      if (!hasEol) out.push(NO_EOL);
    }
    hunks++;
    i = end;
  }
  return out.join('\n') + '\n';
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}
