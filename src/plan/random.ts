/**
 * Seeded random numbers: every random choice of a run derives from the plan's seed, so a run can
 * be repeated with the same data picks.
 */

/**
 * mulberry32 (Tommy Ettinger, 2017; public domain): a 32-bit-state generator, fast and good
 * enough for picking test data (not for cryptography). Returns numbers in [0, 1).
 * @example mulberry32(1)() // → 0.6270739405881613
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Combines integers into one 32-bit seed (each part mixed with MurmurHash3's fmix32 finaliser),
 * so `mixSeed(runSeed, scenario, iteration)` gives independent streams per iteration.
 */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = fmix32((h ^ fmix32(Math.trunc(part) >>> 0)) >>> 0);
    h = (Math.imul(h, 5) + 0xe6546b64) >>> 0;
  }
  return fmix32(h);
}

/** MurmurHash3's 32-bit finaliser (Appleby, 2011). */
function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
