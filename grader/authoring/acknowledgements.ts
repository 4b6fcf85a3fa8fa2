/**
 * `solutions/<id>/mutants.yaml`: the surviving mutants an author has looked at and accepts, each
 * with the reason (an equivalent mutant, a difference the exercise allows). Validation passes only
 * when every survivor is acknowledged here, so a gap in the checks is never waved through unread.
 *
 *     acknowledged:
 *       - mutant: change-constant@train:c4ed23
 *         reason: Any seed is allowed; the skeleton only suggests seed + 1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { GraderError } from '../errors.js';
import { SOLUTIONS_DIR } from '../paths.js';

export const ACKNOWLEDGEMENTS_FILE = 'mutants.yaml';

const MUTANT_ID = /^[a-z][a-z-]*@[^:\s]+:[0-9a-f]{6}(-\d+)?$/;

const acknowledgementsSchema = z
  .object({
    acknowledged: z
      .array(
        z
          .object({
            mutant: z.string().regex(MUTANT_ID, 'expected a mutant id as validate prints it, e.g. change-constant@train:c4ed23'),
            reason: z.string().trim().min(1, 'say why this mutant may survive'),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

export interface Acknowledgement {
  mutant: string;
  reason: string;
}

export function acknowledgementsPath(exercise: string): string {
  return path.join(SOLUTIONS_DIR, exercise, ACKNOWLEDGEMENTS_FILE);
}

/** The exercise's acknowledgements by mutant id; none when the file does not exist. */
export function loadAcknowledgements(file: string): Map<string, Acknowledgement> {
  if (!fs.existsSync(file)) return new Map();
  const doc = parseDocument(fs.readFileSync(file, 'utf8'));
  if (doc.errors.length > 0) {
    throw new GraderError('EXERCISE_INVALID', `${file}: not valid YAML: ${doc.errors[0].message}`);
  }
  const parsed = acknowledgementsSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    throw new GraderError('EXERCISE_INVALID', `${file} is invalid:\n${problems.join('\n')}\nIt holds \`acknowledged:\`, a list of { mutant: <id>, reason: <why it may survive> }.`);
  }
  const byId = new Map<string, Acknowledgement>();
  for (const entry of parsed.data.acknowledged) {
    if (byId.has(entry.mutant)) throw new GraderError('EXERCISE_INVALID', `${file}: ${entry.mutant} is acknowledged twice; keep one entry.`);
    byId.set(entry.mutant, entry);
  }
  return byId;
}
