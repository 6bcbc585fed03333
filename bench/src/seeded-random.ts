/**
 * Deterministic integers below 2^24 from `seed` (a linear congruential generator), so every run
 * produces the same sequence. The low 8 bits are dropped: an LCG's low bits repeat with short periods.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state >>> 8;
  };
}
