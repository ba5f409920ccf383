import { describe, expect, it } from 'vitest';
import { summarizeWaits } from '../../../src/analyze/waits.js';
import { START_MS, activity, session } from './run-fixture.js';

const odoo = () => session('idle in transaction', 'Client', 'ClientRead');
const lock = () => session('active', 'Lock', 'transactionid');
const cpu = () => session('active');

// Four samples, 500 ms apart (t = 0, 0.5, 1.0, 1.5 s):
//   odoo-python 2, 3, 1, 2 → AAS (2+3+1+2)/4 = 2.0
//   lock        1, 0, 0, 1 → AAS 2/4 = 0.5
//   cpu         0, 1, 1, 0 → AAS 0.5;   total AAS 3.0 → shares 2/3, 1/6, 1/6
const samples = [
  activity(0, [odoo(), odoo(), lock()], 10),
  activity(500, [odoo(), odoo(), odoo(), cpu()], 12),
  activity(1000, [odoo(), cpu()], 9),
  activity(1500, [odoo(), odoo(), lock()], 11),
];

describe('summarizeWaits', () => {
  const summary = summarizeWaits(samples, { runStartMs: START_MS });

  it('computes average active sessions per class as sessions summed over samples / samples', () => {
    expect(summary.samples).toBe(4);
    expect(summary.byClass.map((c) => c.waitClass)).toEqual(['odoo-python', 'cpu', 'lock']);
    expect(summary.byClass[0]?.aas).toBeCloseTo(2.0, 12);
    expect(summary.byClass.find((c) => c.waitClass === 'lock')?.aas).toBeCloseTo(0.5, 12);
    expect(summary.byClass.find((c) => c.waitClass === 'cpu')?.aas).toBeCloseTo(0.5, 12);
  });

  it('gives each class its share of all active sessions', () => {
    expect(summary.byClass.map((c) => c.share)).toEqual([2 / 3, 1 / 6, 1 / 6]);
  });

  it('lists wait events by how often they were seen', () => {
    expect(summary.byEvent[0]).toEqual({
      state: 'idle in transaction',
      waitEventType: 'Client',
      waitEvent: 'ClientRead',
      waitClass: 'odoo-python',
      samples: 8,
      aas: 2,
    });
    expect(summary.byEvent).toHaveLength(3);
    expect(summarizeWaits(samples, { topEvents: 1 }).byEvent).toHaveLength(1);
  });

  it('builds a per-second timeline with every class, zeros included', () => {
    // second 0: samples at 0 and 0.5 s → odoo (2+3)/2 = 2.5, cpu 0.5, lock 0.5; second 1: odoo 1.5, cpu 0.5, lock 0.5
    expect(summary.timeline).toEqual([
      { t: 0, waitClass: 'odoo-python', aas: 2.5 },
      { t: 0, waitClass: 'cpu', aas: 0.5 },
      { t: 0, waitClass: 'lock', aas: 0.5 },
      { t: 1, waitClass: 'odoo-python', aas: 1.5 },
      { t: 1, waitClass: 'cpu', aas: 0.5 },
      { t: 1, waitClass: 'lock', aas: 0.5 },
    ]);
  });

  it('reports the sampled span and the peak connection count', () => {
    expect(summary.spanS).toBe(1.5);
    expect(summary.maxConnections).toBe(12);
  });

  it('is empty without samples', () => {
    expect(summarizeWaits([])).toEqual({ samples: 0, spanS: 0, byClass: [], byEvent: [], timeline: [], maxConnections: 0 });
  });

  it('counts samples with no active session in the denominator', () => {
    const quiet = summarizeWaits([activity(0, [odoo()]), activity(1000, [])]);
    expect(quiet.byClass[0]?.aas).toBe(0.5);
  });
});
