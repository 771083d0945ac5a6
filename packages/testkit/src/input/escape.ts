/**
 * Escaping of text that comes from input (configs, rootfs files and names, vectors)
 * before a person reads it: control characters must not drive the terminal, and bidi
 * controls must not reorder what is shown. Newline and tab keep their layout role.
 */

// C0 controls but \t and \n, DEL, C1 controls, bidi embeddings/overrides/isolates.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function hexEscape(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/** `text` with every unsafe character shown as a `\x1b`-style escape. */
export function escapeForDisplay(text: string): string {
  return text.replace(UNSAFE, hexEscape);
}

/** Like escapeForDisplay, also escaping newlines and tabs: for one value inside a message. */
export function escapeValue(text: string): string {
  return escapeForDisplay(text).replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}

/**
 * JSON text in which every character escapeForDisplay would touch is a `\u` escape, so
 * JSON output is safe on a terminal and passes escapeForDisplay unchanged.
 */
export function toSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
