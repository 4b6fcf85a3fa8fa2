/**
 * The calls the mask checks share: the causal mask for five words, then for one and for three, so
 * that a mask written out once for five words, whatever n is, is told from one built for n.
 */
import type { StudentProbeApi } from './student-module.js';

export const MASK_INPUT = { sizes: [5, 1, 3] };

/** Runs in the sandbox: causalMask(n) for each size. */
export const maskProbe = ({ mod, input }: StudentProbeApi<typeof MASK_INPUT>) => input.sizes.map((n) => mod.causalMask(n));

/** The least negative value that still hides a word: exp(-1e9 + anything sensible) is 0 in float32. */
export const HIDDEN_AT_MOST = -1e9;
