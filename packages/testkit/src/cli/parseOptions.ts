/** `--name value` options: each known once (single) or repeatable (multi); anything else is an error. */
export function parseOptions(
  args: string[],
  spec: { single: string[]; multi?: string[] },
): { options: Record<string, string | undefined>; multi: Record<string, string[]> } | { error: string } {
  const options: Record<string, string | undefined> = {};
  const multi: Record<string, string[]> = Object.fromEntries((spec.multi ?? []).map((m) => [m, []]));
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const m = /^--([a-z0-9-]+)(?:=(.*))?$/.exec(arg);
    if (!m) return { error: `unexpected argument '${arg}'` };
    const name = m[1]!;
    const value = m[2] ?? args[++i];
    if (value === undefined) return { error: `--${name} needs a value` };
    if (spec.single.includes(name)) {
      if (options[name] !== undefined) return { error: `--${name} given twice` };
      options[name] = value;
    } else if (name in multi) {
      multi[name]!.push(value);
    } else {
      return { error: `unknown option '--${name}'` };
    }
  }
  return { options, multi };
}
