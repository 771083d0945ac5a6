import { byteStringFromBytes } from '../byteString.ts';

/**
 * A minimal ELF header/section reader over bytes (32/64-bit, either byte order), with the
 * acceptance rules GNU BFD 2.40 applies before `objdump` will look at a file. Files BFD
 * rejects come back as `undefined` ("file format not recognized").
 */

export const SHT_STRTAB = 3;
export const SHT_RELA = 4;
export const SHT_DYNAMIC = 6;
export const SHT_NOBITS = 8;
export const SHT_REL = 9;
const SHF_INFO_LINK = 0x40;
export const ET_CORE = 4;
const SHN_XINDEX = 0xffff;
/** Solaris' SHN_BEFORE/SHN_AFTER links, tolerated for x86 and SPARC machines. */
const SOLARIS_LINKS = new Set([0xff00, 0xff01]);
const SOLARIS_LINK_MACHINES = new Set([2, 3, 6, 11, 18, 43, 62]);

export interface ElfSection {
  index: number;
  name: string | undefined;
  type: number;
  flags: number;
  offset: number;
  size: number;
  link: number;
  info: number;
}

export interface ElfImage {
  bytes: Uint8Array;
  is64: boolean;
  littleEndian: boolean;
  /** e_type (1 REL, 2 EXEC, 3 DYN, 4 CORE). */
  type: number;
  machine: number;
  /** e_shstrndx after extended-numbering resolution. */
  nameTableIndex: number;
  /** Section 0 included; `name` is undefined when the section name table is unusable. */
  sections: ElfSection[];
}

export class ElfView {
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    readonly littleEndian: boolean,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  u16(offset: number): number {
    return this.view.getUint16(offset, this.littleEndian);
  }

  u32(offset: number): number {
    return this.view.getUint32(offset, this.littleEndian);
  }

  /** A 64-bit field as a number; values past 2**53 become Infinity (always out of range). */
  u64(offset: number): number {
    const value = this.view.getBigUint64(offset, this.littleEndian);
    return value > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(value);
  }

  /** The low 32 bits of a 64-bit field (flag words). */
  u64Low(offset: number): number {
    return Number(this.view.getBigUint64(offset, this.littleEndian) & 0xffffffffn);
  }

  /** A word: 4 bytes in ELF32, 8 in ELF64. */
  word(offset: number, is64: boolean): number {
    return is64 ? this.u64(offset) : this.u32(offset);
  }
}

export function fitsInFile(offset: number, size: number, fileSize: number): boolean {
  return offset <= fileSize && size <= fileSize - offset;
}

/** Parses the ELF header and section headers, or undefined where BFD rejects the file. */
export function readElfImage(bytes: Uint8Array): ElfImage | undefined {
  if (bytes.length < 16) return undefined;
  if (bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) {
    return undefined;
  }
  const elfClass = bytes[4];
  const dataEncoding = bytes[5];
  if ((elfClass !== 1 && elfClass !== 2) || (dataEncoding !== 1 && dataEncoding !== 2)) {
    return undefined;
  }
  if (bytes[6] !== 1) return undefined;

  const is64 = elfClass === 2;
  const headerSize = is64 ? 64 : 52;
  const programHeaderSize = is64 ? 56 : 32;
  const sectionHeaderSize = is64 ? 64 : 40;
  if (bytes.length < headerSize) return undefined;

  const view = new ElfView(bytes, dataEncoding === 1);
  const at = is64
    ? { phoff: 0x20, shoff: 0x28, phnum: 0x38, shentsize: 0x3a, shnum: 0x3c, shstrndx: 0x3e }
    : { phoff: 0x1c, shoff: 0x20, phnum: 0x2c, shentsize: 0x2e, shnum: 0x30, shstrndx: 0x32 };
  const type = view.u16(0x10);
  const machine = view.u16(0x12);
  const programHeaderOffset = view.word(at.phoff, is64);
  const programHeaderCount = view.u16(at.phnum);
  const sectionHeaderOffset = view.word(at.shoff, is64);
  let sectionCount = view.u16(at.shnum);
  let nameTableIndex = view.u16(at.shstrndx);

  // BFD reads every program header at its native size, whatever e_phentsize says.
  if (programHeaderCount > 0 && !fitsInFile(programHeaderOffset, programHeaderCount * programHeaderSize, bytes.length)) {
    return undefined;
  }

  const image = (sections: ElfSection[]): ElfImage => ({
    bytes,
    is64,
    littleEndian: view.littleEndian,
    type,
    machine,
    nameTableIndex,
    sections,
  });
  // Core files are read through their program headers; section headers do not matter.
  if (type === ET_CORE) return image([]);

  if (sectionCount !== 0 && sectionHeaderOffset < headerSize) return undefined;
  if (sectionCount !== 0 && view.u16(at.shentsize) !== sectionHeaderSize) return undefined;
  if (sectionHeaderOffset === 0) return image([]);

  const readSection = (index: number): ElfSection => {
    const base = sectionHeaderOffset + index * sectionHeaderSize;
    return is64
      ? {
          index,
          name: undefined,
          type: view.u32(base + 4),
          flags: view.u64Low(base + 8),
          offset: view.u64(base + 24),
          size: view.u64(base + 32),
          link: view.u32(base + 40),
          info: view.u32(base + 44),
        }
      : {
          index,
          name: undefined,
          type: view.u32(base + 4),
          flags: view.u32(base + 8),
          offset: view.u32(base + 16),
          size: view.u32(base + 20),
          link: view.u32(base + 24),
          info: view.u32(base + 28),
        };
  };

  // Extended numbering: a zero e_shnum / SHN_XINDEX e_shstrndx defer to section 0.
  if (sectionCount === 0 || nameTableIndex === SHN_XINDEX) {
    if (!fitsInFile(sectionHeaderOffset, sectionHeaderSize, bytes.length)) return undefined;
    const first = readSection(0);
    if (sectionCount === 0) sectionCount = first.size;
    if (nameTableIndex === SHN_XINDEX) nameTableIndex = first.link;
    if (sectionCount === 0) return undefined;
  }
  if (!fitsInFile(sectionHeaderOffset, sectionCount * sectionHeaderSize, bytes.length)) {
    return undefined;
  }

  const sections = Array.from({ length: sectionCount }, (_, index) => readSection(index));
  for (const section of sections.slice(1)) {
    if (section.link >= sectionCount && !(SOLARIS_LINK_MACHINES.has(machine) && SOLARIS_LINKS.has(section.link))) {
      return undefined;
    }
    const infoIsIndex = (section.flags & SHF_INFO_LINK) !== 0 || section.type === SHT_RELA || section.type === SHT_REL;
    if (infoIsIndex && section.info >= sectionCount) return undefined;
  }

  // An unusable name table only costs the names (BFD warns "corrupt string table index");
  // a usable one that cannot name every section makes the file unrecognised.
  const nameTable = sections[nameTableIndex];
  if (nameTableIndex !== 0 && nameTable !== undefined && nameTable.type === SHT_STRTAB) {
    if (!fitsInFile(nameTable.offset, nameTable.size, bytes.length)) return undefined;
    const table = bytes.subarray(nameTable.offset, nameTable.offset + nameTable.size);
    if (table.length === 0 || table[table.length - 1] !== 0) return undefined;
    for (const section of sections.slice(1)) {
      const nameOffset = view.u32(sectionHeaderOffset + section.index * sectionHeaderSize);
      if (nameOffset >= table.length) return undefined;
      section.name = cString(table, nameOffset);
    }
  }
  return image(sections);
}

/** Bytes from `offset` up to a NUL or the end, as a byte string. */
export function cString(table: Uint8Array, offset: number): string {
  let end = offset;
  while (end < table.length && table[end] !== 0) end++;
  return byteStringFromBytes(table.subarray(offset, end));
}
