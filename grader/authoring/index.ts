/**
 * The instructor's tools: the skeleton made from a marked solution (`autograde skeleton`) and the
 * proof that an exercise is sound (`autograde validate`). Nothing here runs while students are graded.
 */
export { findMarkedRegions, MarkerError, DEFAULT_HINT, type MarkedRegion, type SolutionRegion, type HiddenRegion } from './markers.js';
export { generateSkeleton } from './generate-skeleton.js';
export { compareSkeleton, exerciseFiles, resolveExerciseIds, skeletonDiff, syncSkeleton, type SkeletonOutcome } from './skeletons.js';
export { unifiedDiff } from './line-diff.js';
export { makeMutants, DEFAULT_MAX_PER_OPERATOR, type Mutant, type MutantPlan } from './make-mutants.js';
export { MUTATION_OPERATORS, OPERATOR_NAMES, type OperatorName } from './mutants/index.js';
export { validateExercise, type ExerciseValidation, type MutantOutcome } from './validate-exercise.js';
export { renderValidation, describeKillRate } from './render-validation.js';
