/**
 * A push parser for tar streams (ustar, GNU long names, PAX headers): fed chunks in
 * order, it reports each member's header and hands over only the data of members the
 * caller wants, so a template of any size passes through in bounded memory.
 */

export type TarType = 'file' | 'hardlink' | 'symlink' | 'dir' | 'other';

export interface TarHeader {
  /** Name as stored (not normalised). */
  name: string;
  type: TarType;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  /** Link target (symlink) or linked name (hardlink). */
  linkname: string;
  /** Offset of the member's data in the (uncompressed) stream. */
  dataOffset: number;
  /** GNU sparse member: its data is not the file's bytes. */
  sparse: boolean;
}

export class TarFormatError extends Error {}

const BLOCK = 512;

export class TarParser {
  private pending = Buffer.alloc(0);
  private offset = 0;
  /** Bytes of the current member's data (and padding) still to pass. */
  private remaining = 0;
  private padding = 0;
  private collect: Buffer[] | undefined;
  private current: TarHeader | undefined;
  private longName: string | undefined;
  private longLink: string | undefined;
  private pax: Record<string, string> = {};
  private meta: 'L' | 'K' | 'x' | undefined;
  private ended = false;

  constructor(
    private readonly onEntry: (header: TarHeader) => boolean,
    private readonly onData: (header: TarHeader, data: Buffer) => void = () => {},
  ) {}

  feed(chunk: Buffer): void {
    let pos = 0;
    // only a header block can be split across chunks; complete it without copying the chunk
    if (this.pending.length > 0) {
      const need = BLOCK - this.pending.length;
      if (chunk.length < need) {
        this.pending = Buffer.concat([this.pending, chunk]);
        return;
      }
      const block = Buffer.concat([this.pending, chunk.subarray(0, need)]);
      this.pending = Buffer.alloc(0);
      pos = need;
      if (!this.ended) {
        this.offset += BLOCK;
        this.header(block);
      }
    }
    while (!this.ended) {
      if (this.remaining > 0) {
        const n = Math.min(this.remaining, chunk.length - pos);
        if (n === 0) break;
        if (this.collect) this.collect.push(Buffer.from(chunk.subarray(pos, pos + n)));
        pos += n;
        this.remaining -= n;
        this.offset += n;
        if (this.remaining === 0) this.finishData();
        continue;
      }
      if (this.padding > 0) {
        const n = Math.min(this.padding, chunk.length - pos);
        if (n === 0) break;
        pos += n;
        this.padding -= n;
        this.offset += n;
        continue;
      }
      if (chunk.length - pos < BLOCK) break;
      const block = chunk.subarray(pos, pos + BLOCK);
      pos += BLOCK;
      this.offset += BLOCK;
      this.header(block);
    }
    if (!this.ended && pos < chunk.length) this.pending = Buffer.from(chunk.subarray(pos));
  }

  /** Call after the last chunk: a member cut short is an error. */
  end(): void {
    if (this.remaining > 0 || this.meta) throw new TarFormatError(`truncated tar: member ${this.current?.name ?? ''} ends early`);
  }

  private header(block: Buffer): void {
    if (block.every((b) => b === 0)) {
      this.ended = true; // the first of the two zero blocks ends the archive
      return;
    }
    if (!checksumOk(block)) throw new TarFormatError(`bad tar header checksum at offset ${this.offset - BLOCK}`);
    const flag = String.fromCharCode(block[156]!);
    const size = numeric(block.subarray(124, 136));
    if (flag === 'L' || flag === 'K' || flag === 'x') {
      this.startData(size, undefined, flag);
      return;
    }
    if (flag === 'g') {
      this.startData(size, undefined, undefined); // global PAX header: nothing we use
      return;
    }
    const ustar = block.subarray(257, 262).toString('latin1') === 'ustar';
    const prefix = ustar ? cString(block.subarray(345, 500)) : '';
    let name = cString(block.subarray(0, 100));
    if (prefix) name = `${prefix}/${name}`;
    name = this.pax['GNU.sparse.name'] ?? this.pax.path ?? this.longName ?? name;
    const linkname = this.pax.linkpath ?? this.longLink ?? cString(block.subarray(157, 257));
    // the bytes stored after the header (what to skip) vs the file's size (what stat shows)
    const stored = this.pax.size !== undefined ? Number(this.pax.size) : size;
    const paxSparse = this.pax['GNU.sparse.realsize'] ?? this.pax['GNU.sparse.size'];
    const sparse = flag === 'S' || paxSparse !== undefined;
    const fileSize = flag === 'S' ? numeric(block.subarray(483, 495)) : paxSparse !== undefined ? Number(paxSparse) : stored;
    const header: TarHeader = {
      name,
      type: typeOf(flag),
      mode: numeric(block.subarray(100, 108)) & 0o7777,
      uid: this.pax.uid !== undefined ? Number(this.pax.uid) : numeric(block.subarray(108, 116)),
      gid: this.pax.gid !== undefined ? Number(this.pax.gid) : numeric(block.subarray(116, 124)),
      size: fileSize,
      linkname,
      dataOffset: this.offset,
      sparse,
    };
    this.longName = this.longLink = undefined;
    this.pax = {};
    const wanted = this.onEntry(header) && header.type === 'file' && !sparse;
    this.startData(stored, wanted ? header : undefined, undefined);
  }

  private startData(size: number, wanted: TarHeader | undefined, meta: 'L' | 'K' | 'x' | undefined): void {
    this.meta = meta;
    this.current = wanted;
    this.collect = wanted || meta ? [] : undefined;
    this.remaining = size;
    this.padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (size === 0) this.finishData();
  }

  private finishData(): void {
    const data = this.collect ? Buffer.concat(this.collect) : undefined;
    this.collect = undefined;
    if (this.meta === 'L') this.longName = cString(data!);
    else if (this.meta === 'K') this.longLink = cString(data!);
    else if (this.meta === 'x') this.pax = parsePax(data!);
    else if (this.current && data) this.onData(this.current, data);
    this.meta = undefined;
    this.current = undefined;
  }
}

function typeOf(flag: string): TarType {
  switch (flag) {
    case '0':
    case '\0':
    case '7':
    case 'S':
      return 'file';
    case '1':
      return 'hardlink';
    case '2':
      return 'symlink';
    case '5':
      return 'dir';
    case '3':
    case '4':
    case '6':
      return 'other';
    default:
      throw new TarFormatError(`unsupported tar member type '${flag.replace(/[^\x20-\x7e]/g, '?')}'`);
  }
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end < 0 ? bytes.length : end).toString('utf8');
}

/** Octal text, or GNU base-256 (high bit set) for big sizes and ids. */
function numeric(field: Buffer): number {
  if (field[0]! & 0x80) {
    let n = field[0]! & 0x7f;
    for (let i = 1; i < field.length; i++) n = n * 256 + field[i]!;
    return n;
  }
  const text = field.toString('latin1').replace(/\0.*$/s, '').trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError(`bad tar number field '${text.replace(/[^\x20-\x7e]/g, '?')}'`);
  return parseInt(text, 8);
}

function checksumOk(block: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  try {
    return numeric(block.subarray(148, 156)) === sum;
  } catch {
    return false;
  }
}

/** `len key=value\n` records; values are UTF-8 (path, linkpath, size, uid, gid used). */
function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    const len = Number(data.subarray(pos, space).toString('latin1'));
    if (space < 0 || !Number.isSafeInteger(len) || len <= 0) throw new TarFormatError('bad PAX header record');
    const record = data.subarray(space + 1, pos + len - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    pos += len;
  }
  return out;
}
