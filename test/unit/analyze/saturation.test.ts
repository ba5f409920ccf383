import { describe, expect, it } from 'vitest';
import { saturationPoint } from '../../../src/analyze/saturation.js';
import type { PhaseSummary, TimelinePoint } from '../../../src/analyze/types.js';

const phases: PhaseSummary[] = [
  { name: 'ramp', startS: 0, endS: 40, stats: [] },
  { name: 'peak', startS: 40, endS: 100, stats: [] },
];

/** One whole-iteration point per 10 s window: `scheduled` iterations offered, `count` completed. */
function point(t: number, scheduled: number, count: number, p95Ms: number, dropped = 0, journey = 'order-entry'): TimelinePoint {
  return { t, journey, step: null, count, errors: 0, p50Ms: p95Ms / 2, p95Ms, p99Ms: p95Ms, dropped, scheduled };
}

describe('saturationPoint', () => {
  it('finds the first window whose p95 passes 2× its baseline while under 95 % of the offered rate completes', () => {
    // Baseline: the lowest quarter of 8 windows by offered rate = 2 windows (10 and 20 offered), p95 200 and 220 → median 210 ms.
    const timeline = [
      point(0, 10, 10, 200),
      point(10, 20, 20, 220),
      point(20, 30, 30, 260),
      point(30, 40, 39, 300), // 97.5 % completed: follows
      point(40, 50, 48, 500), // 2.38× but 96 % completed: still follows
      point(50, 60, 40, 651), // 3.1× and 66.7 % completed → saturation
      point(60, 60, 38, 900, 3), // dropped later: not the first
      point(70, 60, 37, 1200, 5),
      { ...point(50, 0, 40, 5000), step: 'create' }, // steps are ignored
    ];
    const s = saturationPoint(timeline, phases, { windowS: 10 });
    expect(s).toEqual({
      atS: 50,
      phase: 'peak',
      offeredRatePerS: 6,
      achievedRatePerS: 4,
      reason: 'latency-knee',
      dropped: 0,
      p95Ratio: 651 / 210,
      journey: 'order-entry',
    });
  });

  it('reports the first window with dropped iterations, summing journeys', () => {
    const timeline = [
      point(0, 10, 10, 100),
      point(0, 5, 5, 50, 0, 'browse'),
      point(10, 10, 10, 100),
      point(10, 5, 5, 50, 0, 'browse'),
      point(20, 10, 10, 110),
      point(20, 7, 5, 60, 2, 'browse'),
    ];
    const s = saturationPoint(timeline, phases, { windowS: 10 });
    expect(s).toMatchObject({ atS: 20, phase: 'ramp', offeredRatePerS: 1.7, achievedRatePerS: 1.5, reason: 'dropped-iterations', dropped: 2 });
    expect(s?.p95Ratio).toBeCloseTo(1.2, 10); // browse 60 / 50
    expect(s?.journey).toBe('browse');
  });

  it('sees no saturation when latency rises but throughput keeps following the offered rate', () => {
    const timeline = [point(0, 10, 10, 100), point(10, 20, 20, 150), point(20, 40, 39, 400), point(30, 80, 78, 900)];
    expect(saturationPoint(timeline, phases, { windowS: 10 })).toBeUndefined();
  });

  it('sees no saturation when throughput falls behind but latency stays within the factor', () => {
    const timeline = [point(0, 10, 10, 100), point(10, 20, 20, 100), point(20, 40, 30, 190)];
    expect(saturationPoint(timeline, phases, { windowS: 10 })).toBeUndefined();
    expect(saturationPoint(timeline, phases, { windowS: 10, latencyFactor: 1.5, sustainWindows: 1 })).toMatchObject({ atS: 20, reason: 'latency-knee', p95Ratio: 1.9 });
  });

  it('takes one slow window for noise and three in a row for a knee', () => {
    // Baseline: windows offered 10 (the lowest quarter), p95 100 ms. Window 20 alone is slow and
    // behind (20 offered, 12 done, p95 500 ms: ratio 5), then 50, 60 and 70 are.
    const timeline = [0, 10, 20, 30, 40, 50, 60, 70].map((t) =>
      [20, 50, 60, 70].includes(t) ? point(t, 20, 12, 500) : point(t, 10, 10, 100),
    );
    expect(saturationPoint(timeline, phases, { windowS: 10 })).toMatchObject({ atS: 50, reason: 'latency-knee', p95Ratio: 5 });
    expect(saturationPoint(timeline, phases, { windowS: 10, sustainWindows: 1 })).toMatchObject({ atS: 20 });
  });

  it('never saturates a closed-model run (nothing scheduled) and returns undefined on an empty timeline', () => {
    expect(saturationPoint([point(0, 0, 10, 100), point(10, 0, 5, 900)], phases, { windowS: 10 })).toBeUndefined();
    expect(saturationPoint([], phases, { windowS: 1 })).toBeUndefined();
  });

  it('gives phase null to a window outside every phase', () => {
    expect(saturationPoint([point(100, 10, 8, 100, 2)], phases, { windowS: 10 })?.phase).toBeNull();
  });
});
