/**
 * Byte strings: JS strings whose char codes are bytes 0..255, the way Perl sees file data
 * and path names. The fs layer never decodes UTF-8 on its own; these helpers are the only
 * place where bytes, byte strings and text meet.
 */

const NON_BYTE = /[^\x00-\xff]/;

/** A string with a char code above 0xff cannot be a byte string; catching it early keeps
 * decoded text from silently losing its high bits (Buffer's latin1 would truncate them). */
export function assertByteString(value: string, what: string): void {
  if (!NON_BYTE.test(value)) return; // the native scan; the loop below only names the culprit
  for (let i = 0; i < value.length; i++) {
    if (value.charCodeAt(i) > 0xff) {
      throw new TypeError(`${what} is not a byte string: char code ${value.charCodeAt(i)} at index ${i}`);
    }
  }
}

export function byteStringToBytes(value: string): Buffer {
  assertByteString(value, 'data');
  return Buffer.from(value, 'latin1');
}

export function bytesToByteString(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** Text → its UTF-8 bytes as a byte string (what Perl holds after reading a UTF-8 file). */
export function utf8ToByteString(text: string): string {
  if (ASCII.test(text)) return text; // ASCII is its own UTF-8
  return Buffer.from(text, 'utf8').toString('latin1');
}

const ASCII = /^[\x00-\x7f]*$/;

// `ignoreBOM: true` keeps a leading U+FEFF in the text instead of swallowing it.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text the bytes encode, or undefined when they are not valid UTF-8. */
export function decodeUtf8Strict(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Byte string → text when its bytes are valid UTF-8 (path names, link targets). */
export function byteStringToUtf8(value: string): string | undefined {
  return decodeUtf8Strict(Buffer.from(value, 'latin1'));
}
