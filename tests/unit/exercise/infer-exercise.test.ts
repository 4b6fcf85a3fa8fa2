import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../grader/errors.js';
import { exerciseOfFileName, exerciseOfRubric, inferFromClass, inferFromPaths, inferHere, resolveExercise, type KnownExercise } from '../../../grader/exercise/infer-exercise.js';
import { listExercises } from '../../../grader/exercise/load-exercise.js';
import { RUBRICS_DIR } from '../../../grader/paths.js';

const EXERCISES: KnownExercise[] = [
  { id: 'vector-norms', fileName: 'vector-norms.ts' },
  { id: 'matrix-rank', fileName: 'matrix-rank.ts' },
];

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'infer-exercise-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function folder(files: string[]): string {
  const dir = fs.mkdtempSync(path.join(root, 'case-'));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), '');
  }
  return dir;
}

describe('exerciseOfFileName', () => {
  it('knows the student file by its own name and as an LMS renames it', () => {
    expect(exerciseOfFileName('vector-norms.ts', EXERCISES)?.id).toBe('vector-norms');
    expect(exerciseOfFileName('lovelaceada_12345_67890_matrix-rank.ts', EXERCISES)?.id).toBe('matrix-rank');
    expect(exerciseOfFileName('turingalan_late_23456_78901_matrix-rank-1.ts', EXERCISES)?.id).toBe('matrix-rank');
  });

  it('says nothing for a name that only resembles one', () => {
    for (const name of ['ada.ts', 'vector-norms.js', 'my-vector-norms.ts', 'vector-norms.ts.bak']) expect(exerciseOfFileName(name, EXERCISES)).toBeUndefined();
  });
});

describe('inferFromPaths', () => {
  it('takes the exercise from a file name or from the file a directory holds', () => {
    const dir = folder(['a/vector-norms.ts', 'b/vector-norms.ts']);
    expect(inferFromPaths([path.join(dir, 'a', 'vector-norms.ts'), path.join(dir, 'b')], EXERCISES)).toEqual({ kind: 'found', id: 'vector-norms' });
  });

  it('leaves missing paths to be reported when graded, and names them when nothing else is given', () => {
    const dir = folder(['matrix-rank.ts']);
    expect(inferFromPaths([path.join(dir, 'gone'), path.join(dir, 'matrix-rank.ts')], EXERCISES)).toEqual({ kind: 'found', id: 'matrix-rank' });
    const none = inferFromPaths([path.join(dir, 'gone')], EXERCISES);
    expect(none).toEqual({ kind: 'none', reason: expect.stringContaining(`${path.join(dir, 'gone')}: no such file or directory. Pass a vector-norms.ts or matrix-rank.ts file`) });
  });

  it('refuses submissions of two exercises in one run, and a folder holding both files', () => {
    const dir = folder(['vector-norms.ts', 'matrix-rank.ts']);
    const mixed = inferFromPaths([path.join(dir, 'vector-norms.ts'), path.join(dir, 'matrix-rank.ts')], EXERCISES);
    expect(mixed).toEqual({ kind: 'conflict', reason: expect.stringContaining('different exercises') });
    expect(inferFromPaths([dir], EXERCISES)).toEqual({ kind: 'conflict', reason: expect.stringContaining('holds the files of several exercises (vector-norms.ts and matrix-rank.ts)') });
  });

  it('says nothing for a file named for no exercise', () => {
    const dir = folder(['mine.ts']);
    expect(inferFromPaths([path.join(dir, 'mine.ts')], EXERCISES).kind).toBe('none');
  });
});

describe('inferHere', () => {
  it("takes the student's own file first, then a skeleton under exercises/", () => {
    expect(inferHere(folder(['matrix-rank.ts', 'exercises/vector-norms/vector-norms.ts']), EXERCISES)).toEqual({ kind: 'found', id: 'matrix-rank' });
    expect(inferHere(folder(['exercises/vector-norms/vector-norms.ts']), EXERCISES)).toEqual({ kind: 'found', id: 'vector-norms' });
  });

  it('asks which one when several skeletons are there, and says where it looked when none is', () => {
    const both = inferHere(folder(['exercises/vector-norms/vector-norms.ts', 'exercises/matrix-rank/matrix-rank.ts']), EXERCISES);
    expect(both).toEqual({ kind: 'conflict', reason: expect.stringContaining('e.g. autograde check ./exercises/vector-norms/vector-norms.ts') });
    const none = inferHere(folder([]), EXERCISES);
    expect(none).toEqual({ kind: 'none', reason: expect.stringContaining('looked for ./vector-norms.ts, ./matrix-rank.ts, ./exercises/vector-norms/vector-norms.ts and ./exercises/matrix-rank/matrix-rank.ts') });
  });
});

describe('inferFromClass', () => {
  it("reads students' folders, an LMS's file names and a wrapper folder; students' own names say nothing", () => {
    expect(inferFromClass(folder(['ada/matrix-rank.ts', 'alan.ts']), EXERCISES)).toEqual({ kind: 'found', id: 'matrix-rank' });
    expect(inferFromClass(folder(['lovelaceada_1_2_vector-norms.ts', 'turingalan_late_3_4_vector-norms-1.ts']), EXERCISES)).toEqual({ kind: 'found', id: 'vector-norms' });
    expect(inferFromClass(folder(['export/submission_1/vector-norms.ts']), EXERCISES)).toEqual({ kind: 'found', id: 'vector-norms' });
    expect(inferFromClass(folder(['ada.ts', 'alan.ts']), EXERCISES).kind).toBe('none');
  });

  it('refuses a class folder holding the files of two exercises', () => {
    expect(inferFromClass(folder(['ada/matrix-rank.ts', 'alan/vector-norms.ts']), EXERCISES)).toEqual({ kind: 'conflict', reason: expect.stringContaining('1 for matrix-rank, 1 for vector-norms') });
  });
});

describe('resolveExercise', () => {
  const [first, second] = listExercises();

  it('takes --exercise as given, else the exercise the rubric names, else the inference', async () => {
    const never = () => {
      throw new Error('not asked');
    };
    expect(await resolveExercise('anything', undefined, never)).toBe('anything');
    expect(await resolveExercise(undefined, path.join(RUBRICS_DIR, `${second}.yaml`), never)).toBe(second);
    expect(exerciseOfRubric(path.join(root, 'missing.yaml'))).toBeUndefined();
    expect(await resolveExercise(undefined, undefined, () => ({ kind: 'found', id: first }))).toBe(first);
  });

  it('is a usage error listing every exercise and its file when nothing decides', async () => {
    const attempt = resolveExercise(undefined, undefined, () => ({ kind: 'none', reason: 'Nothing to go on.' }));
    await expect(attempt).rejects.toThrow(UsageError);
    await expect(attempt).rejects.toThrow(
      new RegExp(`^Nothing to go on\\. Say which exercise with --exercise <id>: ${first} \\(${first}\\.ts\\), ${second} \\(${second}\\.ts\\)`),
    );
  });
});
