/**
 * When the active VU count of a closed-model scenario changes (k6's ramping-vus and constant-vus):
 * the level curve of VUs as steps. The engine's VU loop (src/engine/closed-model.ts) starts and
 * stops VUs at these steps; the executors' requirements take their peak.
 */
import { scaleCount, type ExecutionSegment } from './segment.js';

/** From `tS` on (seconds from the scenario start), `vus` VUs are active (plan-wide count). */
export interface VuStep {
  tS: number;
  vus: number;
}

/** Float slack so 10 × 0.1 reaches 1. */
const EPSILON = 1e-9;

/**
 * When the active VU count changes under linear stages (k6 ramping-vus): ramping up from a to b,
 * VU k starts when the ramp reaches k; ramping down, VU k+1 stops when it reaches k.
 * @example vuSteps(0, [{ durationS: 4, target: 2 }]) // → [{tS:0,vus:0},{tS:2,vus:1},{tS:4,vus:2}]
 */
export function vuSteps(startVUs: number, stages: ReadonlyArray<{ durationS: number; target: number }>): VuStep[] {
  const steps: VuStep[] = [{ tS: 0, vus: startVUs }];
  let from = startVUs;
  let stageStart = 0;
  for (const { durationS: d, target: to } of stages) {
    if (to > from) {
      for (let k = Math.floor(from + EPSILON) + 1; k <= to + EPSILON; k += 1) steps.push({ tS: stageStart + ((k - from) / (to - from)) * d, vus: k });
    } else if (to < from) {
      for (let k = Math.ceil(from - EPSILON) - 1; k >= to - EPSILON; k -= 1) steps.push({ tS: stageStart + ((from - k) / (from - to)) * d, vus: k });
    }
    from = to;
    stageStart += d;
  }
  return steps;
}

/** Highest plan-wide VU count of the steps. */
export function maxVus(steps: readonly VuStep[]): number {
  return Math.max(0, ...steps.map((s) => s.vus));
}

/** VUs of the segment's share (striped by VU number, ./segment.ts) at the peak. */
export function segmentVus(steps: readonly VuStep[], segment: ExecutionSegment | undefined): number {
  return scaleCount(segment, maxVus(steps));
}
