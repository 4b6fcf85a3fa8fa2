/**
 * An LMS export as downloaded: the zip is unpacked into a scratch folder, entry by entry, with
 * names that cannot leave it (absolute paths and `..` are refused) and a cap on the total size, so
 * that a crafted archive can neither write elsewhere nor fill the disk.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { GraderError } from '../errors.js';

const MAX_TOTAL_BYTES = 512 * 1024 * 1024;

export function extractZip(zipFile: string): string {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(fs.readFileSync(zipFile));
  } catch (error) {
    throw new GraderError('USAGE', `${zipFile} cannot be read as a zip archive (${(error as Error).message}). Download the submissions again, or unzip them and pass the folder.`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-zip-'));
  let total = 0;
  for (const [name, data] of Object.entries(files)) {
    if (name.endsWith('/')) continue;
    const normalized = path.posix.normalize(name.replace(/\\/g, '/'));
    if (path.posix.isAbsolute(normalized) || normalized.startsWith('../') || normalized === '..') {
      throw new GraderError('USAGE', `${zipFile} holds an entry outside the archive (${name}); it was not unpacked.`);
    }
    total += data.length;
    if (total > MAX_TOTAL_BYTES) throw new GraderError('USAGE', `${zipFile} unpacks to more than ${MAX_TOTAL_BYTES >> 20} MB; split the class.`);
    const target = path.join(dir, normalized);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, data);
  }
  return dir;
}
