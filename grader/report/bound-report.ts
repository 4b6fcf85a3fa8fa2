/**
 * The last step before a report leaves the pipeline: every string in it that the student could
 * have shaped is cut to its bound and made printable (safe-text.ts), and the whole report is kept
 * under MAX_REPORT_BYTES, so that no submission can make a report, a gradebook or a terminal
 * carry what it likes, or as much as it likes.
 */
import { toSafeText } from './safe-text.js';
import type { Report, SourceLocation } from './types.js';

export const MAX_REPORT_BYTES = 1024 * 1024;

export const REPORT_TEXT_LIMITS = {
  path: 500,
  message: 4000,
  diagnostics: 200,
  diagnostic: 2000,
  violation: 500,
  /** What a report keeps of the output; the sandbox keeps no more than this of what it captures. */
  output: 8000,
} as const;

function safeLocation(location: SourceLocation): SourceLocation {
  return { ...location, file: toSafeText(location.file, { limit: REPORT_TEXT_LIMITS.path }) };
}

export function boundReport(report: Report): Report {
  const bounded: Report = {
    ...report,
    submission: toSafeText(report.submission, { limit: REPORT_TEXT_LIMITS.path }),
    checks: report.checks.map((check) => ({
      ...check,
      message: toSafeText(check.message, { limit: REPORT_TEXT_LIMITS.message, isMultiline: true }),
      ...('location' in check && check.location ? { location: safeLocation(check.location) } : {}),
    })),
    diagnostics: report.diagnostics.slice(0, REPORT_TEXT_LIMITS.diagnostics).map((d) => ({
      ...d,
      file: toSafeText(d.file, { limit: REPORT_TEXT_LIMITS.path }),
      message: toSafeText(d.message, { limit: REPORT_TEXT_LIMITS.diagnostic, isMultiline: true }),
    })),
    sandbox: {
      ...report.sandbox,
      violations: report.sandbox.violations.map((v) => ({ ...v, message: toSafeText(v.message, { limit: REPORT_TEXT_LIMITS.violation }) })),
    },
    output: toSafeText(report.output, { limit: REPORT_TEXT_LIMITS.output, isMultiline: true }),
  };
  // Bounded field by field, a report stays far below the limit; this only makes sure of it, giving
  // up first what matters least (the plots), then the output.
  if (Buffer.byteLength(JSON.stringify(bounded)) <= MAX_REPORT_BYTES) return bounded;
  const { figures: _figures, ...withoutFigures } = bounded;
  const smaller: Report = { ...withoutFigures, output: withoutFigures.output.slice(0, 1000) };
  if (Buffer.byteLength(JSON.stringify(smaller)) <= MAX_REPORT_BYTES) return smaller;
  return { ...smaller, checks: smaller.checks.map((check) => ({ ...check, message: check.message.slice(0, 500) })), diagnostics: smaller.diagnostics.slice(0, 20) };
}
