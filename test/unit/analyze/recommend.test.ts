import { describe, expect, it } from 'vitest';
import { recommendWorkers, noRequestsMessage } from '../../../src/analyze/recommend.js';
import { requestServiceTime } from '../../../src/analyze/service-demand.js';
import { summarizeRun } from '../../../src/analyze/summarize.js';
import { workersForTarget } from '../../../models/workers-needed.js';
import { deal, manifest, range, window } from './run-fixture.js';
import { stats, summaryWith } from './summary-fixture.js';

describe('recommendWorkers', () => {
  it('sizes the workers from a summarised run: measured demand into workersForTarget', () => {
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
    expect(demand.quietestPhase).toBe('ramp');
    expect(Math.abs(demand.serviceS - 0.05) / 0.05).toBeLessThan(0.001);

    const { httpWorkers } = recommendWorkers(summary, { targetP95S: 0.5 });
    const expected = workersForTarget({ ratePerS: demand.ratePerS, serviceMeanS: demand.serviceS, serviceScv: demand.serviceScv, targetP95S: 0.5 });
    expect(httpWorkers.value).toBe(expected.value);
    // A = 100 · 0.05 = 5 Erlangs: the 70 % ceiling needs ⌈5 / 0.7⌉ = 8 workers.
    expect(httpWorkers.value).toBe(8);
    expect(httpWorkers.inputs.busiestPhase).toBe('peak');
    expect(httpWorkers.inputs.serviceScvMeasured).toBe(true);
    expect(httpWorkers.reason.startsWith(expected.reason)).toBe(true);
    expect(httpWorkers.reason).toContain('timed client-side');
  });

  it('assumes exponential service and says so when the SCV was not measured', () => {
    const summary = summaryWith([{ name: 'peak', startS: 0, endS: 20, stats: [stats('read', 200, 20, 300)] }]);
    const { httpWorkers } = recommendWorkers(summary);
    expect(httpWorkers.inputs.serviceScv).toBe(1);
    expect(httpWorkers.inputs.targetP95S).toBe(1);
    expect(httpWorkers.inputs.maxUtilization).toBe(0.7);
    expect(httpWorkers.reason).toContain('Service-time SCV assumed 1 (exponential).');
  });

  it('refuses to size from a run without completed requests', () => {
    const summary = summaryWith([{ name: 'peak', startS: 0, endS: 20, stats: [] }]);
    expect(() => recommendWorkers(summary)).toThrow(noRequestsMessage('run-1'));
    expect(() => recommendWorkers(summary)).toThrow(expect.objectContaining({ code: 'NO_REQUESTS_MEASURED' }));
  });
});
