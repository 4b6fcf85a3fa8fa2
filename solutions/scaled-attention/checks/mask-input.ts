/** The call the mask checks share: the causal mask for five words. */
import type { ProbeApi } from '../../../grader/checks/index.js';

export const MASK_INPUT = { n: 5 };

/** Runs in the sandbox: causalMask(n). */
export const maskProbe = ({ mod, input }: ProbeApi<typeof MASK_INPUT>) => mod.causalMask(input.n);

/** The least negative value that still hides a word: exp(-1e9 + anything sensible) is 0 in float32. */
export const HIDDEN_AT_MOST = -1e9;
