export { loadRubric } from './load.js';
export { generateRubricJsonSchema, type Rubric, type ResolvedCheckRubric, type Tolerance } from './schema.js';
