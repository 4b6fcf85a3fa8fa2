export { loadRubric } from './load.js';
export { generateRubricJsonSchema, toleranceFor, type Rubric, type ResolvedCheckRubric, type Tolerance } from './schema.js';
