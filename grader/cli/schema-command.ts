/** `schema`: the rubric's JSON Schema, generated from the code (rubrics/rubric.schema.json holds the same). */
import { EXIT } from './exit-codes.js';

export async function runSchema(): Promise<number> {
  const { generateRubricJsonSchema } = await import('../rubric/index.js');
  process.stdout.write(`${JSON.stringify(generateRubricJsonSchema(), null, 2)}\n`);
  return EXIT.ok;
}
