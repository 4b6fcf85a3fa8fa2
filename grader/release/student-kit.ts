/**
 * The student kit of one exercise: a package a student installs with `npm install
 * ./student-kit.tgz`, whose `npx autograde check <file>` runs the visible checks offline. It holds
 * the compiled grader, the skeleton, the visible checks' code and rubric, and the reference's
 * answers to their calls computed here, ahead, on the backends marked `isCarriedByKit` (cpu and
 * wasm). It holds no solution, and of the hidden checks only their count and total points: no id,
 * no title, no input, no expected value.
 */
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { BACKENDS } from '../backend/backends/index.js';
import { selectBackend } from '../backend/select-backend.js';
import type { CheckDefinition, RuntimeCheck } from '../checks/types.js';
import { probeCallKey } from '../runtime/protocol.js';
import type { Compiler } from '../compile/compiler.js';
import { ts } from '../compile/typescript.js';
import { GraderError } from '../errors.js';
import type { LoadedExercise } from '../exercise/load-exercise.js';
import { DIST_DIR, PROJECT_ROOT, SOLUTIONS_DIR } from '../paths.js';
import { selectChecks } from '../pipeline/select-checks.js';
import { getReferenceOutputs, wireToJson, type KitReference } from '../reference/reference-outputs.js';
import { GRADER_VERSION, TFJS_VERSION } from '../version.js';
import { renderKitReadme } from './kit-readme.js';
import { kitPackageName } from './names.js';

/** The backends whose answers a kit carries; on any other, the cpu's are judged with that backend's tolerance. */
const KIT_BACKENDS = Object.values(BACKENDS).filter((backend) => backend.isCarriedByKit).map((backend) => backend.name);

interface GraderManifest {
  version: string;
  engines?: Record<string, string>;
  license?: string;
  dependencies: Record<string, string>;
}

/**
 * Whether a check's judge reads the reference's answer. Most property checks do not, and a kit
 * carries no answer it does not need: a call a hidden check shares would give away its expected
 * values. Read from the judge's parameters as written; when that cannot be told, it is taken to.
 */
export function judgeReadsExpected(check: RuntimeCheck): boolean {
  const parameters = /^\s*(?:async\s*)?(?:function\s*[\w$]*\s*)?\(\s*\{([^}]*)\}/.exec(check.judge.toString());
  return parameters === null || /\bexpected\b/.test(parameters[1]);
}

/** Relative imports of a compiled module, as written. */
function relativeImports(code: string): string[] {
  return [...code.matchAll(/(?:\bfrom|\bimport)\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((match) => match[1]);
}

/** Each check's module under solutions/<id>/checks, by the id its default export carries. */
async function checkModules(exerciseId: string): Promise<Map<string, string>> {
  const dir = path.join(DIST_DIR, 'solutions', exerciseId, 'checks');
  const byId = new Map<string, string>();
  for (const name of fs.readdirSync(dir).filter((file) => file.endsWith('.js') && file !== 'index.js')) {
    const loaded = (await import(path.join(dir, name))) as { default?: Partial<CheckDefinition> };
    if (typeof loaded.default?.id === 'string' && typeof loaded.default.kind === 'string') byId.set(loaded.default.id, name);
  }
  return byId;
}

/**
 * The visible checks' modules and every module of the exercise they import, as TypeScript sources
 * under solutions/<id>/checks; nothing that only a hidden check imports.
 */
function moduleClosure(exerciseId: string, entries: string[]): string[] {
  const dir = path.join(DIST_DIR, 'solutions', exerciseId, 'checks');
  const seen = new Set<string>();
  const pending = [...entries];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const specifier of relativeImports(fs.readFileSync(path.join(dir, name), 'utf8'))) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(name), specifier));
      // The grader's own modules (../../../grader/…) travel whole; only the exercise's are chosen.
      if (!target.startsWith('..')) pending.push(target);
    }
  }
  return [...seen].sort();
}

/** A check module compiled again from its source, without its comments, which may speak of hidden checks. */
function compileWithoutComments(exerciseId: string, jsName: string): string {
  const source = fs.readFileSync(path.join(SOLUTIONS_DIR, exerciseId, 'checks', jsName.replace(/\.js$/, '.ts')), 'utf8');
  return ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, removeComments: true },
    fileName: jsName.replace(/\.js$/, '.ts'),
  }).outputText;
}

function copyTree(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true, filter: (source) => !source.endsWith('.map') });
}

export interface KitFiles {
  /** The staging folder, laid out as the kit's package. */
  dir: string;
  checks: string[];
  withheld: { count: number; points: number; dependents: string[] };
}

/** Lays out the kit's package in `dir`, computing the reference's answers with `compiler`. */
export async function stageStudentKit(exercise: LoadedExercise, dir: string, compiler: Compiler): Promise<KitFiles> {
  const id = exercise.definition.id;
  const { checks: visible, withheld } = selectChecks(exercise.rubric.checks, 'visible');
  if (!withheld) throw new GraderError('INTERNAL', 'selecting the visible checks left nothing withheld');
  const registry = exercise.registry;
  const visibleRuntime = [...visible.keys()].map((checkId) => registry.get(checkId)!).filter((check): check is RuntimeCheck => check.kind === 'runtime');
  const shipped = visibleRuntime.filter(judgeReadsExpected);

  // A hidden check's expected values must not travel as a visible check's answer to the same call.
  const hidden = [...exercise.rubric.checks].filter(([, rubric]) => rubric.visibility === 'hidden').map(([checkId]) => registry.get(checkId)!);
  for (const secret of hidden.filter((check): check is RuntimeCheck => check.kind === 'runtime')) {
    const key = probeCallKey(secret.probe.toString(), secret.input);
    const twin = shipped.find((check) => probeCallKey(check.probe.toString(), check.input) === key);
    if (twin) {
      throw new GraderError(
        'EXERCISE_INVALID',
        `Exercise '${id}': the visible check '${twin.id}' is judged against the reference's answer to the same call as the hidden check '${secret.id}', so a student kit would give that answer away. Give '${secret.id}' an input of its own, or make it visible.`,
      );
    }
  }

  // The reference's answers, on each backend the kit carries.
  const backends: KitReference['backends'] = {};
  for (const name of KIT_BACKENDS) {
    const backend = selectBackend(name);
    const reference = await getReferenceOutputs(exercise, backend, compiler, shipped.map((check) => check.id));
    const answers: Record<string, unknown> = {};
    for (const check of visibleRuntime) {
      // A judge that never reads the answer gets a placeholder: it is not the reference's to tell.
      answers[check.id] = shipped.includes(check) ? JSON.parse(wireToJson(reference.values.get(check.id))) : { $opaque: 'not carried by the student kit' };
    }
    backends[name] = answers;
  }

  fs.mkdirSync(dir, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as GraderManifest;
  const kitManifest = {
    name: kitPackageName(id),
    version: manifest.version,
    private: true,
    description: `The student kit of ${exercise.rubric.title}: the skeleton and a self-check of its visible checks`,
    autograde: { role: 'student-kit', exercise: id },
    type: 'module',
    license: manifest.license,
    engines: manifest.engines,
    bin: { autograde: 'bin/autograde.js' },
    // The grader's own dependencies: what its compiled code loads. The native backends stay out,
    // they download libtensorflow or Dawn; a kit runs on wasm or cpu.
    dependencies: manifest.dependencies,
  };
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(kitManifest, null, 2)}\n`);
  fs.mkdirSync(path.join(dir, 'bin'), { recursive: true });
  fs.copyFileSync(path.join(PROJECT_ROOT, 'bin', 'autograde.js'), path.join(dir, 'bin', 'autograde.js'));
  copyTree(path.join(DIST_DIR, 'grader'), path.join(dir, 'dist', 'grader'));

  // The visible checks' modules, and an index that lists them alone.
  const modules = await checkModules(id);
  const entries = [...visible.keys()].map((checkId) => {
    const name = modules.get(checkId);
    if (!name) throw new GraderError('EXERCISE_INVALID', `Exercise '${id}': no module under solutions/${id}/checks exports the check '${checkId}' as its default`);
    return name;
  });
  const checksDir = path.join(dir, 'dist', 'solutions', id, 'checks');
  fs.mkdirSync(checksDir, { recursive: true });
  for (const name of moduleClosure(id, entries)) fs.writeFileSync(path.join(checksDir, name), compileWithoutComments(id, name));
  const index = [
    ...entries.map((name, i) => `import check${i} from './${name}';`),
    `export const exercise = ${JSON.stringify({ id, fileName: exercise.definition.fileName })};`,
    `exercise.checks = [${entries.map((_, i) => `check${i}`).join(', ')}];`,
    '',
  ].join('\n');
  fs.writeFileSync(path.join(checksDir, 'index.js'), index);

  // The rubric of the visible checks, resolved, and what was left out as a count and points.
  const rubric = {
    exercise: id,
    title: exercise.rubric.title,
    defaults: { visibility: 'visible', tolerance: { atol: 0, rtol: 0 }, timeLimitMs: Math.max(...[...visible.values()].map((check) => check.timeLimitMs)) },
    limits: exercise.rubric.limits,
    checks: Object.fromEntries(
      [...visible].map(([checkId, check]) => [
        checkId,
        {
          points: check.points,
          ...(check.requires.length > 0 ? { requires: check.requires } : {}),
          tolerance: check.tolerance,
          ...(Object.keys(check.backendTolerance).length > 0 ? { backendTolerance: check.backendTolerance } : {}),
          timeLimitMs: check.timeLimitMs,
        },
      ]),
    ),
    withheld,
  };
  fs.mkdirSync(path.join(dir, 'rubrics'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'rubrics', `${id}.yaml`), `# The visible checks of ${id}, written by autograde release.\n${stringify(rubric, { aliasDuplicateObjects: false })}`);

  const reference: KitReference = { exercise: id, graderVersion: GRADER_VERSION, tfjsVersion: TFJS_VERSION, backends };
  fs.mkdirSync(path.join(dir, 'reference'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'reference', `${id}.json`), `${JSON.stringify(reference)}\n`);

  fs.mkdirSync(path.join(dir, 'exercises', id), { recursive: true });
  fs.copyFileSync(exercise.skeletonPath, path.join(dir, 'exercises', id, exercise.definition.fileName));
  fs.writeFileSync(path.join(dir, 'README.md'), renderKitReadme(exercise, [...visible.keys()].map((checkId) => registry.get(checkId)!), withheld));
  return { dir, checks: [...visible.keys()], withheld };
}
