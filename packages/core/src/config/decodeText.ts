/**
 * PVE `decode_text`, used for description comments: `%XX` escapes are turned into bytes
 * and the result is decoded as UTF-8 (malformed sequences become U+FFFD).
 */
export function decodeText(text: string): string {
  const raw = new TextEncoder().encode(text);
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i] ?? 0;
    const hex = byte === 0x25 ? String.fromCharCode(raw[i + 1] ?? 0, raw[i + 2] ?? 0) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(byte);
    }
  }
  // ignoreBOM keeps a leading U+FEFF, as Perl's decode does.
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(bytes));
}
