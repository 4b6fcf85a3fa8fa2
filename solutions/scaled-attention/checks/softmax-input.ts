/** The call most softmax checks share: 4 rows of 6 scores in [-3, 3], not square, so an axis mix-up shows. */
import { randomMatrix, seededRandom } from '../../../grader/checks/index.js';
import type { StudentProbeApi } from './student-module.js';

const random = seededRandom(23);

export const SOFTMAX_INPUT = { scores: randomMatrix(random, 4, 6, 3) };

/** Runs in the sandbox: softmaxRows on the input scores. */
export const softmaxProbe = ({ mod, tf, input }: StudentProbeApi<{ scores: number[][] }>) => mod.softmaxRows(tf.tensor2d(input.scores));
