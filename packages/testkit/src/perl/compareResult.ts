import type { HarnessEntry, HarnessResult } from './types.ts';

/**
 * Perl appends " at FILE line N." (plus ", <$fh> line M" after a read) to messages raised
 * without a newline. Our Perl files have other line numbers than Proxmox's, so messages
 * are compared without that suffix.
 */
export function stripPerlLocation(message: string): string {
  return message.replace(/ at \S+ line \d+(?:, <[^>]*> (?:line|chunk) \d+)?\.\n$/, '\n');
}

/** SSH host key progress lines come in Perl hash order: sort the (Creating, done) pairs. */
export function canonicalStdout(stdout: string): string {
  const lines = stdout.split('\n');
  const pairs: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1];
    if (line.startsWith('Creating SSH host key ') && next?.startsWith('done: ')) {
      pairs.push(`${line}\n${next}`);
      i++;
    } else {
      rest.push(line);
    }
  }
  return [...rest, ...pairs.sort()].join('\n');
}

const show = (value: unknown): string => JSON.stringify(value);

/** Keys sorted, so objects compare independent of key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** Where two texts part, with a little context on both sides. */
function textDifference(expected: string, actual: string): string {
  let i = 0;
  while (i < expected.length && expected[i] === actual[i]) i++;
  const from = Math.max(0, i - 20);
  const want = show(expected.slice(from, i + 40));
  const got = show(actual.slice(from, i + 40));
  return `at char ${i}: expected ${want}, got ${got}`;
}

function entryDifference(expected: HarnessEntry, actual: HarnessEntry): string | undefined {
  const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  for (const key of keys) {
    const a = (expected as unknown as Record<string, unknown>)[key];
    const b = (actual as unknown as Record<string, unknown>)[key];
    if (a === b) continue;
    if (typeof a === 'string' && typeof b === 'string' && key === 'content') {
      return `content ${textDifference(a, b)}`;
    }
    return `${key}: expected ${show(a)}, got ${show(b)}`;
  }
  return undefined;
}

/** First difference of two entry lists, walking the union of paths in byte order. */
export function firstTreeDifference(expected: HarnessEntry[], actual: HarnessEntry[]): string | undefined {
  const want = new Map(expected.map((e) => [e.path, e]));
  const got = new Map(actual.map((e) => [e.path, e]));
  const paths = [...new Set([...want.keys(), ...got.keys()])].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const path of paths) {
    const a = want.get(path);
    const b = got.get(path);
    if (!a) return `${path}: unexpected ${b!.type}`;
    if (!b) return `${path}: missing ${a.type}`;
    const diff = entryDifference(a, b);
    if (diff) return `${path}: ${diff}`;
  }
  const order = actual.map((e) => e.path).join('\n');
  if (order !== expected.map((e) => e.path).join('\n')) return 'entries are not in path order';
  return undefined;
}

function listDifference(name: string, expected: string[], actual: string[]): string | undefined {
  for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
    if (expected[i] !== actual[i]) {
      return `${name}[${i}]: expected ${show(expected[i])}, got ${show(actual[i])}`;
    }
  }
  return undefined;
}

/**
 * The first way a harness result differs from an oracle `expect`, in words, or undefined.
 * Messages compare without Perl's location suffix, SSH key lines of stdout as a set,
 * everything else exactly.
 */
export function firstResultDifference(expected: HarnessResult, actual: HarnessResult): string | undefined {
  const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  const known = ['arch', 'error', 'log_warn', 'os_release', 'ostype', 'outside', 'stderr', 'stdout', 'steps_completed', 'tree', 'warnings'];
  const odd = keys.filter((k) => !known.includes(k));
  if (odd.length) return `unexpected keys: ${odd.join(', ')}`;

  for (const key of ['ostype', 'arch', 'steps_completed'] as const) {
    if (expected[key] !== actual[key]) {
      return `${key}: expected ${show(expected[key])}, got ${show(actual[key])}`;
    }
  }
  if (canonical(expected.os_release) !== canonical(actual.os_release)) {
    const want = canonical(expected.os_release);
    return `os_release: expected ${want}, got ${canonical(actual.os_release)}`;
  }
  const strip = (e: HarnessResult['error']) => e && { at: e.at, message: stripPerlLocation(e.message) };
  if (canonical(strip(expected.error)) !== canonical(strip(actual.error))) {
    return `error: expected ${show(expected.error)}, got ${show(actual.error)}`;
  }
  const warnings = listDifference('warnings', expected.warnings.map(stripPerlLocation), actual.warnings.map(stripPerlLocation));
  if (warnings) return warnings;
  const logWarn = listDifference('log_warn', expected.log_warn, actual.log_warn);
  if (logWarn) return logWarn;
  if (canonicalStdout(expected.stdout) !== canonicalStdout(actual.stdout)) {
    return `stdout: expected ${show(expected.stdout)}, got ${show(actual.stdout)}`;
  }
  if (expected.stderr !== actual.stderr) {
    return `stderr: expected ${show(expected.stderr)}, got ${show(actual.stderr)}`;
  }
  const tree = firstTreeDifference(expected.tree, actual.tree);
  if (tree) return `tree ${tree}`;
  const outside = firstTreeDifference(expected.outside, actual.outside);
  if (outside) return `outside ${outside}`;
  return undefined;
}
