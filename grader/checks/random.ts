/**
 * Random inputs for checks. They come from a seeded generator, so that every grader run sends the
 * same inputs and the reference cache, keyed by them, stays valid. They are made when a check module
 * loads, in the grader; a probe receives them as its input and never calls these itself.
 */

/** mulberry32: tiny, seeded, and the same on every platform. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A rows × cols matrix of values in [-scale, scale), rounded so that inputs print readably. */
export function randomMatrix(random: () => number, rows: number, cols: number, scale = 1): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.round((random() * 2 - 1) * scale * 1000) / 1000));
}
