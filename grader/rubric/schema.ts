/**
 * The rubric's shape, in one place: the loader validates against it and the JSON Schema that
 * editors use is generated from it (`autograde schema`), so the two cannot drift apart.
 */
import { z } from 'zod';
import { BACKEND_NAMES, type BackendName } from '../runtime/backend-setup.js';

export const toleranceSchema = z
  .object({
    atol: z.number().nonnegative().describe('Absolute tolerance: |actual - expected| <= atol + rtol * |expected|.'),
    rtol: z.number().nonnegative().describe('Relative tolerance, as in numpy.allclose.'),
  })
  .strict();

const timeLimitMs = z.number().int().positive().max(600_000);

/** One entry per backend, each optional: `{ webgpu: ..., tensorflow: ... }`. */
function perBackend<T extends z.ZodType>(entry: T) {
  return z.object(Object.fromEntries(BACKEND_NAMES.map((name) => [name, entry.optional()])) as Record<BackendName, z.ZodOptional<T>>).strict();
}

export const backendSettingsSchema = z
  .object({
    toleranceScale: z
      .number()
      .min(1)
      .max(1e6)
      .describe("Multiplies every check's atol and rtol on this backend (float32 on a GPU rounds differently from the cpu backend); a check's own backendTolerance wins."),
  })
  .strict();

export const checkRubricSchema = z
  .object({
    points: z.number().nonnegative().describe('Points this check is worth.'),
    visibility: z.enum(['visible', 'hidden']).optional().describe('Hidden checks are graded but not shown by `autograde check`.'),
    requires: z.array(z.string()).optional().describe('Ids of checks that must pass first; otherwise this one is skipped.'),
    tolerance: toleranceSchema.optional(),
    backendTolerance: perBackend(toleranceSchema).optional().describe("This check's tolerance on the backends named, instead of its tolerance times the backend's toleranceScale."),
    timeLimitMs: timeLimitMs.optional().describe('Wall time for this check, enforced from outside the sandbox.'),
  })
  .strict();

export const rubricSchema = z
  .object({
    $schema: z.string().optional(),
    exercise: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).describe('The exercise id: the folder name under exercises/ and solutions/.'),
    title: z.string().optional(),
    defaults: z
      .object({
        visibility: z.enum(['visible', 'hidden']),
        tolerance: toleranceSchema,
        timeLimitMs,
      })
      .strict()
      .describe('Applied to every check that does not set its own.'),
    backends: perBackend(backendSettingsSchema).optional().describe('Settings that apply on one backend only.'),
    limits: z
      .object({
        importTimeMs: timeLimitMs.describe('Wall time for starting the sandbox, loading tfjs and the student module.'),
        typecheckMs: timeLimitMs.describe('Wall time for type-checking one submission.'),
        memoryMb: z.number().int().min(64).max(65_536).describe('Resident memory cap of the sandboxed process.'),
        outputBytes: z.number().int().min(1024).describe('Cap on stdout and stderr together.'),
      })
      .strict(),
    checks: z.record(z.string(), checkRubricSchema).describe('One entry per check id defined by the exercise.'),
    withheld: z
      .object({
        count: z.number().int().nonnegative(),
        points: z.number().nonnegative(),
        dependents: z.array(z.string()).describe('Checks of this rubric that, when everything is graded, also need a withheld one to pass.'),
      })
      .strict()
      .optional()
      .describe("Only in a student kit's rubric, written by `autograde release`: the hidden checks the kit leaves out, as a count and their points, never which."),
  })
  .strict();

export type RubricInput = z.infer<typeof rubricSchema>;
export type Tolerance = z.infer<typeof toleranceSchema>;

/** A rubric after defaults are applied: every check has every field. */
export interface ResolvedCheckRubric {
  points: number;
  visibility: 'visible' | 'hidden';
  requires: string[];
  /** On a backend with no entry in `backendTolerance`. */
  tolerance: Tolerance;
  /** Backends that judge this check with a tolerance of their own: its override, else the scaled tolerance. */
  backendTolerance: Partial<Record<BackendName, Tolerance>>;
  timeLimitMs: number;
}

/**
 * The tolerance a check is judged with on `backend`: the rubric's for that backend, else its
 * tolerance times `defaultScale`, the backend's own scale where the registry gives it one.
 */
export function toleranceFor(check: ResolvedCheckRubric, backend: BackendName, defaultScale?: number): Tolerance {
  const own = check.backendTolerance[backend];
  if (own) return own;
  return defaultScale === undefined ? check.tolerance : { atol: check.tolerance.atol * defaultScale, rtol: check.tolerance.rtol * defaultScale };
}

export interface Rubric {
  exercise: string;
  title: string;
  limits: RubricInput['limits'];
  /** In the order the rubric lists them. */
  checks: Map<string, ResolvedCheckRubric>;
  /** Content hash, part of the reference cache key. */
  hash: string;
  /** In a student kit: the hidden checks left out of it, as a count and points (see selectChecks). */
  withheld?: { count: number; points: number; dependents: string[] };
}

export function generateRubricJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(rubricSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
}
