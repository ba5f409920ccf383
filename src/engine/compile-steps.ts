/**
 * Piecewise-constant levels (a burst's arrival rate, a number of users) → the linear stages of
 * k6's ramping executors, which cannot jump: each jump becomes a short ramp centred on it.
 *
 *   level
 *    b │        ╱‾‾‾‾‾‾‾
 *      │       ╱ ← ramp from T − h to T + h
 *    a │‾‾‾‾‾‾╱
 *      └──────┴─T─┴──────► plan seconds
 *
 * Centring keeps the area exact: the ramp adds (b − a)·h/2 after T and takes (b − a)·h/2 before
 * it, so a burst's iterations (and users' VU-seconds) are those of the square shape.
 * h = min(0.5 s, a quarter of either neighbouring level), rounded down to whole ms, at least 1 ms.
 */
import type { ProfilePhase } from '../../scenarios/profiles/types.js';
import type { PlanPhase } from '../plan/plan.js';

/** What the per-shape compilers (bursts, users) need to know about the plan being built. */
export interface ShapeContext {
  /** The selected business phases, in order. */
  selected: ProfilePhase[];
  /** The same phases in plan seconds. */
  phases: PlanPhase[];
  /** Business seconds since midnight at plan t = 0. */
  originS: number;
  /** Business seconds per plan second. */
  factor: number;
  scale: number;
  keep: 'peak-rates' | 'totals';
  /** Seconds in-flight iterations get after the end (from the SLO, see compile.ts gracefulStop). */
  gracefulStopS: number;
}

/** A level held from `startS` to `endS` (plan seconds); overlapping levels add up. */
export interface Level {
  startS: number;
  endS: number;
  value: number;
}

export interface Stage {
  durationS: number;
  target: number;
}

/** Longest half-ramp at a jump, seconds. */
export const MAX_HALF_RAMP_S = 0.5;

/** Round plan seconds to milliseconds, so sums of stages do not carry float noise. */
export function roundMs(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/**
 * Sum overlapping levels into contiguous segments covering [0, durationS] (0 where none).
 * @example sumLevels([{ startS: 1, endS: 3, value: 2 }, { startS: 2, endS: 4, value: 1 }], 5)
 *   // [{0,1,0},{1,2,2},{2,3,3},{3,4,1},{4,5,0}]
 */
export function sumLevels(levels: readonly Level[], durationS: number): Level[] {
  const cuts = [...new Set([0, durationS, ...levels.flatMap((l) => [roundMs(l.startS), roundMs(l.endS)])])]
    .filter((t) => t >= 0 && t <= durationS)
    .sort((a, b) => a - b);
  const segments: Level[] = [];
  for (let i = 0; i + 1 < cuts.length; i += 1) {
    const startS = cuts[i] as number;
    const endS = cuts[i + 1] as number;
    const mid = (startS + endS) / 2;
    const value = levels.reduce((sum, l) => (roundMs(l.startS) <= mid && mid < roundMs(l.endS) ? sum + l.value : sum), 0);
    const last = segments[segments.length - 1];
    if (last !== undefined && last.value === value) last.endS = endS;
    else segments.push({ startS, endS, value });
  }
  return segments;
}

/** A linear piece from `from` at `startS` to `to` at `endS` (plan seconds). */
export interface LinearSegment {
  startS: number;
  endS: number;
  from: number;
  to: number;
}

/**
 * Linear stages following contiguous linear segments, with a centred ramp at each jump (see the
 * chart above). For a jump between sloped segments the ramp's area differs from theirs by
 * h² / 2 × (difference of the slopes): with h ≤ 0.5 s, far below one iteration.
 */
export function linearStages(segments: readonly LinearSegment[]): { start: number; stages: Stage[] } {
  const halves = segments.map((segment, j) => {
    const previous = segments[j - 1];
    if (previous === undefined || previous.to === segment.from) return 0;
    const room = Math.min(previous.endS - previous.startS, segment.endS - segment.startS) / 4;
    return Math.max(0.001, Math.floor(Math.min(MAX_HALF_RAMP_S, room) * 1000) / 1000);
  });
  const valueAt = (segment: LinearSegment, t: number) =>
    segment.endS === segment.startS ? segment.to : segment.from + ((segment.to - segment.from) * (t - segment.startS)) / (segment.endS - segment.startS);
  const stages: Stage[] = [];
  segments.forEach((segment, j) => {
    const holdStart = roundMs(segment.startS + (halves[j] ?? 0));
    const holdEnd = roundMs(segment.endS - (halves[j + 1] ?? 0));
    if (holdEnd - holdStart > 0) stages.push({ durationS: roundMs(holdEnd - holdStart), target: valueAt(segment, holdEnd) });
    const next = segments[j + 1];
    const half = halves[j + 1] ?? 0;
    if (next !== undefined && half > 0) stages.push({ durationS: roundMs(2 * half), target: valueAt(next, roundMs(next.startS + half)) });
  });
  return { start: segments[0]?.from ?? 0, stages };
}

/** Stages for contiguous constant levels (as returned by sumLevels). */
export function segmentStages(segments: readonly Level[]): { start: number; stages: Stage[] } {
  return linearStages(segments.map((l) => ({ startS: l.startS, endS: l.endS, from: l.value, to: l.value })));
}
