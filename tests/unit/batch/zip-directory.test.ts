import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readZipDirectory, type ReadAt, type ZipDirectory } from '../../../grader/batch/zip-directory.js';
import { declareSizes, SYMLINK_ATTRIBUTES, UNIX_HOST, ZIP64_ARCHIVE } from '../../support/zip-archives.js';

const readerOf = (zip: Uint8Array): ReadAt => (position, length) => zip.subarray(position, position + length);
const directoryOf = (zip: Uint8Array, maxEntries = 100): ZipDirectory => readZipDirectory(readerOf(zip), zip.length, maxEntries);

function entriesOf(zip: Uint8Array) {
  const directory = directoryOf(zip);
  if (directory.kind !== 'read') throw new Error(`expected entries, got ${JSON.stringify(directory)}`);
  return directory.entries;
}

describe('readZipDirectory', () => {
  it('reads each entry’s name, declared size and compression from the central directory', () => {
    const zeros = new Uint8Array(100_000);
    const zip = zipSync({ 'ada/qkv-projection.ts': strToU8('export const x = 1;\n'), 'alan/zeros.bin': zeros, empty: {} }, { level: 6 });
    const entries = entriesOf(zip);
    expect(entries.map(({ name, size, method, isDirectory, isSymlink, isEncrypted }) => ({ name, size, method, isDirectory, isSymlink, isEncrypted }))).toEqual([
      { name: 'ada/qkv-projection.ts', size: 20, method: 8, isDirectory: false, isSymlink: false, isEncrypted: false },
      { name: 'alan/zeros.bin', size: 100_000, method: 8, isDirectory: false, isSymlink: false, isEncrypted: false },
      { name: 'empty/', size: 0, method: 8, isDirectory: true, isSymlink: false, isEncrypted: false },
    ]);
    expect(entries[1].compressedSize).toBeLessThan(1_000);
  });

  it('tells a symbolic link by the Unix mode in its external attributes', () => {
    const zip = zipSync({ 'mallory/qkv-projection.ts': [strToU8('/etc/passwd'), { os: UNIX_HOST, attrs: SYMLINK_ATTRIBUTES }], 'ada.ts': strToU8('x') });
    expect(entriesOf(zip).map((entry) => [entry.name, entry.isSymlink])).toEqual([['mallory/qkv-projection.ts', true], ['ada.ts', false]]);
  });

  it('gives the sizes the directory declares, not those of the data', () => {
    const zip = declareSizes(zipSync({ 'a.ts': strToU8('small') }), { 'a.ts': 700 * 1024 * 1024 });
    expect(entriesOf(zip)[0].size).toBe(700 * 1024 * 1024);
  });

  it('reads names as UTF-8 when flagged, as one byte a character otherwise', () => {
    expect(entriesOf(zipSync({ 'Zoë_123_assignsubmission_file_/qkv-projection.ts': strToU8('x') }))[0].name).toBe('Zoë_123_assignsubmission_file_/qkv-projection.ts');
  });

  it('reads sizes and offsets that ZIP64 records hold', () => {
    expect(entriesOf(ZIP64_ARCHIVE)).toEqual([expect.objectContaining({ name: 'a.ts', size: 20, compressedSize: 20, method: 0, localHeaderOffset: 0 })]);
  });

  it('counts the entries before reading them', () => {
    const zip = zipSync(Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`s${i}.ts`, strToU8('x')])));
    expect(directoryOf(zip, 4)).toEqual({ kind: 'too-many-entries', count: 5 });
  });

  it('says why a file is not a readable archive', () => {
    expect(directoryOf(strToU8('not a zip at all'))).toEqual({ kind: 'malformed', reason: 'no end of central directory: it is not a zip archive, or it was cut short' });
    const zip = zipSync({ 'a.ts': strToU8('x'), 'b.ts': strToU8('y') });
    const cut = zip.slice();
    // The directory's offset moved past where it is: it no longer starts with an entry.
    const view = new DataView(cut.buffer);
    view.setUint32(cut.length - 6, view.getUint32(cut.length - 6, true) + 1, true);
    expect(directoryOf(cut)).toMatchObject({ kind: 'malformed' });
  });
});
