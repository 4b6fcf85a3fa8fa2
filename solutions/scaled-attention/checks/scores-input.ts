/** The call the scores checks share: 3 queries and 5 keys of size dK = 16, three different sizes. */
import { randomMatrix, seededRandom } from '../../../grader/checks/index.js';
import type { StudentProbeApi } from './student-module.js';

const random = seededRandom(11);

export const SCORES_INPUT = { q: randomMatrix(random, 3, 16), k: randomMatrix(random, 5, 16) };

/** Runs in the sandbox: attentionScores on the input queries and keys. */
export const scoresProbe = ({ mod, tf, input }: StudentProbeApi<typeof SCORES_INPUT>) => mod.attentionScores(tf.tensor2d(input.q), tf.tensor2d(input.k));
