/** `--format html`: a self-contained feedback page, with the plots of the student's code beside the reference's. */
import { renderFeedbackPage } from './html/feedback-page.js';
import { renderSummaryPage } from './html/summary-page.js';
import type { Reporter, ReporterDefinition, ReporterOptions } from './types.js';

function createHtmlReporter(options: ReporterOptions): Reporter {
  return {
    onFinish(reports) {
      options.write(renderFeedbackPage(reports));
    },
  };
}

export const htmlReporter: ReporterDefinition = {
  description: 'a self-contained feedback page: score, checks, what went wrong, and plots of the code beside the reference',
  fileName: 'feedback.html',
  audience: 'students',
  create: createHtmlReporter,
  classSummary: { fileName: 'summary.html', render: renderSummaryPage },
};
