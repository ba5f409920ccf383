import { describe, expect, it } from 'vitest';
import type { AnyPlanScenario, LoadPlan } from '../../../src/plan/plan.js';
import { compileProfile } from '../../../src/engine/compile.js';
import { getProfile } from '../../../scenarios/profiles/index.js';
import { assertWithinCaps, capsFromOptions, capViolations, DEFAULT_CAPS, FASTEST_ITERATION_S, levelAt, planLoad, SafetyCapError } from '../../../src/safety/caps.js';
import { UsageError } from '../../../src/errors.js';

const ramp = (journey: string, startRate: number, stages: Array<{ durationS: number; target: number }>, maxVUs = 10): AnyPlanScenario => ({
  executor: 'ramping-arrival-rate',
  journey,
  startRate,
  stages,
  preAllocatedVUs: 2,
  maxVUs,
  gracefulStopS: 5,
});

const planWith = (scenarios: AnyPlanScenario[], durationS = 100): Pick<LoadPlan, 'scenarios' | 'durationS' | 'segment'> => ({ scenarios, durationS });

describe('planLoad', () => {
  it('takes the peak of the summed rates, not the sum of the peaks', () => {
    // a peaks at 10/s at t=10, b peaks at 10/s at t=30: together never above 10 + 0 … 5 + 5 … 
    const a = ramp('a', 0, [{ durationS: 10, target: 10 }, { durationS: 20, target: 0 }]);
    const b = ramp('b', 0, [{ durationS: 10, target: 0 }, { durationS: 20, target: 10 }]);
    const load = planLoad(planWith([a, b]));
    expect(load.peakRatePerS).toBe(10);
    expect(load.peakVus).toBe(20);
  });

  it('counts both sides of a step (a 0-second stage) and VU scenarios at what they can start: VUs / (think + fastest iteration)', () => {
    const step = ramp('a', 2, [{ durationS: 10, target: 2 }, { durationS: 0, target: 8 }, { durationS: 10, target: 8 }]);
    expect(levelAt(step, 10)).toBe(8);
    const users: AnyPlanScenario = { executor: 'constant-vus', journey: 'u', vus: 30, durationS: 20, thinkTimeS: 8, expectedIterationS: 2, gracefulStopS: 5 };
    const load = planLoad(planWith([step, users]));
    expect(load.peakRatePerS).toBeCloseTo(8 + 30 / (8 + FASTEST_ITERATION_S), 9);
    expect(load.peakVus).toBe(10 + 30);
  });

  it('caps closed-model users with zero pacing: 400 users looping without think time are far over 50/s', () => {
    const users: AnyPlanScenario = { executor: 'constant-vus', journey: 'u', vus: 400, durationS: 20, thinkTimeS: 0, gracefulStopS: 5 };
    const load = planLoad(planWith([users]));
    expect(load.peakRatePerS).toBe(400 / FASTEST_ITERATION_S);
    expect(() => assertWithinCaps(planWith([users]), DEFAULT_CAPS)).toThrow(/peaks at 8000 iterations\/s, above the safety cap of 50\/s: lower --scale, or raise the cap with --max-rate 8000$/);
  });

  it('divides rate and VUs by the segment count', () => {
    const load = planLoad({ ...planWith([ramp('a', 12, [{ durationS: 10, target: 12 }], 40)]), segment: { index: 1, count: 4 } });
    expect(load).toEqual({ peakRatePerS: 3, durationS: 100, peakVus: 10 });
  });

  it('keeps the shipped morning wave (real time, 4 h) within the default caps', () => {
    const plan = compileProfile(getProfile('morning-order-wave'));
    expect(capViolations(planLoad(plan), DEFAULT_CAPS)).toEqual([]);
  });
});

describe('caps', () => {
  it('names the flag to raise for each cap, in one line', () => {
    const load = { peakRatePerS: 80.4, durationS: 86_400, peakVus: 900 };
    const lines = capViolations(load, DEFAULT_CAPS).map((v) => v.message);
    expect(lines).toEqual([
      'the plan peaks at 80 iterations/s, above the safety cap of 50/s: lower --scale, or raise the cap with --max-rate 81',
      'the plan lasts 86400 s, above the safety cap of 14400 s: compress it with --duration, or raise the cap with --max-duration 86400',
      'the plan may create 900 virtual users, above the safety cap of 500: lower --scale, or raise the cap with --max-vus 900',
    ]);
    for (const line of lines) expect(line).not.toContain('\n');
  });

  it('refuses a plan over a cap with SAFETY_CAP_EXCEEDED, and accepts it once the cap is raised', () => {
    const plan = compileProfile(getProfile('distribution-day')); // 24 h in real time
    expect(() => assertWithinCaps(plan, DEFAULT_CAPS)).toThrow(SafetyCapError);
    expect(() => assertWithinCaps(plan, DEFAULT_CAPS)).toThrow(/--max-duration 86400$/);
    expect(() => assertWithinCaps(plan, { ...DEFAULT_CAPS, maxDurationS: 86_400 })).not.toThrow();
  });

  it('reads the override flags, rejecting anything but a positive number with the flag named', () => {
    expect(capsFromOptions({})).toEqual(DEFAULT_CAPS);
    expect(capsFromOptions({ 'max-rate': 200, 'max-vus': 2000 })).toEqual({ maxRatePerS: 200, maxDurationS: 14_400, maxVus: 2000 });
    expect(() => capsFromOptions({ 'max-rate': 0 })).toThrow(new UsageError('--max-rate: expected a number above 0, got 0'));
    expect(() => capsFromOptions({ 'max-duration': Number.NaN })).toThrow(/^--max-duration: expected a number above 0, got NaN$/);
  });
});
