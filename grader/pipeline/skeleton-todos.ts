/**
 * Which TODO of the exercise each of the skeleton's exports stands for, as the skeleton's stubs
 * throw it: the compile worker's analysis finds the stubs, and their messages give the labels.
 */
import fs from 'node:fs';
import type { Compiler } from '../compile/compiler.js';
import type { LoadedExercise } from '../exercise/load-exercise.js';
import { todoLabelOf } from './next-step.js';

/** Each export of the skeleton that throws a numbered TODO, and that TODO's label ("TODO 2"). */
export async function readSkeletonTodos(compiler: Compiler, exercise: LoadedExercise): Promise<Map<string, string>> {
  const { skeletonPath, definition } = exercise;
  let source: string;
  try {
    source = fs.readFileSync(skeletonPath, 'utf8');
  } catch {
    // An install without the skeleton still names the function to work on.
    return new Map();
  }
  const compiled = await compiler.compile({ source, fileName: definition.fileName, displayPath: skeletonPath }, null);
  if (compiled.kind !== 'compiled') return new Map();
  return new Map(
    compiled.result.stubs.flatMap((stub) => {
      const label = todoLabelOf(stub.todo);
      return label === null ? [] : [[stub.name, label] as const];
    }),
  );
}
