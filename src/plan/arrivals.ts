/**
 * When arrivals happen under a piecewise-linear arrival rate (k6's arrival-rate executors).
 *
 * The rate r(t) (iterations/s) starts at `start` and each stage ramps it linearly to the
 * stage's `target` over the stage's `durationS`. The area under r from 0 to t is the number of
 * iterations due by t, so the k-th arrival is at the t where that area reaches k:
 *
 *     rate (it/s)
 *      3 |              ,--+
 *      2 +--------+--'     |        startRate 2, stage 1: 5 s → 2/s  (area 10)
 *      1 |########|########|        stage 2: 5 s → 3/s  (area 12.5)
 *        +--------+--------+--> t (s)
 *        0        5       10
 *                 ^ arrival 10 at t = 5; arrival 11 where 10 + area(5, t) = 11
 *
 *   ramp from a to b over d seconds: area(x) = a·x + (b − a)·x² / (2d) = n,  n = k − before
 *   k6 solves it as                  x = (a·d − √(d·(a²·d + 2n·(b − a)))) / (a − b)
 *   we use the same root rationalised, x = 2n / (a + √(a² + 2n·(b − a)/d)),
 *   which needs no flat-stage special case (b = a gives n / a) and does not cancel when b ≈ a.
 *
 * `before` is the area of all earlier stages, fractions included: a stage ending at area 9.8
 * leaves 0.2 of arrival 10 to the next one.
 *
 * Convention (followed from k6 lib/executor/ramping_arrival_rate.go, `cal()`: "start .. starts
 * at 0 but the algorithm works with area so we need to start from 1 not 0"): the first arrival
 * is at area 1, not at t = 0 — at a flat 20/s the arrivals are 0.05 s, 0.10 s, …, 30.00 s, so a
 * stage of area A has exactly ⌊A⌋ arrivals and the last one may fall on its end.
 * (k6's constant-arrival-rate starts one at t = 0; ours is a single flat ramping stage instead.)
 */
import type { LevelCurve } from './executors/types.js';

/** Float slack so an area that should be an integer (10 × 5.0) does not lose its last arrival. */
const EPSILON = 1e-9;

/**
 * Arrival times in seconds from the scenario start, ascending, under the arrival-rate curve
 * `rate` (iterations/s); their count is ⌊∫r⌋. Lazy: a long plan is not materialised.
 * @example [...arrivalTimes({ start: 0, stages: [{ durationS: 2, target: 2 }] })] // → [1.4142…, 2] (area 2: t = √(2k))
 */
export function* arrivalTimes(rate: LevelCurve): Generator<number> {
  let stageStart = 0;
  let before = 0; // area of the earlier stages
  let from = rate.start;
  let k = 1;
  for (const { durationS: d, target: to } of rate.stages) {
    const end = before + (d * (from + to)) / 2;
    const slack = EPSILON * Math.max(1, end);
    for (; k <= end + slack; k += 1) {
      const n = k - before;
      const x = (2 * n) / (from + Math.sqrt(Math.max(0, from * from + (2 * n * (to - from)) / d)));
      yield stageStart + Math.min(Math.max(x, 0), d);
    }
    before = end;
    from = to;
    stageStart += d;
  }
}
