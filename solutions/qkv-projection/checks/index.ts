/**
 * The checks of the QKV projection exercise, in one typed list. Points, visibility, prerequisites,
 * tolerances and time limits are the rubric's business (rubrics/qkv-projection.yaml).
 */
import type { ExerciseDefinition } from '../../../grader/checks/index.js';
import manualNoTf from './manual-no-tf.js';
import manualNoTensors from './manual-no-tensors.js';
import manualNotebookMat from './manual-notebook-mat.js';
import manualRandomCases from './manual-random-cases.js';
import moduleNotebookWeights from './module-notebook-weights.js';
import moduleRandomWeights from './module-random-weights.js';
import projectionDistinct from './projection-distinct.js';
import projectionMatchesReference from './projection-matches-reference.js';
import projectionNoBias from './projection-no-bias.js';
import projectionShape2d from './projection-shape-2d.js';
import projectionShape3d from './projection-shape-3d.js';
import similarityCompareProjections from './similarity-compare-projections.js';
import similarityMatchesReference from './similarity-matches-reference.js';
import similarityRange from './similarity-range.js';
import similarityShape from './similarity-shape.js';
import similaritySymmetric from './similarity-symmetric.js';
import similarityUnitDiagonal from './similarity-unit-diagonal.js';
import similarityZeroRow from './similarity-zero-row.js';
import trainingDeterministic from './training-deterministic.js';
import trainingLosses from './training-losses.js';
import trainingNoLeak from './training-no-leak.js';
import trainingOtherPairs from './training-other-pairs.js';
import trainingOtherRuns from './training-other-runs.js';
import trainingPredictions from './training-predictions.js';

export const exercise: ExerciseDefinition = {
  id: 'qkv-projection',
  fileName: 'qkv-projection.ts',
  checks: [
    projectionShape3d,
    projectionShape2d,
    projectionDistinct,
    projectionNoBias,
    projectionMatchesReference,
    manualNotebookMat,
    manualRandomCases,
    manualNoTf,
    manualNoTensors,
    moduleNotebookWeights,
    moduleRandomWeights,
    similarityShape,
    similarityUnitDiagonal,
    similaritySymmetric,
    similarityRange,
    similarityZeroRow,
    similarityMatchesReference,
    similarityCompareProjections,
    trainingOtherPairs,
    trainingOtherRuns,
    trainingLosses,
    trainingPredictions,
    trainingDeterministic,
    trainingNoLeak,
  ],
};
