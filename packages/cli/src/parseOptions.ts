/**
 * `--name value` options: each known once (single) or repeatable (multi), and value-less
 * `--name` flags; anything else is an error (unknown options are usage errors).
 */
export function parseOptions(
  args: string[],
  spec: { single: string[]; multi?: string[]; flags?: string[] },
): { options: Record<string, string | undefined>; multi: Record<string, string[]>; flags: Record<string, boolean> } | { error: string } {
  const options: Record<string, string | undefined> = {};
  const multi: Record<string, string[]> = Object.fromEntries((spec.multi ?? []).map((m) => [m, []]));
  const flags: Record<string, boolean> = Object.fromEntries((spec.flags ?? []).map((f) => [f, false]));
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const m = /^--([a-z0-9-]+)(?:=(.*))?$/s.exec(arg);
    if (!m) return { error: `unexpected argument '${arg}'` };
    const name = m[1]!;
    if (name in flags) {
      if (m[2] !== undefined) return { error: `--${name} takes no value` };
      flags[name] = true;
      continue;
    }
    if (!spec.single.includes(name) && !(name in multi)) return { error: `unknown option '--${name}'` };
    const value = m[2] ?? args[++i];
    if (value === undefined) return { error: `--${name} needs a value` };
    if (spec.single.includes(name)) {
      if (options[name] !== undefined) return { error: `--${name} given twice` };
      options[name] = value;
    } else {
      multi[name]!.push(value);
    }
  }
  return { options, multi, flags };
}
