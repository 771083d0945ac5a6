import { bytesFromByteString } from '../byteString.ts';
import { ET_CORE, ElfView, SHT_NOBITS, SHT_STRTAB, cString, fitsInFile, readElfImage, type ElfImage } from './reader.ts';

/** Dynamic tags whose value `objdump -p` prints as a string-table entry. */
const STRING_TAGS = new Set([1, 14, 15, 29, 0x7ffffffd, 0x7fffffff, 0x6ffffefa, 0x6ffffefb, 0x6ffffefc]);
const SHT_NULL = 0;

/** Base::get_systemd_version's pattern, applied to each line objdump prints. */
const SYSTEMD_SHARED_LINE = /libsystemd-shared-(\d+)(?:[-_.][a-zA-Z0-9]+)*\.so:?$/;

export type SystemdVersionResult = number | undefined | { error: string };

/**
 * What Base::get_systemd_version learns from `objdump -p <file>`: the NNN of the last
 * printed line ending in `libsystemd-shared-NNN[-_.suffix...].so`, or undefined.
 *
 * `bytes` is the file as a byte string. A file objdump (binutils 2.40) cannot read gives
 * `{ error }` holding the text run_command appends to `objdump on <init> failed: ` (without
 * the newline): objdump's last stderr line, which names `objdumpPath` — the host path of the
 * binary, `abs_path(<rootdir><init>)`; the oracle writes its rootfs prefix as `<rootfs>` —
 * or `exit code 1` for an empty file, where objdump fails silently.
 *
 * Modelled output: the string-valued entries of the first `.dynamic` section (NEEDED,
 * SONAME, RPATH, RUNPATH, AUXILIARY, FILTER, CONFIG, DEPAUDIT, AUDIT) read through the
 * section's sh_link string table, as objdump does (it ignores DT_STRTAB and program
 * headers). Not modelled: the "Version References" lines (`required from <lib>:`), which in
 * real binaries name the same library as NEEDED; a version with leading zeros, which Perl
 * would print as written (`Systemd 0255 detected`).
 */
export function systemdVersionFromElf(bytes: string, objdumpPath = '<rootfs>/usr/lib/systemd/systemd'): SystemdVersionResult {
  if (bytes.length === 0) return { error: 'exit code 1' };
  const strings = objdumpDynamicStrings(bytesFromByteString(bytes));
  if (strings === undefined) {
    return { error: `objdump: ${objdumpPath}: file format not recognized` };
  }

  let version: number | undefined;
  for (const text of strings) {
    // run_command hands over one line at a time; a newline inside a name starts a new line.
    for (const line of text.split('\n')) {
      const match = SYSTEMD_SHARED_LINE.exec(line);
      if (match) version = Number(match[1]);
    }
  }
  return version;
}

/**
 * The strings `objdump -p` prints in its "Dynamic Section", in order; undefined when BFD does
 * not recognise the file. Printing stops at DT_NULL and at the first string objdump cannot
 * read ("private headers incomplete").
 */
export function objdumpDynamicStrings(bytes: Uint8Array): string[] | undefined {
  const image = readElfImage(bytes);
  if (image === undefined) return undefined;
  // Core files get their sections from program headers; objdump prints no dynamic section.
  if (image.type === ET_CORE) return [];

  const order = bfdSectionOrder(image);
  if (order === undefined) return undefined;
  const dynamic = order.map((index) => image.sections[index]!).find((section) => section.name === '.dynamic');
  if (dynamic === undefined || dynamic.type === SHT_NOBITS) return [];
  if (!fitsInFile(dynamic.offset, dynamic.size, bytes.length)) return [];

  const view = new ElfView(bytes, image.littleEndian);
  const entrySize = image.is64 ? 16 : 8;
  const strings: string[] = [];
  const lookup = stringTableLookup(image, dynamic.link);
  for (let at = dynamic.offset; at + entrySize <= dynamic.offset + dynamic.size; at += entrySize) {
    const tag = image.is64 ? view.u64(at) : view.u32(at);
    if (tag === 0) break;
    if (!STRING_TAGS.has(tag)) continue;
    const text = lookup(view.word(at + entrySize / 2, image.is64));
    if (text === undefined) break;
    strings.push(text);
  }
  return strings;
}

/**
 * The order in which BFD turns section headers into sections — `.dynamic` is looked up by
 * name, so with duplicate names the first one made wins. Index order, except that a string
 * table first makes the sections that link to it; null sections and the section-name table
 * get no section. Undefined where BFD gives up (a string table linking to itself, a cycle).
 */
function bfdSectionOrder(image: ElfImage): number[] | undefined {
  const order: number[] = [];
  const state = new Map<number, 'making' | 'made'>();
  const make = (index: number): boolean => {
    const current = state.get(index);
    if (current === 'made') return true;
    if (current === 'making') return false;
    state.set(index, 'making');
    const section = image.sections[index]!;
    if (section.type === SHT_STRTAB && index !== image.nameTableIndex) {
      for (const other of image.sections.slice(1)) {
        if (other.link !== index) continue;
        if (other.index === index || !make(other.index)) return false;
      }
    }
    state.set(index, 'made');
    if (section.type !== SHT_NULL && index !== image.nameTableIndex) order.push(index);
    return true;
  };
  for (let index = 1; index < image.sections.length; index++) {
    if (!make(index)) return undefined;
  }
  return order;
}

/**
 * String lookups in section `index` the way BFD answers them: the section must be a string
 * table inside the file and the offset inside the section. A table whose last byte is not
 * NUL serves one lookup (read up to a NUL or its end) and fails from then on.
 */
function stringTableLookup(image: ElfImage, index: number): (offset: number) => string | undefined {
  const section = image.sections[index];
  if (section === undefined || section.type !== SHT_STRTAB || !fitsInFile(section.offset, section.size, image.bytes.length)) {
    return () => undefined;
  }
  const table = image.bytes.subarray(section.offset, section.offset + section.size);
  const terminated = table.length > 0 && table[table.length - 1] === 0;
  let lookups = 0;
  return (offset) => {
    lookups++;
    if (offset >= table.length || (!terminated && lookups > 1)) return undefined;
    return cString(table, offset);
  };
}
