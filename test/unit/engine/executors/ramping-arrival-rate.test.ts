import { describe, expect, it } from 'vitest';
import { bindExecutor } from '../../../../src/engine/executors/index.js';
import * as constant from '../../../../src/engine/executors/constant-arrival-rate.js';
import * as ramping from '../../../../src/engine/executors/ramping-arrival-rate.js';
import type { PlanScenario } from '../../../../src/engine/plan.js';

const scenario: PlanScenario = {
  journey: 'barcode-pick',
  executor: 'ramping-arrival-rate',
  startRate: 0,
  stages: [
    { durationS: 10, target: 10 },
    { durationS: 20, target: 10 },
  ],
  preAllocatedVUs: 5,
  maxVUs: 50,
  gracefulStopS: 30,
};

describe('ramping-arrival-rate', () => {
  it('requires the integral of the rate as iterations', () => {
    expect(ramping.requirements(scenario)).toEqual({ preAllocatedVUs: 5, maxVUs: 50, durationS: 30, gracefulStopS: 30, expectedIterations: 250 });
  });

  it('describes itself in one line', () => {
    expect(ramping.describe(scenario)).toBe('barcode-pick: up to 10.00 iterations/s for 30s over 2 stages (maxVUs: 5-50, gracefulStop: 30s)');
  });

  it('validates every field and names it', () => {
    expect(ramping.validate(scenario)).toEqual([]);
    const bad = { ...scenario, startRate: -1, stages: [{ durationS: 0, target: 5 }, { durationS: 3, target: Number.NaN }], preAllocatedVUs: 10, maxVUs: 4, gracefulStopS: -2 };
    expect(ramping.validate(bad)).toEqual([
      'startRate: expected iterations/s ≥ 0, got -1',
      'stages[0].durationS: expected seconds > 0, got 0',
      'stages[1].target: expected iterations/s ≥ 0, got null',
      'maxVUs: expected ≥ preAllocatedVUs (10), got 4',
      'gracefulStopS: expected seconds ≥ 0, got -2',
    ]);
    expect(ramping.validate({ ...scenario, stages: [] })).toEqual(['stages: expected at least one stage {durationS, target}']);
  });
});

describe('constant-arrival-rate', () => {
  const config: constant.ConstantArrivalRateConfig = { journey: 'stock-inquiry', executor: 'constant-arrival-rate', rate: 20, durationS: 30, preAllocatedVUs: 2, maxVUs: 10, gracefulStopS: 5 };

  it('is a ramping scenario with one flat stage', () => {
    expect(constant.toRamping(config)).toMatchObject({ startRate: 20, stages: [{ durationS: 30, target: 20 }] });
    expect(constant.requirements(config).expectedIterations).toBe(600);
    expect(constant.describe(config)).toBe('stock-inquiry: 20.00 iterations/s for 30s (maxVUs: 2-10, gracefulStop: 5s)');
  });

  it('names its own fields in problems', () => {
    expect(constant.validate({ ...config, rate: -3, durationS: 0 })).toEqual(['rate: expected iterations/s ≥ 0, got -3', 'durationS: expected seconds > 0, got 0']);
  });
});

describe('registry', () => {
  it('binds by executor type and rejects unknown types naming the field', () => {
    const bound = bindExecutor(scenario);
    expect(typeof bound === 'string' ? bound : bound.rateAt(5)).toBe(5);
    const unknown = JSON.parse('{"executor":"per-vu-iterations","journey":"x"}') as PlanScenario;
    expect(bindExecutor(unknown)).toBe("executor: expected one of ramping-arrival-rate, constant-arrival-rate, ramping-vus, constant-vus, got \"per-vu-iterations\"");
  });
});
