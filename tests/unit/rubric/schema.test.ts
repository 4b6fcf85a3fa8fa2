import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateRubricJsonSchema } from '../../../grader/rubric/index.js';
import { RUBRICS_DIR } from '../../../grader/paths.js';

describe('rubric JSON Schema', () => {
  it('is the one generated from the loader schema (regenerate: npx autograde schema > rubrics/rubric.schema.json)', () => {
    const committed = JSON.parse(fs.readFileSync(path.join(RUBRICS_DIR, 'rubric.schema.json'), 'utf8'));
    expect(committed).toEqual(generateRubricJsonSchema());
  });
});
