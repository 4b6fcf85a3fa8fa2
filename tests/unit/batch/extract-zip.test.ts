import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { extractZip, planExtraction, type ZipLimits } from '../../../grader/batch/extract-zip.js';
import type { ZipEntry } from '../../../grader/batch/zip-directory.js';
import { GraderError } from '../../../grader/errors.js';
import { declareSizes, SYMLINK_ATTRIBUTES, UNIX_HOST, ZIP64_ARCHIVE } from '../../support/zip-archives.js';

const MB = 1024 * 1024;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'extract-zip-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function entry(name: string, size: number, extra: Partial<ZipEntry> = {}): ZipEntry {
  return { name, size, compressedSize: size, method: 8, isEncrypted: false, isDirectory: name.endsWith('/'), isSymlink: false, localHeaderOffset: 0, ...extra };
}

const LIMITS: ZipLimits = { totalBytes: 512 * MB, entryBytes: 64 * MB, entries: 100 };

describe('planExtraction', () => {
  it('plans every file under its normalised name, and passes over folders', () => {
    const plan = planExtraction([entry('ada/', 0), entry('ada/./qkv-projection.ts', 10), entry('alan\\qkv-projection.ts', 20)], LIMITS);
    expect(plan.kind === 'planned' && plan.files.map((file) => file.relative)).toEqual(['ada/qkv-projection.ts', 'alan/qkv-projection.ts']);
  });

  it('refuses, naming the entry, a name outside the archive, a link, an encrypted or unknown entry and a name given twice', () => {
    const refusals = [
      [entry('../escaped.ts', 1)],
      [entry('/etc/cron.d/x', 1)],
      [entry('ada/../../up.ts', 1)],
      [entry('mallory/qkv-projection.ts', 11, { isSymlink: true })],
      [entry('secret.ts', 1, { isEncrypted: true })],
      [entry('bz.ts', 1, { method: 12 })],
      [entry('ada/a.ts', 1), entry('ada//a.ts', 1)],
    ].map((entries) => planExtraction(entries, LIMITS));
    expect(refusals.map((plan) => plan.kind === 'refused' && plan.what)).toEqual([
      'holds an entry outside the archive (../escaped.ts)',
      'holds an entry outside the archive (/etc/cron.d/x)',
      'holds an entry outside the archive (ada/../../up.ts)',
      'holds a symbolic link (mallory/qkv-projection.ts)',
      'holds an encrypted entry (secret.ts)',
      'holds bz.ts compressed with method 12, which the grader cannot unpack',
      'holds ada//a.ts twice',
    ]);
    expect(refusals.every((plan) => plan.kind === 'refused' && plan.fix.length > 0)).toBe(true);
  });

  it('refuses an entry that declares more than the cap for one, naming it', () => {
    const plan = planExtraction([entry('ada.ts', 10), entry('bomb/a.bin', 700 * MB), entry('bomb/b.bin', 700 * MB)], LIMITS);
    expect(plan).toMatchObject({ kind: 'refused', what: 'declares bomb/a.bin as 700 MB unpacked, more than the 64 MB one entry may have' });
  });

  it('never shows a size just over a cap as the cap itself', () => {
    expect(planExtraction([entry('big.bin', 64 * MB + 1)], LIMITS)).toMatchObject({ what: 'declares big.bin as 65 MB unpacked, more than the 64 MB one entry may have' });
    expect(planExtraction([entry('big.bin', 64 * MB)], LIMITS).kind).toBe('planned');
  });

  it('refuses entries that declare more than the cap in all, naming the largest', () => {
    const entries = Array.from({ length: 12 }, (_, i) => entry(`s${i}/big.bin`, (40 + i) * MB));
    expect(planExtraction(entries, LIMITS)).toMatchObject({ kind: 'refused', what: 'declares 546 MB unpacked in all (the largest entry, s11/big.bin, 51 MB), more than the 512 MB a class may unpack to' });
    expect(planExtraction(entries.slice(0, 10), LIMITS).kind).toBe('planned');
  });

  it('escapes control characters in a name it quotes', () => {
    expect(planExtraction([entry('../\u001b[2Jx.ts', 1)], LIMITS)).toMatchObject({ what: 'holds an entry outside the archive (../\\u001b[2Jx.ts)' });
  });
});

describe('extractZip', () => {
  const write = (name: string, zip: Uint8Array): string => {
    const file = path.join(fs.mkdtempSync(path.join(root, 'archive-')), name);
    fs.writeFileSync(file, zip);
    return file;
  };
  const scratch = (): string => fs.mkdtempSync(path.join(root, 'scratch-'));
  const refusalOf = (zip: string, parent: string): GraderError => {
    try {
      extractZip(zip, parent);
    } catch (error) {
      if (error instanceof GraderError) return error;
      throw error;
    }
    throw new Error(`${zip} was unpacked`);
  };

  it('unpacks files, stored and deflated, as they were', () => {
    const files: Zippable = { 'ada/qkv-projection.ts': strToU8('export const a = 1;\n'.repeat(500)), 'alan.ts': [strToU8('export const b = 2;\n'), { level: 0 }], 'empty.ts': strToU8('') };
    const parent = scratch();
    const dir = extractZip(write('class.zip', zipSync(files)), parent);
    expect(path.dirname(dir)).toBe(parent);
    expect(fs.readFileSync(path.join(dir, 'ada', 'qkv-projection.ts'), 'utf8')).toBe('export const a = 1;\n'.repeat(500));
    expect(fs.readFileSync(path.join(dir, 'alan.ts'), 'utf8')).toBe('export const b = 2;\n');
    expect(fs.readFileSync(path.join(dir, 'empty.ts'), 'utf8')).toBe('');
  });

  it('unpacks a ZIP64 archive', () => {
    const dir = extractZip(write('zip64.zip', ZIP64_ARCHIVE), scratch());
    expect(fs.readFileSync(path.join(dir, 'a.ts'), 'utf8')).toBe('export const a = 1;\n');
  });

  it('refuses a bomb from its directory alone: nothing is created', () => {
    const zip = declareSizes(zipSync({ 'a.bin': strToU8('a'), 'b.bin': strToU8('b'), 'c.bin': strToU8('c') }), { 'a.bin': 700 * MB, 'b.bin': 700 * MB, 'c.bin': 700 * MB });
    const parent = scratch();
    const file = write('bomb.zip', zip);
    expect(refusalOf(file, parent).message).toBe(
      `${file} declares a.bin as 700 MB unpacked, more than the 64 MB one entry may have: nothing was unpacked. No submission is that large: take that entry out of the archive and run again.`,
    );
    expect(fs.readdirSync(parent)).toEqual([]);
  });

  it('stops an entry that produces more than it declares, and removes what was unpacked before it', () => {
    // 8 MB of zeros deflate to about 8 kB; the directory says 1,000 bytes.
    const zip = declareSizes(zipSync({ 'ada/qkv-projection.ts': strToU8('export const a = 1;\n'), 'zeros.bin': new Uint8Array(8 * MB) }), { 'zeros.bin': 1000 });
    const parent = scratch();
    const file = write('liar.zip', zip);
    expect(refusalOf(file, parent).message).toBe(
      `${file} is damaged or crafted: zeros.bin unpacks to more than the 1000 bytes the archive declares for it. What was unpacked of it has been removed. Download the submissions again.`,
    );
    expect(fs.readdirSync(parent)).toEqual([]);
  });

  it('refuses a symbolic link entry before unpacking anything', () => {
    const zip = zipSync({ 'ada/qkv-projection.ts': strToU8('x'), 'mallory/qkv-projection.ts': [strToU8('../../solutions/qkv-projection/qkv-projection.ts'), { os: UNIX_HOST, attrs: SYMLINK_ATTRIBUTES }] });
    const parent = scratch();
    const file = write('link.zip', zip);
    expect(refusalOf(file, parent).message).toContain(`${file} holds a symbolic link (mallory/qkv-projection.ts): nothing was unpacked.`);
    expect(fs.readdirSync(parent)).toEqual([]);
  });

  it('names a file that is not an archive', () => {
    const parent = scratch();
    const file = write('broken.zip', strToU8('not a zip at all'));
    expect(refusalOf(file, parent).message).toContain(`${file} cannot be read as a zip archive (no end of central directory`);
    expect(fs.readdirSync(parent)).toEqual([]);
  });
});
