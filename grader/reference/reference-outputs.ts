/**
 * What the reference solution returns for every runtime check, on the backend being graded.
 * Computed once in a sandboxed runner like any submission, then cached on disk under a key made of
 * everything that could change the answer: the solution's source, each probe and its input, the
 * backend, the tfjs version and the grader version.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { RuntimeCheck } from '../checks/types.js';
import type { Compiler } from '../compile/compiler.js';
import { GraderError } from '../errors.js';
import type { LoadedExercise } from '../exercise/load-exercise.js';
import { probeCallKey, type Wire } from '../runtime/protocol.js';
import { DEFAULT_LIMITS } from '../sandbox/limits.js';
import { SandboxProcess } from '../sandbox/sandbox-process.js';
import type { SelectedBackend } from '../backend/select-backend.js';
import { GRADER_VERSION, TFJS_VERSION } from '../version.js';
import { cacheDir, INSTALLATION, KIT_REFERENCE_DIR } from '../paths.js';
import { parseWire } from '../sandbox/parse-wire.js';

export interface ReferenceOutputs {
  values: Map<string, Wire>;
  isFromCache: boolean;
  durationMs: number;
}

/** Under the cache directory (paths.ts): never inside the sandbox's view. */
export function referenceCacheDir(): string {
  return path.join(cacheDir(), 'reference');
}

/** The runtime checks among `checkIds` (every one when absent), in the exercise's order. */
function runtimeChecks(exercise: LoadedExercise, checkIds?: readonly string[]): RuntimeCheck[] {
  const wanted = checkIds ? new Set(checkIds) : null;
  return [...exercise.registry.values()].filter((check): check is RuntimeCheck => check.kind === 'runtime' && (wanted === null || wanted.has(check.id)));
}

/**
 * Covers the probes of the checks asked for, so a run of the visible checks has an entry of its
 * own, holding no hidden check's output; a run of every check keeps the key it always had.
 */
export function referenceCacheKey(exercise: LoadedExercise, source: string, backend: SelectedBackend, checkIds?: readonly string[]): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ grader: GRADER_VERSION, tfjs: TFJS_VERSION, backend: backend.request, exercise: exercise.definition.id }));
  // A GPU's float32 rounds differently from another's, or from a software adapter's.
  if (backend.adapter) hash.update(JSON.stringify({ adapter: backend.adapter }));
  hash.update(source);
  for (const check of runtimeChecks(exercise, checkIds)) {
    hash.update(JSON.stringify({ id: check.id, probe: check.probe.toString(), input: check.input }));
  }
  return hash.digest('hex');
}

function readCache(file: string): Map<string, Wire> | null {
  try {
    return new Map(Object.entries(v8.deserialize(fs.readFileSync(file)) as Record<string, Wire>));
  } catch {
    // Missing or unreadable (written by another Node version): recompute.
    return null;
  }
}

function writeCache(file: string, values: Map<string, Wire>): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written whole, then renamed: a grader killed halfway never leaves a truncated entry.
  const partial = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(partial, v8.serialize(Object.fromEntries(values)));
  fs.renameSync(partial, file);
}

async function computeReference(exercise: LoadedExercise, source: string, backend: SelectedBackend, compiler: Compiler, checkIds?: readonly string[]): Promise<Map<string, Wire>> {
  const compiled = await compiler.compile({ source, fileName: exercise.definition.fileName, displayPath: exercise.solutionPath }, null);
  if (compiled.kind !== 'compiled') {
    throw new GraderError('INTERNAL', `The reference solution ${exercise.solutionPath} could not be compiled: ${compiled.kind === 'failed' ? compiled.message : 'timeout'}`);
  }
  if (compiled.result.errors.length > 0) {
    throw new GraderError('EXERCISE_INVALID', `The reference solution ${exercise.solutionPath} does not compile: ${compiled.result.errors[0].message}`);
  }
  const { code } = compiled.result;
  // The reference gets generous limits: it is trusted, and a slow backend must not fail it.
  const limits = { ...DEFAULT_LIMITS, memoryMb: Math.max(DEFAULT_LIMITS.memoryMb, exercise.rubric.limits.memoryMb), importTimeMs: 120_000 };
  const runner = SandboxProcess.spawn({ backend: backend.request, limits });
  try {
    const { outcome } = await runner.load(code, exercise.solutionPath);
    if (outcome.kind !== 'ready') {
      const detail = 'error' in outcome ? outcome.error.message : outcome.kind === 'backend-failed' ? outcome.message : outcome.kind;
      throw new GraderError('INTERNAL', `The reference solution could not be loaded on ${backend.label}: ${detail}\n${runner.capturedOutput}`);
    }
    const values = new Map<string, Wire>();
    const byCall = new Map<string, Wire>();
    for (const check of runtimeChecks(exercise, checkIds)) {
      const key = probeCallKey(check.probe.toString(), check.input);
      const known = byCall.get(key);
      if (known !== undefined) {
        values.set(check.id, known);
        continue;
      }
      const limitMs = Math.max(60_000, 10 * (exercise.rubric.checks.get(check.id)?.timeLimitMs ?? 0));
      const result = await runner.runProbe(check.id, check.probe.toString(), check.input as Wire, limitMs);
      if (result.kind !== 'value') {
        const detail = result.kind === 'thrown' ? `${result.error.name}: ${result.error.message}` : result.kind;
        throw new GraderError('INTERNAL', `The reference solution failed the probe of '${check.id}' on ${backend.label}: ${detail}`);
      }
      values.set(check.id, result.value);
      byCall.set(key, result.value);
    }
    return values;
  } finally {
    runner.dispose();
  }
}

/**
 * A student kit's answers, as `autograde release` wrote them: JSON, whatever node reads them, with
 * the numbers JSON has no literal for as markers (see parse-wire.ts).
 */
export interface KitReference {
  exercise: string;
  graderVersion: string;
  tfjsVersion: string;
  /** Per backend the answers were computed on, each visible runtime check's. */
  backends: Partial<Record<string, Record<string, unknown>>>;
}

/** Wire values as JSON, non-finite numbers as the markers parseWire reads back. */
export function wireToJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item !== 'number' || Number.isFinite(item)) return item;
    return { $number: Number.isNaN(item) ? 'NaN' : item > 0 ? 'Infinity' : '-Infinity' };
  });
}

/** The kit's answers for `backend`; on a backend the kit has none for, the cpu's, judged with that backend's tolerance. */
function readKitReference(exercise: LoadedExercise, backend: SelectedBackend): Map<string, Wire> {
  const file = path.join(KIT_REFERENCE_DIR, `${exercise.definition.id}.json`);
  let kit: KitReference;
  try {
    kit = JSON.parse(fs.readFileSync(file, 'utf8')) as KitReference;
  } catch (error) {
    throw new GraderError('INTERNAL', `This student kit's answers, ${file}, cannot be read (${(error as Error).message}). Install the kit again.`);
  }
  const answers = kit.backends[backend.request.name] ?? kit.backends.cpu ?? {};
  return new Map(Object.entries(answers).map(([id, value]) => [id, parseWire(value)]));
}

/** The reference's output for each runtime check among `checkIds` (every one when absent). */
export async function getReferenceOutputs(exercise: LoadedExercise, backend: SelectedBackend, compiler: Compiler, checkIds?: readonly string[]): Promise<ReferenceOutputs> {
  const startedAt = performance.now();
  if (INSTALLATION.role === 'student-kit') return { values: readKitReference(exercise, backend), isFromCache: true, durationMs: performance.now() - startedAt };
  const source = fs.readFileSync(exercise.solutionPath, 'utf8');
  const file = path.join(referenceCacheDir(), `${exercise.definition.id}-${referenceCacheKey(exercise, source, backend, checkIds)}.bin`);
  const cached = readCache(file);
  if (cached) return { values: cached, isFromCache: true, durationMs: performance.now() - startedAt };
  const values = await computeReference(exercise, source, backend, compiler, checkIds);
  try {
    writeCache(file, values);
  } catch {
    // A read-only cache directory only costs time on the next run.
  }
  return { values, isFromCache: false, durationMs: performance.now() - startedAt };
}
