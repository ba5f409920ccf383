/**
 * Arithmetic of a level curve (./executors/types.ts `LevelCurve`): a start level and linear stages,
 * the shape every executor's load takes — iterations/s for arrival rates, VUs for closed models.
 *
 *   level ▲        ╱‾‾‾‾╲
 *         │   ╱‾‾‾      ╲____
 *         │__╱               ╲
 *         └──────────────────────► t      area = ∑ (from + to) / 2 · durationS  (trapezoids)
 */
import type { LevelCurve } from './executors/types.js';

/** Sum of stage durations, seconds. */
export function levelDurationS(curve: LevelCurve): number {
  return curve.stages.reduce((sum, s) => sum + s.durationS, 0);
}

/** Highest level anywhere on the curve. */
export function levelPeak(curve: LevelCurve): number {
  return Math.max(curve.start, ...curve.stages.map((s) => s.target));
}

/** The level at `tS` seconds; 0 after the last stage. */
export function levelAt(curve: LevelCurve, tS: number): number {
  let from = curve.start;
  let stageStart = 0;
  for (const { durationS: d, target: to } of curve.stages) {
    if (tS < stageStart + d) return tS < stageStart ? from : from + ((to - from) * (tS - stageStart)) / d;
    from = to;
    stageStart += d;
  }
  return 0;
}

/**
 * ∫ level dt between plan seconds `fromS` and `toS` (the whole curve by default): for an arrival
 * rate, the iterations due (not rounded).
 * @example levelArea({ start: 2, stages: [{ durationS: 10, target: 2 }] }, 0, 5) // 10
 */
export function levelArea(curve: LevelCurve, fromS = 0, toS = Number.POSITIVE_INFINITY): number {
  let t = 0;
  let level = curve.start;
  let area = 0;
  for (const { durationS: d, target } of curve.stages) {
    const a = Math.max(fromS, t);
    const b = Math.min(toS, t + d);
    if (b > a && d > 0) {
      const at = (x: number) => level + ((target - level) * (x - t)) / d;
      area += ((at(a) + at(b)) / 2) * (b - a);
    }
    t += d;
    level = target;
  }
  return area;
}
