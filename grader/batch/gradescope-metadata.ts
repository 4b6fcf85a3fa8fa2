/**
 * Gradescope's export names each submission's folder `submission_<id>` and says whose it is only in
 * `submission_metadata.yml` beside them: for each folder, its `:submitters:`, each with a `:name:`,
 * a `:sid:` (the student id the course gave) and an `:email:`. Those ids are what an LMS matches
 * a grade to, so they are read here; the names are not needed and not kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { StudentIdentity } from '../report/class-summary.js';

export const GRADESCOPE_METADATA = 'submission_metadata.yml';

/** No export's metadata comes near this; a file past it is not read. */
const MAX_METADATA_BYTES = 32 * 1024 * 1024;

export type GradescopeMetadata = { kind: 'read'; identities: Map<string, StudentIdentity> } | { kind: 'absent' } | { kind: 'unreadable'; reason: string };

/** A key as Gradescope writes it, a Ruby symbol (`:sid`) or not. */
function field(record: unknown, key: string): unknown {
  if (typeof record !== 'object' || record === null) return undefined;
  const fields = record as Record<string, unknown>;
  return fields[`:${key}`] ?? fields[key];
}

/** An id or an email as a gradebook column may hold it: no separators, no control characters, bounded. */
function idText(value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number') return '';
  const text = String(value).trim();
  return /^[A-Za-z0-9._@+-]{1,200}$/.test(text) ? text : '';
}

/** The identities the metadata gives, by folder name. */
export function parseGradescopeMetadata(text: string): Map<string, StudentIdentity> {
  // Aliases are few in a real export; a crafted file must not expand into the whole memory.
  const data = parse(text, { maxAliasCount: 100 }) as unknown;
  const identities = new Map<string, StudentIdentity>();
  if (typeof data !== 'object' || data === null) return identities;
  for (const [key, record] of Object.entries(data as Record<string, unknown>)) {
    const submitters = field(record, 'submitters');
    if (!Array.isArray(submitters)) continue;
    const ids = submitters.map((submitter) => idText(field(submitter, 'sid')));
    const emails = submitters.map((submitter) => idText(field(submitter, 'email')));
    identities.set(key.replace(/^:/, ''), {
      lms: 'gradescope',
      userId: ids.every((id) => id === '') ? '' : ids.join(';'),
      email: emails.every((email) => email === '') ? '' : emails.join(';'),
    });
  }
  return identities;
}

/** The metadata in `dir`, if there is any. */
export function readGradescopeMetadata(dir: string): GradescopeMetadata {
  const file = path.join(dir, GRADESCOPE_METADATA);
  const stat = fs.lstatSync(file, { throwIfNoEntry: false });
  if (stat === undefined) return { kind: 'absent' };
  if (!stat.isFile()) return { kind: 'unreadable', reason: 'it is not a regular file' };
  if (stat.size > MAX_METADATA_BYTES) return { kind: 'unreadable', reason: `it is larger than ${MAX_METADATA_BYTES / (1024 * 1024)} MB` };
  try {
    return { kind: 'read', identities: parseGradescopeMetadata(fs.readFileSync(file, 'utf8')) };
  } catch (error) {
    return { kind: 'unreadable', reason: (error as Error).message.split('\n')[0] };
  }
}
