/** `exercises`: the ids of the exercises this copy can grade, one a line (a student kit knows its own only). */
import { EXIT } from './exit-codes.js';

export async function runExercises(): Promise<number> {
  const { listExercises } = await import('../exercise/load-exercise.js');
  process.stdout.write(`${listExercises().join('\n')}\n`);
  return EXIT.ok;
}
