import { describe, expect, it } from 'vitest';
import { compileProfile, planTotals } from '../../../src/engine/compile.js';
import { getProfile } from '../../../scenarios/profiles/index.js';
import { journeyNames } from '../../../scenarios/journeys/index.js';
import { DEFAULT_CAPS } from '../../../src/safety/caps.js';
import { describeDryRun, formatDryRun } from '../../../src/safety/dry-run.js';
import { batchSizeOf, JOURNEY_WRITES } from '../../../src/safety/journey-writes.js';
import { scenarioTotals } from '../../../src/plan/shape.js';

const target = { url: 'https://staging.example.com', db: 'staging', login: 'loadtest' };

describe('dry run', () => {
  it('knows what every registered journey writes', () => {
    expect(Object.keys(JOURNEY_WRITES).sort()).toEqual(journeyNames());
  });

  it('announces one confirmed order and one validated delivery per order-to-delivery iteration', () => {
    const plan = compileProfile(getProfile('morning-order-wave'), { compress: { durationS: 120, keep: 'totals' } });
    const iterations = Math.round(planTotals(plan)['order-to-delivery']!.iterations);
    const d = describeDryRun({ plan, target, caps: DEFAULT_CAPS, pgUrl: 'postgres://monitor:pg-s3cret@db:5432/staging' });
    expect(d.journeys).toEqual([
      {
        journey: 'order-to-delivery',
        iterations,
        peakRatePerS: planTotals(plan)['order-to-delivery']!.peakRatePerS,
        writes: true,
        creates: [
          { model: 'sale.order', label: 'sales orders (confirmed)', count: iterations },
          { model: 'stock.picking', label: 'deliveries (validated)', count: iterations },
        ],
      },
    ]);
    expect(d.writeIterations).toBe(iterations);
    expect(d.pg).toBe('postgres://monitor@db:5432/staging');
    const text = formatDryRun(d).join('\n');
    expect(text).not.toContain('pg-s3cret');
    expect(text).toContain(`order-to-delivery: ${iterations} iterations`);
    expect(text).toContain(`writes: ${iterations} writing iterations creating ${2 * iterations} records (${iterations} sale.order, ${iterations} stock.picking)`);
  });

  it('multiplies EDI orders by the batch size and marks read-only journeys', () => {
    const plan = compileProfile(getProfile('distribution-day'), { compress: { durationS: 600, keep: 'totals' } });
    const d = describeDryRun({ plan, target, caps: DEFAULT_CAPS });
    const edi = d.journeys.find((j) => j.journey === 'edi-order-import')!;
    const orders = plan.scenarios
      .filter((s) => s.journey === 'edi-order-import')
      .reduce((sum, s) => sum + scenarioTotals(s).iterations * batchSizeOf(s.params), 0);
    expect(edi.creates).toEqual([
      { model: 'sale.order', label: 'sales orders (confirmed)', count: Math.round(orders) },
      { model: 'stock.picking', label: 'deliveries (waiting)', count: Math.round(orders) },
    ]);
    expect(orders).toBeGreaterThan(edi.iterations * 4.9); // at least 5 orders per batch
    expect(d.journeys.find((j) => j.journey === 'stock-inquiry')).toMatchObject({ writes: false, creates: [] });
    expect(d.overCaps.length).toBeGreaterThan(0); // 600 s keeping a whole day's totals is far over 50 it/s
    expect(formatDryRun(d).some((l) => l.startsWith('OVER A SAFETY CAP: the plan peaks at'))).toBe(true);
  });
});
