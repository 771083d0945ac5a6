/** One pass over a tar layer: normalised member paths, headers, and the data of wanted members. */
import { escapeValue, InputError } from '../../input/index.ts';
import { DecompressError, tarBytes, type ByteRange } from './decompress.ts';
import { TarFormatError, TarParser, type TarHeader } from './TarParser.ts';

export interface LayerVisitor {
  /** Every member (path normalised, `/`-rooted; the archive's root `./` is skipped). */
  entry?(path: string, header: TarHeader): void;
  /** Whether to keep a regular file's bytes. */
  want?(path: string, header: TarHeader): boolean;
  data?(path: string, bytes: Buffer): void;
}

/**
 * `./etc//x`, `/etc/x` and `etc/x` are `/etc/x`; a `..` component would leave the rootfs
 * (tar refuses it on extraction too) and is bad input. '' for the archive root itself.
 */
export function normaliseMember(name: string, label: string): string {
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw new InputError(`${label}: member '${escapeValue(name)}' leaves the rootfs ('..')`);
  if (name.includes('\0')) throw new InputError(`${label}: member '${escapeValue(name)}' holds a NUL byte`);
  return parts.length === 0 ? '' : `/${parts.join('/')}`;
}

export async function scanLayer(range: ByteRange, label: string, visitor: LayerVisitor): Promise<void> {
  const paths = new WeakMap<TarHeader, string>();
  const parser = new TarParser(
    (header) => {
      const path = normaliseMember(header.name, label);
      if (path === '') return false;
      paths.set(header, path);
      visitor.entry?.(path, header);
      return visitor.want?.(path, header) ?? false;
    },
    (header, data) => visitor.data?.(paths.get(header)!, data),
  );
  try {
    for await (const chunk of tarBytes(range)) parser.feed(chunk);
    parser.end();
  } catch (e) {
    if (e instanceof TarFormatError || e instanceof DecompressError) throw new InputError(`${label}: ${escapeValue(e.message)}`);
    throw e;
  }
}
