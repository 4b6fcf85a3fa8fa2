/**
 * Reads a rubric: YAML parsed with positions kept, validated against the schema, then against the
 * named rules. Every problem is reported together, each with its line, field, value and fix.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { RubricError, type RubricProblem } from '../errors.js';
import { RUBRIC_RULES, type RuleIssue } from './rules.js';
import { BACKEND_NAMES, type BackendName } from '../runtime/backend-setup.js';
import { rubricSchema, type ResolvedCheckRubric, type Rubric, type RubricInput, type Tolerance } from './schema.js';

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let current = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** The line and column of the deepest node that exists on `path`. */
function positionOf(doc: Document, lines: LineCounter, path: PropertyKey[]): { line: number; column: number } | null {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) {
      const { line, col } = lines.linePos(node.range[0]);
      return { line, column: col };
    }
  }
  return null;
}

function fixFor(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return `write a ${issue.expected} here`;
    case 'too_small':
      return `use a value of at least ${String((issue as { minimum?: unknown }).minimum)}`;
    case 'too_big':
      return `use a value of at most ${String((issue as { maximum?: unknown }).maximum)}`;
    case 'invalid_value':
      return `use one of ${(issue as { values: unknown[] }).values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `remove ${issue.keys.map((k) => `'${k}'`).join(', ')} or check its spelling`;
    case 'invalid_format':
      return 'use lowercase words joined by hyphens, e.g. my-exercise';
    default:
      return `see rubrics/rubric.schema.json (got ${describeValue(value)})`;
  }
}

/** Per backend: the check's own override, else its tolerance times the backend's scale; absent when neither is set. */
function resolveBackendTolerance(
  tolerance: Tolerance,
  backends: NonNullable<RubricInput['backends']>,
  overrides: NonNullable<RubricInput['checks'][string]['backendTolerance']>,
): Partial<Record<BackendName, Tolerance>> {
  const resolved: Partial<Record<BackendName, Tolerance>> = {};
  for (const name of BACKEND_NAMES) {
    const override = overrides[name];
    const scale = backends[name]?.toleranceScale;
    if (override) resolved[name] = override;
    else if (scale !== undefined) resolved[name] = { atol: tolerance.atol * scale, rtol: tolerance.rtol * scale };
  }
  return resolved;
}

export function loadRubric(file: string, definedChecks: string[]): Rubric {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new RubricError([{ file, line: null, column: null, field: '', message: `cannot be read (${(error as Error).message})`, fix: 'check the path' }]);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new RubricError(
      doc.errors.map((error) => {
        const { line, col } = lines.linePos(error.pos[0]);
        return { file, line, column: col, field: '', message: `is not valid YAML: ${error.message.split('\n')[0]}`, fix: 'correct the YAML syntax' };
      }),
    );
  }
  const data: unknown = doc.toJS();
  const problems: RubricProblem[] = [];
  const at = (path: PropertyKey[]): { line: number | null; column: number | null } => {
    const position = positionOf(doc, lines, path);
    return { line: position?.line ?? null, column: position?.column ?? null };
  };

  const parsed = rubricSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const value = valueAt(data, issue.path);
      const field = issue.path.map(String).join('.');
      const detail = issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}` : `${issue.message.replace(/^Invalid input: /, '')}, got ${describeValue(value)}`;
      problems.push({ file, ...at(issue.path), field, message: detail, fix: fixFor(issue, value) });
    }
    throw new RubricError(problems);
  }

  const rubric: RubricInput = parsed.data;
  const report = (issue: RuleIssue): void => {
    problems.push({ file, ...at(issue.path), field: issue.path.map(String).join('.'), message: issue.message, fix: issue.fix });
  };
  for (const rule of Object.values(RUBRIC_RULES)) rule({ rubric, definedChecks, report });
  if (problems.length > 0) throw new RubricError(problems);

  const checks = new Map<string, ResolvedCheckRubric>();
  for (const [id, check] of Object.entries(rubric.checks)) {
    const tolerance = check.tolerance ?? rubric.defaults.tolerance;
    checks.set(id, {
      points: check.points,
      visibility: check.visibility ?? rubric.defaults.visibility,
      requires: check.requires ?? [],
      tolerance,
      backendTolerance: resolveBackendTolerance(tolerance, rubric.backends ?? {}, check.backendTolerance ?? {}),
      timeLimitMs: check.timeLimitMs ?? rubric.defaults.timeLimitMs,
    });
  }
  return {
    exercise: rubric.exercise,
    title: rubric.title ?? rubric.exercise,
    limits: rubric.limits,
    checks,
    hash: createHash('sha256').update(text).digest('hex'),
    ...(rubric.withheld ? { withheld: rubric.withheld } : {}),
  };
}
