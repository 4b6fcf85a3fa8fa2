/**
 * Which exercise a command is about when `--exercise` is not given: the one its rubric names, else
 * the one whose student file the submissions are named for, else the only exercise there is. When
 * none of these decides, the answer is a usage error that lists the exercises, never a guess.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { UsageError } from '../errors.js';
import { importExerciseDefinition } from './import-definition.js';
import { listExercises } from './load-exercise.js';

export interface KnownExercise {
  id: string;
  /** The file its students hand in. */
  fileName: string;
}

/** What the clues said: an exercise, nothing, or several exercises at once. */
export type Inference = { kind: 'found'; id: string } | { kind: 'none'; reason: string } | { kind: 'conflict'; reason: string };

/** Every exercise this grader knows, with the name of its student file. */
export async function listKnownExercises(): Promise<KnownExercise[]> {
  return Promise.all(listExercises().map(async (id) => ({ id, fileName: (await importExerciseDefinition(id)).fileName })));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The exercise a file is named for: its student file's own name, or that name as an LMS hands it
 * out (`lovelaceada_12345_67890_my-exercise.ts`, a resubmission's `..._my-exercise-1.ts`).
 */
export function exerciseOfFileName(name: string, exercises: readonly KnownExercise[]): KnownExercise | undefined {
  return exercises.find(({ fileName }) => {
    const stem = escapeRegExp(fileName.replace(/\.ts$/, ''));
    return new RegExp(`(^|_)${stem}(-\\d+)?\\.ts$`).test(name);
  });
}

function formatList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function fromIds(ids: Map<string, string[]>, describe: (entries: Array<[string, string[]]>) => string, none: string): Inference {
  if (ids.size === 1) return { kind: 'found', id: [...ids.keys()][0] };
  if (ids.size > 1) return { kind: 'conflict', reason: describe([...ids.entries()]) };
  return { kind: 'none', reason: none };
}

/**
 * `grade` and `check` given paths: each file's name, or the exercise file a directory holds.
 * Paths that do not exist say nothing here; they are reported when they are graded.
 */
export function inferFromPaths(paths: readonly string[], exercises: readonly KnownExercise[]): Inference {
  const ids = new Map<string, string[]>();
  const add = (id: string, input: string) => ids.set(id, [...(ids.get(id) ?? []), input]);
  const missing: string[] = [];
  for (const input of paths) {
    const stat = fs.statSync(input, { throwIfNoEntry: false });
    if (!stat) {
      missing.push(input);
    } else if (stat.isDirectory()) {
      const held = exercises.filter(({ fileName }) => fs.existsSync(path.join(input, fileName)));
      if (held.length > 1) {
        return { kind: 'conflict', reason: `${input} holds the files of several exercises (${formatList(held.map((e) => e.fileName))}): pass the file to grade itself.` };
      }
      if (held.length === 1) add(held[0].id, input);
    } else {
      const exercise = exerciseOfFileName(path.basename(input), exercises);
      if (exercise) add(exercise.id, input);
    }
  }
  const none =
    missing.length === paths.length
      ? `${formatList(missing)}: no such file or directory. Pass a ${exercises.map((e) => e.fileName).join(' or ')} file, or a directory that holds one.`
      : `Cannot tell which exercise ${formatList(paths.filter((p) => !missing.includes(p)))} ${paths.length - missing.length === 1 ? 'is' : 'are'} for: no name matches an exercise's file.`;
  return fromIds(
    ids,
    (entries) => `These submissions are for different exercises (${entries.map(([id, inputs]) => `${formatList(inputs)}: ${id}`).join('; ')}): grade each exercise in a run of its own.`,
    none,
  );
}

/**
 * `check` without a path: the exercise files in the current folder (a student's own project),
 * else the skeletons' places in this repository, `exercises/<id>/<file>`.
 */
export function inferHere(cwd: string, exercises: readonly KnownExercise[]): Inference {
  const isFile = (file: string) => fs.statSync(path.join(cwd, file), { throwIfNoEntry: false })?.isFile() === true;
  const places = [(e: KnownExercise) => e.fileName, (e: KnownExercise) => path.join('exercises', e.id, e.fileName)];
  for (const place of places) {
    const found = exercises.filter((exercise) => isFile(place(exercise)));
    if (found.length === 1) return { kind: 'found', id: found[0].id };
    if (found.length > 1) {
      const files = found.map((exercise) => `./${place(exercise)}`);
      return { kind: 'conflict', reason: `The files of several exercises are here (${formatList(files)}): pass the one to check, e.g. autograde check ${files[0]}.` };
    }
  }
  const looked = places.flatMap((place) => exercises.map((exercise) => `./${place(exercise)}`));
  return { kind: 'none', reason: `No exercise file to check here: looked for ${formatList(looked)}. Run this in the folder that holds your file, or pass its path.` };
}

/** File names under `dir`, a few levels down (students' folders, an LMS's wrapper folder). */
function fileNamesUnder(dir: string, depth: number, names: string[], limit: number): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (names.length >= limit || entry.name.startsWith('.')) continue;
    if (entry.isFile()) names.push(entry.name);
    else if (entry.isDirectory() && depth > 1) fileNamesUnder(path.join(dir, entry.name), depth - 1, names, limit);
  }
}

/** `batch`: what the files of a class folder are named for, counted; students' own names say nothing. */
export function inferFromClass(dir: string, exercises: readonly KnownExercise[]): Inference {
  const names: string[] = [];
  fileNamesUnder(dir, 3, names, 100_000);
  const ids = new Map<string, string[]>();
  for (const name of names) {
    const exercise = exerciseOfFileName(name, exercises);
    if (exercise) ids.set(exercise.id, [...(ids.get(exercise.id) ?? []), name]);
  }
  return fromIds(
    ids,
    (entries) => `${dir} holds the files of several exercises (${entries.map(([id, files]) => `${files.length} for ${id}`).join(', ')}): grade each exercise's class in a run of its own.`,
    `Cannot tell which exercise the class in ${dir} did: none of its files is named like an exercise's file.`,
  );
}

/** The `exercise` a rubric file names, if it can be read; a broken rubric is reported when it is loaded. */
export function exerciseOfRubric(file: string): string | undefined {
  try {
    const data = parse(fs.readFileSync(file, 'utf8')) as { exercise?: unknown } | null;
    return typeof data?.exercise === 'string' ? data.exercise : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The exercise to grade: the one given, else the one the rubric names, else what `infer` finds
 * among the known exercises, else the only one there is.
 */
export async function resolveExercise(given: string | undefined, rubricPath: string | undefined, infer: (exercises: KnownExercise[]) => Inference): Promise<string> {
  if (given !== undefined) return given;
  const named = rubricPath === undefined ? undefined : exerciseOfRubric(rubricPath);
  const ids = listExercises();
  if (named !== undefined && ids.includes(named)) return named;
  const exercises = await listKnownExercises();
  const inference = infer(exercises);
  if (inference.kind === 'found') return inference.id;
  if (inference.kind === 'none' && exercises.length === 1) return exercises[0].id;
  const choices = exercises.map(({ id, fileName }) => `${id} (${fileName})`).join(', ');
  throw new UsageError(`${inference.reason} Say which exercise with --exercise <id>: ${choices || '(none known)'}.`);
}
