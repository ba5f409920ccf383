import { describe, expect, it } from 'vitest';
import { demandsAtWorkers, whatIfTable } from '../../../src/analyze/what-if.js';
import { workerDemandModel } from '../../../src/analyze/worker-demand.js';
import type { LoadPlan } from '../../../src/engine/plan.js';
import type { CalibratedJourney } from '../../../models/calibration-defaults.js';
import { demoOdooLog, demoSummary } from './demo-run-fixture.js';

const flow: CalibratedJourney = { workerS: 0.564, cpuS: 0.35, dbS: 0.14, writes: true, callsPerIteration: 4.7, origin: 'test' };

function plan(ratePerS: number, durationS: number): LoadPlan {
  return {
    version: 1, profile: 'demo', seed: 7, scale: 1, compress: { factor: 1, keep: 'peak-rates' }, durationS,
    phases: [{ name: 'all', startS: 0, endS: durationS, businessStart: '00:00', businessEnd: '00:00' }],
    scenarios: [{ journey: 'order-to-delivery', executor: 'ramping-arrival-rate', startRate: ratePerS, stages: [{ durationS, target: ratePerS }], preAllocatedVUs: 1, maxVUs: 1, gracefulStopS: 30 }],
    slos: {},
  };
}

describe('what-if demands', () => {
  const model = workerDemandModel(demoSummary(), demoOdooLog());
  if (model === undefined) throw new Error('no model');
  const workerDemand = { model, ratePerS: 3758 / 480 };

  it('adds the retry cost at the concurrency each worker count allows', () => {
    // N* = 1.3809 (recommend-set.test.ts). With 1 worker N = 1: q = 0.025202; with 4 workers N = N* : q = 0.034802.
    // Per flow: 4.7 calls × q × (1.5 + 0.12) s of worker time; 4.7 × q × 0.084 s of Odoo CPU.
    const one = demandsAtWorkers({ 'order-to-delivery': flow }, 1, workerDemand)['order-to-delivery'];
    const four = demandsAtWorkers({ 'order-to-delivery': flow }, 4, workerDemand)['order-to-delivery'];
    expect(one?.workerS).toBeCloseTo(0.564 + 4.7 * 0.025202 * 1.62, 4);
    expect(four?.workerS).toBeCloseTo(0.564 + 4.7 * 0.034802 * 1.62, 4);
    expect(four?.cpuS).toBeCloseTo(0.35 + 4.7 * 0.034802 * 0.084, 4);
    expect(demandsAtWorkers({ 'order-to-delivery': flow }, 4, undefined)['order-to-delivery']).toEqual(flow);
  });

  it('shows the retry back-off in the simulated table and says so', () => {
    const p = plan(1, 300);
    const plain = whatIfTable(p, { 'order-to-delivery': flow }, { cores: 2, workers: [2] });
    const loaded = whatIfTable(p, { 'order-to-delivery': flow }, { cores: 2, workers: [2], testedWorkers: 2, workerDemand });
    expect(loaded.rows[0]?.utilization).toBeGreaterThan(plain.rows[0]?.utilization ?? 1);
    expect(loaded.rows[0]?.tested).toBe(true);
    expect(loaded.reason).toContain("plus the retry back-off Odoo's log showed at each worker count's concurrency (0.0252 retries per request in service, 1.5 s each)");
  });
});
