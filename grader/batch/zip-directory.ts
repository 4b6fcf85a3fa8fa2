/**
 * A zip archive's central directory, read without unpacking anything: each entry's name, its
 * declared sizes, how it is compressed, whether it is a link, and where its data starts. Extracting
 * is driven from this directory alone, so that what was checked (names, sizes, links) is what gets
 * written; the local headers, which may disagree with it, are only used to find the data.
 */

/** Reads `length` bytes at `position` of the archive; fewer at its end. */
export type ReadAt = (position: number, length: number) => Uint8Array;

export interface ZipEntry {
  /** The name as stored in the directory. */
  name: string;
  /** The uncompressed size the directory declares; what unpacking produces may differ in a crafted archive. */
  size: number;
  compressedSize: number;
  /** 0: stored, 8: deflate (APPNOTE 4.4.5). */
  method: number;
  isEncrypted: boolean;
  isDirectory: boolean;
  /** The external attributes carry a Unix mode, and it is a symbolic link's. */
  isSymlink: boolean;
  localHeaderOffset: number;
}

export type ZipDirectory =
  | { kind: 'read'; entries: ZipEntry[] }
  | { kind: 'malformed'; reason: string }
  | { kind: 'too-many-entries'; count: number };

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END_OF_DIRECTORY = 0x06064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** The end record is 22 bytes, followed by a comment of at most 65,535. */
const END_SEARCH_BYTES = 22 + 0xffff;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

function u16(data: Uint8Array, at: number): number {
  return data[at] | (data[at + 1] << 8);
}

function u32(data: Uint8Array, at: number): number {
  return (data[at] | (data[at + 1] << 8) | (data[at + 2] << 16) | (data[at + 3] << 24)) >>> 0;
}

/** A 64-bit field as a number; beyond 2^53 it cannot be an offset or size in any real archive. */
function u64(data: Uint8Array, at: number): number {
  const high = u32(data, at + 4);
  return high > 0x1fffff ? Number.POSITIVE_INFINITY : high * 2 ** 32 + u32(data, at);
}

function decodeName(bytes: Uint8Array, isUtf8: boolean): string {
  // Without the UTF-8 flag, each byte is one character, as fflate's own unzip reads it.
  return isUtf8 ? new TextDecoder().decode(bytes) : Buffer.from(bytes).toString('latin1');
}

interface EndRecord {
  count: number;
  directorySize: number;
  directoryOffset: number;
}

function readEnd(read: ReadAt, fileSize: number): EndRecord | string {
  const tailStart = Math.max(0, fileSize - END_SEARCH_BYTES);
  const tail = read(tailStart, fileSize - tailStart);
  let at = tail.length - 22;
  while (at >= 0 && u32(tail, at) !== END_OF_DIRECTORY) at--;
  if (at < 0) return 'no end of central directory: it is not a zip archive, or it was cut short';
  if (u16(tail, at + 4) !== 0 && u16(tail, at + 4) !== 0xffff) return 'it is one part of a split archive; join the parts first';
  let end: EndRecord = { count: u16(tail, at + 10), directorySize: u32(tail, at + 12), directoryOffset: u32(tail, at + 16) };
  const locatorAt = tailStart + at - 20;
  if (locatorAt >= 0) {
    const locator = read(locatorAt, 20);
    if (locator.length === 20 && u32(locator, 0) === ZIP64_LOCATOR) {
      const record = read(u64(locator, 8), 56);
      if (record.length < 56 || u32(record, 0) !== ZIP64_END_OF_DIRECTORY) return 'its ZIP64 end record is missing';
      end = { count: u64(record, 32), directorySize: u64(record, 40), directoryOffset: u64(record, 48) };
    }
  }
  if (end.directoryOffset + end.directorySize > fileSize) return 'its central directory lies beyond the end of the file';
  return end;
}

/** Sizes and offset too large for 32 bits are in the ZIP64 extra field, in this order, each only if its own field is 0xFFFFFFFF. */
function applyZip64(extra: Uint8Array, entry: Pick<ZipEntry, 'size' | 'compressedSize' | 'localHeaderOffset'>): void {
  for (let at = 0; at + 4 <= extra.length; at += 4 + u16(extra, at + 2)) {
    if (u16(extra, at) !== 0x0001) continue;
    let field = at + 4;
    const end = field + u16(extra, at + 2);
    for (const key of ['size', 'compressedSize', 'localHeaderOffset'] as const) {
      if (entry[key] !== 0xffffffff || field + 8 > end) continue;
      entry[key] = u64(extra, field);
      field += 8;
    }
    return;
  }
}

/** The archive's entries, read from its central directory; no more than `maxEntries` are read. */
export function readZipDirectory(read: ReadAt, fileSize: number, maxEntries: number): ZipDirectory {
  const end = readEnd(read, fileSize);
  if (typeof end === 'string') return { kind: 'malformed', reason: end };
  if (end.count > maxEntries) return { kind: 'too-many-entries', count: end.count };
  const data = read(end.directoryOffset, end.directorySize);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let index = 0; index < end.count; index++) {
    if (at + 46 > data.length || u32(data, at) !== DIRECTORY_ENTRY) return { kind: 'malformed', reason: `its central directory ends after ${index} of the ${end.count} entries it declares` };
    const flags = u16(data, at + 8);
    const nameLength = u16(data, at + 28);
    const extraLength = u16(data, at + 30);
    const next = at + 46 + nameLength + extraLength + u16(data, at + 32);
    if (next > data.length) return { kind: 'malformed', reason: `its central directory ends inside entry ${index + 1}` };
    const name = decodeName(data.subarray(at + 46, at + 46 + nameLength), (flags & 0x800) !== 0);
    const entry: ZipEntry = {
      name,
      size: u32(data, at + 24),
      compressedSize: u32(data, at + 20),
      method: u16(data, at + 10),
      isEncrypted: (flags & 0x1) !== 0,
      isDirectory: name.endsWith('/') || name.endsWith('\\'),
      // The upper half of the external attributes is a Unix mode when the archiver recorded one.
      isSymlink: ((u32(data, at + 38) >>> 16) & S_IFMT) === S_IFLNK,
      localHeaderOffset: u32(data, at + 42),
    };
    applyZip64(data.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), entry);
    entries.push(entry);
    at = next;
  }
  return { kind: 'read', entries };
}

/** Where an entry's data starts, from its local header (whose own sizes are not trusted); what is wrong with the entry when it cannot be found. */
export function dataOffsetOf(read: ReadAt, entry: ZipEntry, fileSize: number): number | string {
  const header = read(entry.localHeaderOffset, 30);
  if (header.length < 30 || u32(header, 0) !== LOCAL_HEADER) return 'it has no local header where the directory says';
  const start = entry.localHeaderOffset + 30 + u16(header, 26) + u16(header, 28);
  if (start + entry.compressedSize > fileSize) return 'its data runs past the end of the file';
  return start;
}
