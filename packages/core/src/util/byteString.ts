/**
 * Byte strings: JS strings whose char codes are bytes 0..255, the model's stand-in for
 * Perl's byte strings (see fs/CtFsApi.ts).
 */
export function byteStringFromBytes(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return out;
}

/** Throws on a char code above 255: that string is text, not bytes. */
export function bytesFromByteString(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) throw new RangeError(`not a byte string: char code ${code} at ${i}`);
    bytes[i] = code;
  }
  return bytes;
}
