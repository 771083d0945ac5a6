/**
 * Tiny well-formed ELF shared objects whose dynamic section lists NEEDED libraries —
 * stand-ins for `/usr/lib/systemd/systemd` that `objdump -p` reads like the real thing.
 * Layout (the one of the oracle's recorded stand-ins, which the ELF64 little-endian output
 * reproduces byte for byte): ELF header, a LOAD and a DYNAMIC program header, .dynstr,
 * .dynamic, .shstrtab, then four section headers (null, .dynstr, .dynamic, .shstrtab).
 */

export type SynthesizedElfArch = 'amd64' | 'arm64';

export interface ElfShape {
  /** e_machine, e.g. 0x3e (x86-64), 0xb7 (AArch64), 0x28 (ARM). */
  machine: number;
  is64: boolean;
  littleEndian: boolean;
}

const ARCH_SHAPE: Record<SynthesizedElfArch, ElfShape> = {
  amd64: { machine: 0x3e, is64: true, littleEndian: true },
  arm64: { machine: 0xb7, is64: true, littleEndian: true },
};
const SECTION_NAMES = '\0.dynstr\0.dynamic\0.shstrtab\0';
const [DYNSTR_NAME, DYNAMIC_NAME, SHSTRTAB_NAME] = [1, 9, 18];
const [DT_NULL, DT_NEEDED, DT_STRTAB, DT_STRSZ] = [0, 1, 5, 10];
const [PT_LOAD, PT_DYNAMIC] = [1, 2];
const [SHT_STRTAB, SHT_DYNAMIC] = [3, 6];
const [PF_R, PF_RW] = [4, 6];
const [SHF_ALLOC, SHF_WRITE_ALLOC] = [2, 3];

/** ELF64: `libc.so.6` plus `libsystemd-shared-<version><suffix>.so` (suffix e.g. `.1-1.wolfi`). */
export function synthesizeSystemdElf(version: number, arch: SynthesizedElfArch, suffix = ''): Uint8Array {
  if (!Number.isSafeInteger(version) || version < 0) {
    throw new RangeError(`synthesizeSystemdElf: bad version ${version}`);
  }
  return synthesizeElfWithNeeded(['libc.so.6', `libsystemd-shared-${version}${suffix}.so`], arch);
}

/** A shared object whose only dynamic entries are NEEDED `needed` (UTF-8), STRTAB, STRSZ. */
export function synthesizeElfWithNeeded(needed: string[], arch: SynthesizedElfArch | ElfShape): Uint8Array {
  const shape = typeof arch === 'string' ? ARCH_SHAPE[arch] : arch;
  const encoder = new TextEncoder();
  const names = needed.map((name) => encoder.encode(name));
  if (names.some((name) => name.includes(0))) {
    throw new RangeError('synthesizeElfWithNeeded: a library name contains NUL');
  }

  const wordSize = shape.is64 ? 8 : 4;
  const headerSize = shape.is64 ? 64 : 52;
  const programHeaderSize = shape.is64 ? 56 : 32;
  const sectionHeaderSize = shape.is64 ? 64 : 40;
  const dynamicEntrySize = 2 * wordSize;

  const dynstrOffset = headerSize + 2 * programHeaderSize;
  const nameOffsets: number[] = [];
  let dynstrSize = 1;
  for (const name of names) {
    nameOffsets.push(dynstrSize);
    dynstrSize += name.length + 1;
  }
  const dynamicOffset = alignTo(dynstrOffset + dynstrSize, wordSize);
  const dynamicSize = (needed.length + 3) * dynamicEntrySize;
  const shstrtabOffset = dynamicOffset + dynamicSize;
  const sectionHeadersOffset = alignTo(shstrtabOffset + SECTION_NAMES.length, wordSize);
  const fileSize = sectionHeadersOffset + 4 * sectionHeaderSize;

  const out = new ElfWriter(new Uint8Array(fileSize), shape);
  out.bytes.set([0x7f, 0x45, 0x4c, 0x46, shape.is64 ? 2 : 1, shape.littleEndian ? 1 : 2, 1], 0);
  out.half(0x10, 3); // ET_DYN
  out.half(0x12, shape.machine);
  out.u32(0x14, 1); // EV_CURRENT
  // e_entry 0, then e_phoff, e_shoff, e_flags 0, and the six 16-bit size/count fields.
  out.word(0x18 + wordSize, headerSize);
  out.word(0x18 + 2 * wordSize, sectionHeadersOffset);
  const sizes = 0x18 + 3 * wordSize + 4;
  [headerSize, programHeaderSize, 2, sectionHeaderSize, 4, 3].forEach((value, i) => out.half(sizes + 2 * i, value));

  const programHeader = (index: number, type: number, flags: number, offset: number, size: number, align: number) => {
    const at = headerSize + index * programHeaderSize;
    out.u32(at, type);
    // ELF64 puts p_flags right after p_type; ELF32 puts it after p_memsz.
    const fields = shape.is64 ? at + 8 : at + 4;
    if (shape.is64) out.u32(at + 4, flags);
    [offset, offset, offset, size, size].forEach((value, i) => out.word(fields + i * wordSize, value));
    if (!shape.is64) out.u32(at + 24, flags);
    out.word(fields + 5 * wordSize + (shape.is64 ? 0 : 4), align);
  };
  programHeader(0, PT_LOAD, PF_R, 0, fileSize, 0x1000);
  programHeader(1, PT_DYNAMIC, PF_RW, dynamicOffset, dynamicSize, wordSize);

  names.forEach((name, i) => out.bytes.set(name, dynstrOffset + nameOffsets[i]!));
  const entries: Array<[number, number]> = [
    ...nameOffsets.map((offset): [number, number] => [DT_NEEDED, offset]),
    [DT_STRTAB, dynstrOffset],
    [DT_STRSZ, dynstrSize],
    [DT_NULL, 0],
  ];
  entries.forEach(([tag, value], i) => {
    out.word(dynamicOffset + i * dynamicEntrySize, tag);
    out.word(dynamicOffset + i * dynamicEntrySize + wordSize, value);
  });
  out.bytes.set(encoder.encode(SECTION_NAMES), shstrtabOffset);

  // sh_name, sh_type, then sh_flags sh_addr sh_offset sh_size (words), sh_link, sh_info,
  // sh_addralign, sh_entsize (words).
  const sectionHeader = (index: number, name: number, type: number, words: number[], link: number, tail: number[]) => {
    const at = sectionHeadersOffset + index * sectionHeaderSize;
    out.u32(at, name);
    out.u32(at + 4, type);
    words.forEach((value, i) => out.word(at + 8 + i * wordSize, value));
    out.u32(at + 8 + 4 * wordSize, link);
    tail.forEach((value, i) => out.word(at + 16 + 4 * wordSize + i * wordSize, value));
  };
  sectionHeader(1, DYNSTR_NAME, SHT_STRTAB, [SHF_ALLOC, dynstrOffset, dynstrOffset, dynstrSize], 0, [1, 0]);
  sectionHeader(2, DYNAMIC_NAME, SHT_DYNAMIC, [SHF_WRITE_ALLOC, dynamicOffset, dynamicOffset, dynamicSize], 1, [wordSize, dynamicEntrySize]);
  sectionHeader(3, SHSTRTAB_NAME, SHT_STRTAB, [0, 0, shstrtabOffset, SECTION_NAMES.length], 0, [1, 0]);
  return out.bytes;
}

class ElfWriter {
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    private readonly shape: ElfShape,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  half(at: number, value: number): void {
    this.view.setUint16(at, value, this.shape.littleEndian);
  }

  u32(at: number, value: number): void {
    this.view.setUint32(at, value, this.shape.littleEndian);
  }

  word(at: number, value: number): void {
    if (this.shape.is64) this.view.setBigUint64(at, BigInt(value), this.shape.littleEndian);
    else this.u32(at, value);
  }
}

function alignTo(value: number, alignment: number): number {
  return Math.ceil(value / alignment) * alignment;
}
