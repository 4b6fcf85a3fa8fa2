/** summary.html beside summary.json, linking each student's feedback page where one was written. */
import fs from 'node:fs';
import path from 'node:path';
import { REPORTERS } from '../reporters/index.js';
import { renderSummaryPage } from '../reporters/html/summary-page.js';
import type { BatchSummary, GradedStudent } from './gradebook.js';
import { writeAtomically } from './write-atomically.js';

export function writeSummaryPage(out: string, summary: BatchSummary, graded: readonly GradedStudent[]): void {
  const fileName = REPORTERS.html.fileName;
  // Only pages that exist are linked: a batch without --format html, or an older one resumed, has none.
  const students = graded.map((student) => ({
    ...student,
    feedbackPath: fs.existsSync(path.join(out, 'feedback', student.student, fileName)) ? ['feedback', student.student, fileName] : null,
  }));
  writeAtomically(path.join(out, 'summary.html'), renderSummaryPage(summary, students));
}
