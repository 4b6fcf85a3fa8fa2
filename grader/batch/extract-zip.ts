/**
 * An LMS export as downloaded: the zip is unpacked into a scratch folder. Before anything is
 * written, its central directory is checked as a whole: names that cannot leave the folder
 * (absolute paths and `..` are refused), no links, and declared sizes under the caps, so that a
 * crafted archive can neither write elsewhere, nor smuggle a link in, nor fill the disk or the
 * memory. Then entries are unpacked streaming, each stopped as soon as it produces more than it
 * declared, since the directory can lie. Whatever is refused leaves nothing behind.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Inflate } from 'fflate';
import { GraderError } from '../errors.js';
import { dataOffsetOf, readZipDirectory, type ReadAt, type ZipEntry } from './zip-directory.js';

export interface ZipLimits {
  /** All entries together, as declared. */
  totalBytes: number;
  /** Any one entry, as declared: no submission comes near it. */
  entryBytes: number;
  entries: number;
}

export const ZIP_LIMITS: ZipLimits = { totalBytes: 512 * 1024 * 1024, entryBytes: 64 * 1024 * 1024, entries: 20_000 };

/**
 * Read and inflated a slice at a time: a deflate stream expands at most about 1,032 times, so one
 * slice never produces more than some 16 MB before the running count can stop it.
 */
const SLICE_BYTES = 16 * 1024;

/** A refusal from the directory alone: what the archive holds, and what to do about it. */
export interface ZipRefusal {
  what: string;
  fix: string;
}

export interface PlannedFile {
  entry: ZipEntry;
  /** Where it goes, relative to the scratch folder, with `/` between folders. */
  relative: string;
}

export type ZipPlan = { kind: 'planned'; files: PlannedFile[] } | ({ kind: 'refused' } & ZipRefusal);

/** Rounded up, so that a size just over a cap never reads as the cap itself. */
function megabytes(bytes: number): string {
  return `${Math.ceil(bytes / (1024 * 1024))} MB`;
}

/** A name from the archive, with control characters escaped so that it prints as one line. */
function shown(name: string): string {
  return JSON.stringify(name).slice(1, -1);
}

/** The files to write, or the first reason the archive is refused; decided from the directory alone. */
export function planExtraction(entries: readonly ZipEntry[], limits: ZipLimits = ZIP_LIMITS): ZipPlan {
  const files: PlannedFile[] = [];
  const taken = new Set<string>();
  let total = 0;
  let largest: ZipEntry | undefined;
  for (const entry of entries) {
    const name = shown(entry.name);
    const relative = path.posix.normalize(entry.name.replace(/\\/g, '/'));
    if (path.posix.isAbsolute(relative) || relative === '..' || relative.startsWith('../')) {
      return { kind: 'refused', what: `holds an entry outside the archive (${name})`, fix: 'An LMS export never does: download the submissions again.' };
    }
    if (entry.isSymlink) {
      return { kind: 'refused', what: `holds a symbolic link (${name})`, fix: 'The grader unpacks no links: put the file itself in the archive, not a link.' };
    }
    if (entry.isDirectory) continue;
    if (entry.isEncrypted) {
      return { kind: 'refused', what: `holds an encrypted entry (${name})`, fix: 'Download the submissions without a password, or unzip them and pass the folder.' };
    }
    if (entry.method !== 0 && entry.method !== 8) {
      return { kind: 'refused', what: `holds ${name} compressed with method ${entry.method}, which the grader cannot unpack`, fix: 'Zip the class again with deflate, as LMSs and zip tools do by default.' };
    }
    if (entry.size > limits.entryBytes) {
      return { kind: 'refused', what: `declares ${name} as ${megabytes(entry.size)} unpacked, more than the ${megabytes(limits.entryBytes)} one entry may have`, fix: 'No submission is that large: take that entry out of the archive and run again.' };
    }
    if (taken.has(relative)) {
      return { kind: 'refused', what: `holds ${name} twice`, fix: 'Keep one of them and zip the class again.' };
    }
    taken.add(relative);
    total += entry.size;
    if (largest === undefined || entry.size > largest.size) largest = entry;
    files.push({ entry, relative });
  }
  if (total > limits.totalBytes && largest !== undefined) {
    return {
      kind: 'refused',
      what: `declares ${megabytes(total)} unpacked in all (the largest entry, ${shown(largest.name)}, ${megabytes(largest.size)}), more than the ${megabytes(limits.totalBytes)} a class may unpack to`,
      fix: 'Split the class into smaller archives, or take out what is not a submission.',
    };
  }
  return { kind: 'planned', files };
}

function readerOf(fd: number): ReadAt {
  return (position, length) => {
    const buffer = Buffer.alloc(length);
    let filled = 0;
    while (filled < length) {
      const read = fs.readSync(fd, buffer, filled, length - filled, position + filled);
      if (read === 0) break;
      filled += read;
    }
    return buffer.subarray(0, filled);
  };
}

function writeAll(fd: number, chunk: Uint8Array): void {
  for (let written = 0; written < chunk.length; ) written += fs.writeSync(fd, chunk, written);
}

/** Thrown from inside the inflater's callback, to stop it at the first byte past what was declared. */
class Overrun extends Error {}

/** Unpacks one entry to `target`, counting what it produces; a reason when it is damaged or produces more than it declared. */
function unpackEntry(read: ReadAt, fileSize: number, entry: ZipEntry, target: string): string | null {
  const start = dataOffsetOf(read, entry, fileSize);
  if (typeof start === 'string') return `${shown(entry.name)}: ${start}`;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // `wx`: never write through anything already there (a second name for the same file on a case-insensitive disk).
  const out = fs.openSync(target, 'wx');
  let produced = 0;
  const write = (chunk: Uint8Array): void => {
    if (produced + chunk.length > entry.size) throw new Overrun();
    writeAll(out, chunk);
    produced += chunk.length;
  };
  try {
    const inflater = entry.method === 8 ? new Inflate((chunk) => write(chunk)) : null;
    let offset = 0;
    do {
      const slice = read(start + offset, Math.min(SLICE_BYTES, entry.compressedSize - offset));
      offset += slice.length;
      const isLast = offset >= entry.compressedSize;
      if (inflater) inflater.push(slice, isLast);
      else write(slice);
    } while (offset < entry.compressedSize);
  } catch (error) {
    if (error instanceof Overrun) return `${shown(entry.name)} unpacks to more than the ${entry.size} bytes the archive declares for it`;
    return `${shown(entry.name)} cannot be inflated (${(error as Error).message})`;
  } finally {
    fs.closeSync(out);
  }
  return produced === entry.size ? null : `${shown(entry.name)} unpacks to ${produced} bytes, not the ${entry.size} the archive declares for it`;
}

/** Unpacks `zipFile` into a new folder under `scratchParent` and returns that folder; on any refusal nothing is left there. */
export function extractZip(zipFile: string, scratchParent: string = os.tmpdir()): string {
  const unreadable = (reason: string) =>
    new GraderError('USAGE', `${zipFile} cannot be read as a zip archive (${reason}). Download the submissions again, or unzip them and pass the folder.`);
  let fd: number;
  try {
    fd = fs.openSync(zipFile, 'r');
  } catch (error) {
    throw unreadable((error as Error).message);
  }
  try {
    const read = readerOf(fd);
    const fileSize = fs.fstatSync(fd).size;
    const directory = readZipDirectory(read, fileSize, ZIP_LIMITS.entries);
    if (directory.kind === 'malformed') throw unreadable(directory.reason);
    if (directory.kind === 'too-many-entries') {
      throw new GraderError('USAGE', `${zipFile} holds ${directory.count} entries, more than the ${ZIP_LIMITS.entries} a class may have: nothing was unpacked. Split the class into smaller archives.`);
    }
    const plan = planExtraction(directory.entries);
    if (plan.kind === 'refused') throw new GraderError('USAGE', `${zipFile} ${plan.what}: nothing was unpacked. ${plan.fix}`);
    const dir = fs.mkdtempSync(path.join(scratchParent, 'autograde-zip-'));
    try {
      for (const { entry, relative } of plan.files) {
        let problem: string | null;
        try {
          problem = unpackEntry(read, fileSize, entry, path.join(dir, relative));
        } catch (error) {
          problem = `${shown(entry.name)} cannot be written (${(error as Error).message})`;
        }
        if (problem !== null) {
          throw new GraderError('USAGE', `${zipFile} is damaged or crafted: ${problem}. What was unpacked of it has been removed. Download the submissions again.`);
        }
      }
    } catch (error) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    return dir;
  } finally {
    fs.closeSync(fd);
  }
}
