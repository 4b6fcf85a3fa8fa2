/** `--format json`: the report object itself; an array when several submissions were graded. */
import type { Report } from '../report/types.js';
import type { Reporter, ReporterDefinition, ReporterOptions } from './types.js';

function createJsonReporter(options: ReporterOptions): Reporter {
  return {
    onFinish(reports: Report[]) {
      const value = reports.length === 1 ? reports[0] : reports;
      options.write(`${JSON.stringify(value, null, 2)}\n`);
    },
  };
}

export const jsonReporter: ReporterDefinition = {
  description: 'the report object itself (an array for several submissions), for scripts',
  fileName: 'report.json',
  audience: 'staff',
  create: createJsonReporter,
};
