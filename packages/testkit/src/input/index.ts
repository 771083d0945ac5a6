// @pve-chainguard/testkit/input: what every reader of user input shares, small enough for
// the CLI to load at start: the InputError the CLI turns into exit 2, path resolution and
// failure reasons, and the escaping of input text before anyone reads it.
export { InputError } from './InputError.ts';
export { reason, resolveFrom } from './paths.ts';
export { escapeForDisplay, escapeValue, toSafeJson } from './escape.ts';
