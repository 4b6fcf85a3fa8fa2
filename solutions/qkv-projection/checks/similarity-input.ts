/** The queries most similarity checks share: six random 3-d vectors, none of them zero. */
import { randomMatrix, seededRandom } from './data.js';

const random = seededRandom(5);

export const SIMILARITY_INPUT = { q: randomMatrix(random, 6, 3) };

/** Runs in the sandbox: cosineSimilarityMatrix on the input queries. */
export const similarityProbe = ({ mod, tf, input }: { mod: Record<string, any>; tf: typeof import('@tensorflow/tfjs'); input: { q: number[][] } }) => // eslint-disable-line @typescript-eslint/no-explicit-any
  mod.cosineSimilarityMatrix(tf.tensor2d(input.q));
