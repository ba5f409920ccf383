import { describe, expect, it } from 'vitest';
import { requestServiceTime } from '../../../src/analyze/service-demand.js';
import type { PhaseSummary } from '../../../src/analyze/types.js';
import { summarizeRun } from '../../../src/analyze/summarize.js';
import { workersForTarget } from '../../../models/workers-needed.js';
import { deal, manifest, range, window } from './run-fixture.js';
import { stats, summaryWith } from './summary-fixture.js';

// Three phases of 20 s. Steps: `read` (fast) and `create` (slow).
//   warm-up: read 10 calls — too few (< 20) to trust;
//   ramp:    read 100 calls p50 50 ms (mean 60, SCV 0.5), create 50 calls p50 200 ms (mean 250, SCV 1) → 7.5 calls/s
//   peak:    read 1000 calls, create 500 calls → 75 calls/s
const phases: PhaseSummary[] = [
  { name: 'warm-up', startS: 0, endS: 20, stats: [stats(null, 5, 20, 400), stats('read', 10, 20, 40)] },
  {
    name: 'ramp',
    startS: 20,
    endS: 40,
    stats: [
      stats(null, 50, 20, 500),
      stats('read', 100, 20, 50, { meanMs: 60, serviceMeanMs: 60, serviceScv: 0.5 }),
      stats('create', 50, 20, 200, { meanMs: 250, serviceMeanMs: 250, serviceScv: 1 }),
    ],
  },
  { name: 'peak', startS: 40, endS: 60, stats: [stats(null, 500, 20, 900), stats('read', 1000, 20, 80), stats('create', 500, 20, 400)] },
];

describe('requestServiceTime', () => {
  const demand = requestServiceTime(summaryWith(phases));

  it('takes the request rate as the sum of step throughputs in the busiest phase', () => {
    expect(demand.busiestPhase).toBe('peak');
    expect(demand.ratePerS).toBeCloseTo(75, 12); // (1000 + 500) / 20 s
    expect(demand.unit).toBe('step');
  });

  it('takes the service time from the least loaded phase with at least 20 calls, count-weighted p50s', () => {
    expect(demand.quietestPhase).toBe('ramp');
    expect(demand.requests).toBe(150);
    expect(demand.serviceS).toBeCloseTo((100 * 0.05 + 50 * 0.2) / 150, 12); // 0.1 s
    expect(demand.meanServiceS).toBeCloseTo((100 * 0.06 + 50 * 0.25) / 150, 12);
  });

  it('computes the SCV of the step mix from the steps’ means and SCVs', () => {
    // m = (100·60 + 50·250)/150 = 123.33; E[S²] = (100·60²·1.5 + 50·250²·2)/150 = 45 266.67; Cs² = E[S²]/m² − 1 = 1.9759
    const m = (100 * 60 + 50 * 250) / 150;
    const second = (100 * 3600 * 1.5 + 50 * 62500 * 2) / 150;
    expect(demand.serviceScv).toBeCloseTo(second / m ** 2 - 1, 12);
    expect(demand.serviceScv).toBeCloseTo(1.9759, 4);
  });

  it('explains where the numbers come from', () => {
    expect(demand.reason).toBe(
      'Busiest phase peak: 75 RPC calls/s. Service time 0.1 s: the median of 150 calls in the quietest phase ramp, ' +
        'where queueing is least (SCV 2); timed client-side, so it includes the network and errs high.',
    );
  });

  it('leaves the SCV out when a step has no service figures', () => {
    const noScv = requestServiceTime(summaryWith([phases[2] as PhaseSummary]));
    expect(noScv.serviceScv).toBeUndefined();
    expect(noScv.reason).toContain('SCV not measured');
  });

  it('falls back to the whole run when no phase has 20 calls', () => {
    const thin = requestServiceTime(summaryWith([phases[0] as PhaseSummary]));
    expect(thin.quietestPhase).toBe('all');
    expect(thin.reason).toContain('the whole run, as no phase had 20 calls');
  });

  it('uses whole iterations when no steps were timed', () => {
    const iterations = phases.map((p) => ({ ...p, stats: p.stats.filter((s) => s.step === null) }));
    const byIteration = requestServiceTime(summaryWith(iterations));
    expect(byIteration.unit).toBe('iteration');
    expect(byIteration.ratePerS).toBeCloseTo(25, 12); // 500 / 20 s in peak
    expect(byIteration.serviceS).toBeCloseTo(0.5, 12); // ramp: 50 iterations, p50 500 ms
  });
});

describe('requestServiceTime on a summarised run', () => {
  it('takes the rate from the busiest phase and the service time from the quietest (a summarised run)', () => {
    // ramp (0–10 s): 100 `create` calls of 1..100 ms (p50 50 ms, 10 calls/s);
    // peak (10–20 s): ten times 1..100 ms dealt over 10 windows (1000 calls, 100 calls/s).
    const windows = [
      ...deal(range(1, 100), 5).map((latencyMs, i) => window({ atS: i, journey: 'order-entry', step: 'create', latencyMs })),
      ...deal(Array.from({ length: 10 }, () => range(1, 100)).flat(), 10).map((latencyMs, i) =>
        window({ atS: 10 + i, journey: 'order-entry', step: 'create', latencyMs }),
      ),
    ];
    const summary = summarizeRun({ manifest: manifest(), windows, events: [], pgActivity: [] });
    const demand = requestServiceTime(summary);
    expect(demand.ratePerS).toBeCloseTo(100, 9);
    expect(demand.busiestPhase).toBe('peak');
    expect(demand.quietestPhase).toBe('ramp');
    expect(Math.abs(demand.serviceS - 0.05) / 0.05).toBeLessThan(0.001);
    expect(demand.serviceScv).toBeDefined();
    expect(demand.reason).toContain('timed client-side');
    // A = 100 · 0.05 = 5 Erlangs: the 70 % ceiling needs ⌈5 / 0.7⌉ = 8 workers.
    const workers = workersForTarget({ ratePerS: demand.ratePerS, serviceMeanS: demand.serviceS, serviceScv: demand.serviceScv, targetP95S: 0.5 });
    expect(workers.value).toBe(8);
  });
});
