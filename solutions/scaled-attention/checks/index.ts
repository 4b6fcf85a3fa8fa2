/**
 * The checks of the scaled dot-product attention exercise, in one typed list. Points, visibility,
 * prerequisites, tolerances and time limits are the rubric's business (rubrics/scaled-attention.yaml).
 */
import type { ExerciseDefinition } from '../../../grader/checks/index.js';
import attentionMatchesReference from './attention-matches-reference.js';
import attentionOutputIsWeightsV from './attention-output-is-weights-v.js';
import attentionShapes from './attention-shapes.js';
import attentionWeightsSumToOne from './attention-weights-sum-to-one.js';
import batchedAttention from './batched-attention.js';
import batchedScores from './batched-scores.js';
import causalHidesFuture from './causal-hides-future.js';
import causalMatchesReference from './causal-matches-reference.js';
import causalWeights from './causal-weights.js';
import manualNoTf from './manual-no-tf.js';
import manualNoTensors from './manual-no-tensors.js';
import manualNotebookSat from './manual-notebook-sat.js';
import manualRandomCases from './manual-random-cases.js';
import maskHidesFuture from './mask-hides-future.js';
import maskShape from './mask-shape.js';
import memoryNoLeak from './memory-no-leak.js';
import scoresMatchesReference from './scores-matches-reference.js';
import scoresScaling from './scores-scaling.js';
import scoresShape from './scores-shape.js';
import softmaxMatchesReference from './softmax-matches-reference.js';
import softmaxRowsSumToOne from './softmax-rows-sum-to-one.js';
import softmaxStable from './softmax-stable.js';
import softmaxWrittenOut from './softmax-written-out.js';

export const exercise: ExerciseDefinition = {
  id: 'scaled-attention',
  fileName: 'scaled-attention.ts',
  checks: [
    scoresShape,
    scoresScaling,
    scoresMatchesReference,
    softmaxRowsSumToOne,
    softmaxStable,
    softmaxMatchesReference,
    softmaxWrittenOut,
    maskShape,
    maskHidesFuture,
    attentionShapes,
    attentionWeightsSumToOne,
    attentionOutputIsWeightsV,
    attentionMatchesReference,
    causalWeights,
    causalHidesFuture,
    causalMatchesReference,
    batchedScores,
    batchedAttention,
    manualNotebookSat,
    manualRandomCases,
    manualNoTf,
    manualNoTensors,
    memoryNoLeak,
  ],
};
