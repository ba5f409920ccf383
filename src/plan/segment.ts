/**
 * Execution segments: N machines share one plan (k6's `--execution-segment`, lib/execution_segment.go).
 *
 * Segment i of n is the fraction ((i−1)/n, i/n] of the plan. k6 does not cut the timeline; it
 * stripes: of the plan's arrivals (and VUs), numbered 0, 1, 2 … in plan order, each segment takes
 * an evenly spread subset so every segment sees the whole shape at 1/n of the rate. For equal
 * segments k6's striping (`GetStripedOffsets`: the segment with the largest deficit takes the next
 * number, ties to the earliest segment) is plain round robin, which is what we do:
 *
 *   arrival number k:   0  1  2  3  4  5  6  7  8 …
 *   segment (n = 4):    1  2  3  4  1  2  3  4  1 …
 *
 * The union of the n segments is exactly the plan: every arrival time in exactly one segment, and
 * the global arrival number is kept (`k`), so an iteration draws the same random stream whichever
 * machine runs it — a merged run equals the unsplit run.
 */
import { InputError } from '../errors.js';
import type { ExecutionSegment } from './plan.js';

export type { ExecutionSegment } from './plan.js';

/** One arrival: seconds from the scenario start and its 1-based number in the unsplit plan. */
export interface Arrival {
  tS: number;
  k: number;
}

/** Message for a bad `--segment` value (tests reuse it). */
export const segmentMessage = (text: string) =>
  `--segment: expected i/n with 1 ≤ i ≤ n (e.g. 2/4 = the second of four machines), got '${text}'`;

/**
 * Parses `i/n`.
 * @throws InputError `SEGMENT_INVALID`
 * @example parseSegment('2/4') // → { index: 2, count: 4 }
 */
export function parseSegment(text: string): ExecutionSegment {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || !(count >= 1 && index >= 1 && index <= count)) throw new InputError('SEGMENT_INVALID', segmentMessage(text));
  return { index, count };
}

/** Whether the segment owns global 0-based number `k0` (an arrival or a VU). No segment owns all. */
export function owns(segment: ExecutionSegment | undefined, k0: number): boolean {
  return segment === undefined || k0 % segment.count === segment.index - 1;
}

/**
 * How many of the numbers 0 … total−1 the segment owns (k6's `ExecutionTuple.ScaleInt64`).
 * The counts of all segments add up to `total`.
 * @example scaleCount({ index: 3, count: 4 }, 10) // → 2 (numbers 2 and 6)
 */
export function scaleCount(segment: ExecutionSegment | undefined, total: number): number {
  if (segment === undefined) return total;
  const first = segment.index - 1;
  return total > first ? Math.floor((total - 1 - first) / segment.count) + 1 : 0;
}

/** Numbers arrival times (1-based `k`) and keeps the segment's share. */
export function* segmentArrivals(times: Iterable<number>, segment?: ExecutionSegment): Generator<Arrival> {
  let k = 0;
  for (const tS of times) {
    if (owns(segment, k)) yield { tS, k: k + 1 };
    k += 1;
  }
}

/** The scenario fields segmentPlan reads and writes; anything else is kept as is. */
interface SegmentableScenario {
  executor: string;
  preAllocatedVUs?: number;
  maxVUs?: number;
  segment?: ExecutionSegment;
}

/**
 * The plan one machine runs: every scenario gets `segment`; arrival-rate scenarios get their
 * striped share of preAllocatedVUs and maxVUs (maxVUs at least 1). Closed-model scenarios keep their
 * VU targets: the executor runs only the VUs the segment owns (see ./closed-model.ts).
 * @throws InputError `SEGMENT_INVALID` for a segment out of range.
 */
export function segmentPlan<P extends { scenarios: readonly SegmentableScenario[]; segment?: ExecutionSegment }>(
  plan: P,
  segment: ExecutionSegment,
): P {
  if (!(Number.isInteger(segment.count) && Number.isInteger(segment.index) && segment.count >= 1 && segment.index >= 1 && segment.index <= segment.count)) {
    throw new InputError('SEGMENT_INVALID', segmentMessage(`${segment.index}/${segment.count}`));
  }
  if (plan.segment !== undefined) {
    throw new InputError('SEGMENT_INVALID', `the plan is already segment ${plan.segment.index}/${plan.segment.count}; segment the whole plan`);
  }
  const scenarios = plan.scenarios.map((s) => {
    const copy = { ...s, segment };
    if (typeof s.preAllocatedVUs === 'number') copy.preAllocatedVUs = scaleCount(segment, s.preAllocatedVUs);
    if (typeof s.maxVUs === 'number') copy.maxVUs = Math.max(1, scaleCount(segment, s.maxVUs), copy.preAllocatedVUs ?? 0);
    return copy;
  });
  return { ...plan, scenarios, segment };
}

/** A part of a distributed run (a run directory, a k6 output file) and the segment it ran, if any. */
export interface SegmentedPart {
  name: string;
  segment?: ExecutionSegment;
}

/** One-line messages of segmentCoverage, prefixed with the command (`merge`, `ingest k6`). */
export const coverageMessages = {
  duplicate: (command: string, first: string, again: string, segment: string) => `${command}: ${again} and ${first} both ran segment ${segment}; give each segment once`,
  wholeAndSegment: (command: string, whole: string, segment: string) =>
    `${command}: ${whole} ran the whole plan but ${segment} one segment; give the segments of one plan`,
  counts: (command: string, a: string, n: number, b: string, m: number) => `${command}: ${a} is one of ${n} segments but ${b} one of ${m}; give the segments of one plan`,
  missing: (command: string, segments: readonly string[], parts: string) =>
    `${command}: segment${segments.length > 1 ? 's' : ''} ${segments.join(', ')} missing; give every segment's ${parts} (or --partial to use what there is)`,
  partialReason: (segments: readonly string[]) => `segment${segments.length > 1 ? 's' : ''} ${segments.join(', ')} missing: the run covers part of the plan`,
};

/**
 * The segments (`i/n`) missing from the parts of one distributed run: none when no part has a
 * segment (whole-plan parts simply add up).
 * @throws InputError `SEGMENTS_MISMATCH` when whole-plan parts and segments are mixed or segment
 *   counts differ, `SEGMENT_DUPLICATE` when two parts ran the same segment.
 */
export function missingSegments(command: string, parts: readonly SegmentedPart[]): string[] {
  const segmented = parts.filter((p) => p.segment !== undefined);
  if (segmented.length === 0) return [];
  const first = segmented[0]!;
  const count = first.segment!.count;
  const whole = parts.find((p) => p.segment === undefined);
  if (whole !== undefined) throw new InputError('SEGMENTS_MISMATCH', coverageMessages.wholeAndSegment(command, whole.name, first.name));
  const seen = new Map<number, string>();
  for (const p of segmented) {
    const { index, count: other } = p.segment!;
    if (other !== count) throw new InputError('SEGMENTS_MISMATCH', coverageMessages.counts(command, first.name, count, p.name, other));
    const before = seen.get(index);
    if (before !== undefined) throw new InputError('SEGMENT_DUPLICATE', coverageMessages.duplicate(command, before, p.name, `${index}/${count}`));
    seen.set(index, p.name);
  }
  return Array.from({ length: count }, (_, i) => i + 1)
    .filter((i) => !seen.has(i))
    .map((i) => `${i}/${count}`);
}
