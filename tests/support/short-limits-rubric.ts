/**
 * The shipped rubric with shorter time limits, so that fixtures that loop forever cost seconds
 * instead of the half minute a real grading run allows. Points, prerequisites, tolerances and
 * visibility are the shipped ones, so the scores tested are the real scores.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { RUBRICS_DIR } from '../../grader/paths.js';

export function writeShortLimitsRubric(exercise = 'qkv-projection', limits = { importTimeMs: 8000, checkTimeMs: 10_000, typecheckMs: 8000 }): string {
  const doc = parseDocument(fs.readFileSync(path.join(RUBRICS_DIR, `${exercise}.yaml`), 'utf8'));
  doc.setIn(['limits', 'importTimeMs'], limits.importTimeMs);
  doc.setIn(['limits', 'typecheckMs'], limits.typecheckMs);
  doc.setIn(['defaults', 'timeLimitMs'], limits.checkTimeMs);
  const checks = doc.get('checks', true) as { items: Array<{ key: { value: string } }> };
  for (const item of checks.items) {
    if (doc.getIn(['checks', item.key.value, 'timeLimitMs']) !== undefined) doc.setIn(['checks', item.key.value, 'timeLimitMs'], limits.checkTimeMs);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-rubric-'));
  const file = path.join(dir, `${exercise}.yaml`);
  fs.writeFileSync(file, doc.toString());
  return file;
}
