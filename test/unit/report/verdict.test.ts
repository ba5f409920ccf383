import { describe, expect, it } from 'vitest';
import { buildVerdict, describeSlo } from '../../../src/report/verdict.js';
import { buildSummary } from './fixtures/summary.js';

describe('buildVerdict', () => {
  it('says Ready when the run completed and every objective was met', () => {
    const v = buildVerdict(buildSummary());
    expect(v.level).toBe('ready');
    expect(v.headline).toBe('Ready: every flow met its objective');
    expect(v.partial).toBe(false);
  });

  it('gives green to flows with headroom and amber to a flow within 10 % of its threshold', () => {
    // barcode-pick wave p95 = 95 ms × 2 × 2.4 = 456 ms against 500 ms: 91 % of the threshold.
    const v = buildVerdict(buildSummary());
    expect(v.journeys.map((j) => [j.journey, j.light, j.label])).toEqual([
      ['order-to-delivery', 'green', 'Met'],
      ['barcode-pick', 'amber', 'At risk'],
      ['edi-import', 'green', 'Met'],
    ]);
    expect(v.journeys[1]?.detail).toBe('p95 456 ms against 500 ms in order-wave');
  });

  it('names the two worst misses, most severe first, and counts the rest', () => {
    // Wave factor 1.7: p95 = base × 3.4 × 2.4 → barcode-pick 775 ms (155 %), order-to-delivery 3427 ms (137 %), edi-import 10608 ms (133 %).
    const v = buildVerdict(buildSummary({ waveFactor: 1.7 }));
    expect(v.level).toBe('not-ready');
    expect(v.headline).toBe(
      'Not ready: barcode-pick p95 775 ms against 500 ms in order-wave; order-to-delivery p95 3.43 s against 2.5 s in order-wave and 1 more flow at 3× business volume',
    );
    expect(v.journeys.every((j) => j.light === 'red' && j.label === 'Missed')).toBe(true);
    expect(v.journeys[0]?.detail).toBe('p95 3.43 s against 2.5 s in order-wave; 37 iterations dropped');
  });

  it('does not confirm readiness from a partial run that met every objective', () => {
    const v = buildVerdict(buildSummary({ status: 'aborted', statusReason: 'p99 above 30 s for 60 s' }));
    expect(v.level).toBe('inconclusive');
    expect(v.partial).toBe(true);
    expect(v.headline).toBe('Not confirmed: every flow met its objective, but the run was aborted: p99 above 30 s for 60 s');
  });

  it('still says Not ready for a partial run with a miss, and says it was partial', () => {
    const v = buildVerdict(buildSummary({ waveFactor: 1.7, status: 'interrupted' }));
    expect(v.level).toBe('not-ready');
    expect(v.headline.endsWith('(the run was interrupted)')).toBe(true);
  });

  it('gives grey to flows without an objective and judges nothing when there are none', () => {
    const summary = buildSummary({ journeys: ['stock-inquiry'] });
    expect(summary.slos).toEqual([]);
    const v = buildVerdict(summary);
    expect(v.level).toBe('inconclusive');
    expect(v.headline).toBe('Not judged: the profile defines no objectives');
    expect(v.journeys).toEqual([{ journey: 'stock-inquiry', light: 'grey', label: 'No objective', detail: 'No objective defined for this flow' }]);
  });
});

describe('describeSlo', () => {
  it('formats ratio objectives as percentages and omits the phase for the whole run', () => {
    expect(describeSlo({ journey: 'x', phase: 'all', objective: 'error rate < 0.01', measured: 0.034, threshold: 0.01, unit: 'ratio', pass: false })).toBe(
      'error rate 3.4 % against 1 %',
    );
  });
});
