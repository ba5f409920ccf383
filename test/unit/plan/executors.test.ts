import { describe, expect, it } from 'vitest';
import { bindExecutor } from '../../../src/engine/executors/index.js';
import { constantArrivalRateScenario } from '../../../src/plan/executors/constant-arrival-rate.js';
import { constantVusScenario } from '../../../src/plan/executors/constant-vus.js';
import { executorOf, findExecutor } from '../../../src/plan/executors/index.js';
import { rampingArrivalRateScenario } from '../../../src/plan/executors/ramping-arrival-rate.js';
import { rampingVusScenario } from '../../../src/plan/executors/ramping-vus.js';
import type { AnyPlanScenario, PlanScenario } from '../../../src/plan/plan.js';

const ramping: PlanScenario = rampingArrivalRateScenario({
  journey: 'barcode-pick',
  stages: [
    { durationS: 10, target: 10 },
    { durationS: 20, target: 10 },
  ],
  preAllocatedVUs: 5,
  maxVUs: 50,
});

describe('ramping-arrival-rate', () => {
  it('defaults startRate to 0 and gracefulStop to k6\'s 30 s', () => {
    expect(ramping).toMatchObject({ executor: 'ramping-arrival-rate', startRate: 0, gracefulStopS: 30 });
  });

  it('requires the integral of the rate as iterations', () => {
    expect(executorOf(ramping).requirements()).toEqual({ preAllocatedVUs: 5, maxVUs: 50, durationS: 30, gracefulStopS: 30, expectedIterations: 250 });
  });

  it('describes itself in one line', () => {
    expect(executorOf(ramping).describe()).toBe('barcode-pick: up to 10.00 iterations/s for 30s over 2 stages (maxVUs: 5-50, gracefulStop: 30s)');
  });

  it('validates every field and names it', () => {
    expect(executorOf(ramping).validate()).toEqual([]);
    const bad = { ...ramping, startRate: -1, stages: [{ durationS: 0, target: 5 }, { durationS: 3, target: Number.NaN }], preAllocatedVUs: 10, maxVUs: 4, gracefulStopS: -2 };
    expect(executorOf(bad).validate()).toEqual([
      'startRate: expected iterations/s ≥ 0, got -1',
      'stages[0].durationS: expected seconds > 0, got 0',
      'stages[1].target: expected iterations/s ≥ 0, got null',
      'maxVUs: expected ≥ preAllocatedVUs (10), got 4',
      'gracefulStopS: expected seconds ≥ 0, got -2',
    ]);
    expect(executorOf({ ...ramping, stages: [] }).validate()).toEqual(['stages: expected at least one stage {durationS, target}']);
  });

  it('gives k6 integer rates per the shortest timeUnit that keeps them (300/h → 5 per 60s)', () => {
    const perHour = { ...ramping, startRate: 0, stages: [{ durationS: 60, target: 300 / 3600 }] };
    expect(executorOf(perHour).k6('exec_x')).toEqual({
      executor: 'ramping-arrival-rate',
      exec: 'exec_x',
      tags: { journey: 'barcode-pick' },
      gracefulStop: '30s',
      startRate: 0,
      timeUnit: '60s',
      preAllocatedVUs: 5,
      maxVUs: 50,
      stages: [{ duration: '60s', target: 5 }],
    });
  });
});

describe('constant-arrival-rate', () => {
  const config = constantArrivalRateScenario({ journey: 'stock-inquiry', rate: 20, durationS: 30, preAllocatedVUs: 2, maxVUs: 10, gracefulStopS: 5 });

  it('has one flat stage as its level curve', () => {
    expect(executorOf(config).level()).toEqual({ start: 20, stages: [{ durationS: 30, target: 20 }] });
    expect(executorOf(config).requirements().expectedIterations).toBe(600);
    expect(executorOf(config).rateAt(29.9)).toBe(20);
    expect(executorOf(config).rateAt(30)).toBe(0);
    expect(executorOf(config).describe()).toBe('stock-inquiry: 20.00 iterations/s for 30s (maxVUs: 2-10, gracefulStop: 5s)');
  });

  it('names its own fields in problems', () => {
    expect(executorOf({ ...config, rate: -3, durationS: 0 }).validate()).toEqual(['rate: expected iterations/s ≥ 0, got -3', 'durationS: expected seconds > 0, got 0']);
  });

  it('is k6\'s constant-arrival-rate with rate and duration', () => {
    expect(executorOf(config).k6('e')).toMatchObject({ executor: 'constant-arrival-rate', rate: 20, timeUnit: '1s', duration: '30s', gracefulStop: '5s' });
  });
});

describe('VU executors', () => {
  const rampingUsers = rampingVusScenario({ journey: 'barcode-pick', startVUs: 0, stages: [{ durationS: 60, target: 10 }, { durationS: 60, target: 10 }], thinkTimeS: 8, expectedIterationS: 2 });
  const constantUsers = constantVusScenario({ journey: 'stock-inquiry', vus: 4, durationS: 100, thinkTimeS: 5 });

  it('expect ∫ VUs dt / cycle iterations (not NaN): 900 VU-s over a 10 s cycle, 400 over 5 s', () => {
    expect(executorOf(rampingUsers).requirements()).toEqual({ preAllocatedVUs: 10, maxVUs: 10, durationS: 120, gracefulStopS: 30, expectedIterations: 90 });
    expect(executorOf(constantUsers).requirements().expectedIterations).toBe(80);
    expect(executorOf({ ...constantUsers, thinkTimeS: 0 }).requirements().expectedIterations).toBeNull();
  });

  it('share a segment\'s VUs by striping (10 over 4: the first gets 3)', () => {
    expect(executorOf({ ...rampingUsers, segment: { index: 1, count: 4 } }).requirements().maxVUs).toBe(3);
    expect(executorOf({ ...rampingUsers, segment: { index: 4, count: 4 } }).requirements().maxVUs).toBe(2);
  });

  it('have no target arrival rate, and default startVUs to k6\'s 1', () => {
    expect(executorOf(rampingUsers).rateAt(30)).toBe(0);
    expect(rampingVusScenario({ journey: 'x', stages: [{ durationS: 5, target: 2 }] })).toMatchObject({ startVUs: 1, thinkTimeS: 0, gracefulStopS: 30 });
  });

  it('describe and validate themselves, naming fields', () => {
    expect(executorOf(rampingUsers).describe()).toBe('barcode-pick: up to 10 looping VUs for 120s over 2 stages, think time 8s (gracefulStop: 30s)');
    expect(executorOf(constantUsers).describe()).toBe('stock-inquiry: 4 looping VUs for 100s, think time 5s (gracefulStop: 30s)');
    expect(executorOf({ ...rampingUsers, startVUs: 0, stages: [{ durationS: 5, target: 0 }] }).validate()).toEqual(['stages: expected at least one VU at some point']);
    expect(executorOf({ ...rampingUsers, thinkTimeS: -1, stages: [{ durationS: 5, target: 1.5 }] }).validate()).toEqual([
      'thinkTimeS: expected seconds ≥ 0, got -1',
      'stages[0].target: expected a whole number of VUs ≥ 0, got 1.5',
    ]);
    expect(executorOf({ ...constantUsers, vus: 0 }).validate()).toEqual(['vus: expected a whole number ≥ 1, got 0']);
  });

  it('give k6 their VUs, stages and graceful ramp-down', () => {
    expect(executorOf(rampingUsers).k6('e')).toMatchObject({ startVUs: 0, stages: [{ duration: '60s', target: 10 }, { duration: '60s', target: 10 }], gracefulRampDown: '30s' });
    expect(executorOf(constantUsers).k6('e')).toMatchObject({ executor: 'constant-vus', vus: 4, duration: '100s' });
  });
});

describe('cut (a run that stopped early)', () => {
  it('drops later stages and shortens the running one; flat executors shorten their duration', () => {
    expect(executorOf(ramping).cut(15)).toMatchObject({ stages: [{ durationS: 10, target: 10 }, { durationS: 5, target: 10 }] });
    expect(executorOf(executorOf(ramping).cut(15)).requirements().expectedIterations).toBe(100);
    const flat = constantVusScenario({ journey: 'x', vus: 2, durationS: 60, thinkTimeS: 1 });
    expect(executorOf(flat).cut(20)).toMatchObject({ executor: 'constant-vus', durationS: 20 });
  });
});

describe('registry', () => {
  it('finds by executor type and rejects unknown types naming the field', () => {
    const bound = bindExecutor(ramping);
    expect(typeof bound === 'string' ? bound : bound.rateAt(5)).toBe(5);
    const unknown = JSON.parse('{"executor":"per-vu-iterations","journey":"x"}') as AnyPlanScenario;
    const problem = "executor: expected one of ramping-arrival-rate, constant-arrival-rate, ramping-vus, constant-vus, got \"per-vu-iterations\"";
    expect(bindExecutor(unknown)).toBe(problem);
    expect(findExecutor(unknown)).toBe(problem);
    expect(() => executorOf(unknown)).toThrow(`scenario x: ${problem}`);
  });
});
