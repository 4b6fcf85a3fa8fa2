/** The class pages beside summary.json (summary.html), linking each student's feedback page where one was written. */
import fs from 'node:fs';
import path from 'node:path';
import type { BatchSummary, GradedStudent } from '../report/class-summary.js';
import { REPORTERS } from '../reporters/index.js';
import type { ReporterDefinition } from '../reporters/types.js';
import { writeAtomically } from './write-atomically.js';

export function writeSummaryPage(out: string, summary: BatchSummary, graded: readonly GradedStudent[]): void {
  for (const definition of Object.values(REPORTERS) as ReporterDefinition[]) {
    if (!definition.classSummary) continue;
    // Only pages that exist are linked: a batch without that --format, or an older one resumed, has none.
    const students = graded.map((student) => ({
      ...student,
      feedbackPath: fs.existsSync(path.join(out, 'feedback', student.student, definition.fileName)) ? ['feedback', student.student, definition.fileName] : null,
    }));
    writeAtomically(path.join(out, definition.classSummary.fileName), definition.classSummary.render(summary, students));
  }
}
