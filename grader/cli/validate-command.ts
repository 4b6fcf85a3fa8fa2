/** `validate`: each exercise proved sound, or the reasons it is not, as text or as data. */
import { EXIT } from './exit-codes.js';
import { refuseInStudentKit } from './staff-only.js';

export interface ValidateFlags {
  all?: boolean;
  jobs?: number;
  maxMutants?: number;
  format: 'text' | 'json';
  verbose?: boolean;
}

export async function runValidate(ids: string[], flags: ValidateFlags): Promise<number> {
  refuseInStudentKit('validate');
  const { resolveExerciseIds, validateExercise, renderValidation } = await import('../authoring/index.js');
  const validations = [];
  for (const id of resolveExerciseIds(ids, flags.all ?? false)) {
    const validation = await validateExercise({ exercise: id, jobs: flags.jobs, maxPerOperator: flags.maxMutants, onProgress: (message) => process.stderr.write(`${message}\n`) });
    validations.push(validation);
    if (flags.format === 'text') process.stdout.write(`${validations.length > 1 ? '\n' : ''}${renderValidation(validation, { isVerbose: flags.verbose })}`);
  }
  if (flags.format === 'json') process.stdout.write(`${JSON.stringify(validations, null, 2)}\n`);
  return validations.every((validation) => validation.isSound) ? EXIT.ok : EXIT.authoringFailed;
}
