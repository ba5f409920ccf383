import { describe, expect, it } from 'vitest';
import { scalability } from '../../../src/analyze/scalability.js';
import type { RunSummary } from '../../../src/analyze/types.js';
import {
  loadChartSpec,
  namedDataSources,
  renderArrivalChart,
  renderDistributionChart,
  renderOdooTimeChart,
  renderScalabilityChart,
  renderThroughputChart,
  renderWaitChart,
  renderWorkerChart,
  withoutEmptyLayers,
  type ChartName,
} from '../../../src/report/charts.js';
import { buildSummary } from './fixtures/summary.js';

const DATASETS: Record<ChartName, string[]> = {
  'latency-over-time': ['latency', 'phases'],
  'throughput-errors': ['phases', 'throughput'],
  'arrival-rate': ['arrivals', 'phases'],
  'latency-distribution': ['distribution'],
  scalability: ['curve', 'peak', 'points'],
  'wait-events': ['cpu', 'phases', 'waitByClass', 'waitTimeline'],
  'odoo-time': ['odooTime'],
  'worker-utilisation': ['workers'],
};

/** The fixture with every kind of evidence the charts read. */
function richSummary(): RunSummary {
  const summary = buildSummary({ durationS: 60 });
  // Load that ramps: concurrency and throughput vary, so the USL has a curve to fit.
  summary.timeline = summary.timeline.map((p) => (p.step === null ? { ...p, count: 1 + Math.floor(p.t / 6), meanMs: 100 * (1 + p.t / 60) } : p));
  summary.distribution = [{ journey: 'order-to-delivery', count: 240, points: [10, 50, 90, 99, 100].map((percentile) => ({ percentile, ms: 100 + percentile * 3 })) }];
  summary.odoo = {
    spanS: 60,
    summary: {
      requests: {
        count: 3,
        byPath: [],
        byModelMethod: [{ key: 'sale.order.create', count: 3, serverErrors: 0, measured: 3, queries: 30, sqlS: 0.3, otherS: 0.6, meanQueries: 10, meanSqlMs: 100, meanOtherMs: 200, maxMs: 400 }],
      },
      retries: { total: 0, byCode: {}, gaveUp: 0 },
      workers: {},
      errors: { total: 0, byClass: {} },
      serializationFailures: 0,
    },
    workers: [{ pid: 7, requests: 3, busyS: 0.9, utilization: 0.015 }],
  };
  return summary;
}

describe('chart specs added with issue 9', () => {
  it('each names exactly the datasets its renderer provides', async () => {
    for (const [name, datasets] of Object.entries(DATASETS) as Array<[ChartName, string[]]>) {
      expect([...namedDataSources(await loadChartSpec(name))].sort(), name).toEqual(datasets);
    }
  });

  it('withoutEmptyLayers drops the layers of empty datasets only', async () => {
    const spec = await loadChartSpec('wait-events');
    const pruned = withoutEmptyLayers(spec, { cpu: [], phases: [{}], waitTimeline: [{}], waitByClass: [{}] });
    expect([...namedDataSources(pruned)].sort()).toEqual(['phases', 'waitByClass', 'waitTimeline']);
    expect([...namedDataSources(spec)].sort()).toEqual(DATASETS['wait-events']);
  });
});

describe('the evidence charts', () => {
  it('render with their title as an accessible label and no vega warning', async () => {
    const summary = richSummary();
    const analysis = scalability(summary);
    expect(analysis.fit).not.toBeNull();
    const charts = await Promise.all([
      renderThroughputChart(summary),
      renderArrivalChart(summary),
      renderDistributionChart(summary),
      renderScalabilityChart(analysis),
      renderWaitChart(summary, 4),
      renderOdooTimeChart(summary),
      renderWorkerChart(summary),
    ]);
    for (const chart of charts) {
      expect(chart).toBeDefined();
      expect(chart?.warnings, chart?.name).toEqual([]);
      expect(chart?.svg).toMatch(/^<svg[^>]* role="img" aria-label="[^"]{40,}"><title>[^<]+<\/title>/);
    }
    const [, , distribution, usl, waits, odooTime, workers] = charts;
    expect(distribution?.svg).toContain('>p99</text>');
    expect(distribution?.svg).toContain('>max</text>');
    expect(usl?.svg).toContain('>Concurrency N (iterations in flight)</text>');
    expect(waits?.svg).toContain('>4 CPU cores</text>');
    expect(odooTime?.svg).toContain('>sale.order.create</text>');
    expect(workers?.svg).toContain('>pid 7</text>');
  });

  it('are left out when their evidence is missing', async () => {
    const summary = buildSummary({ durationS: 10 });
    expect(await renderDistributionChart(summary)).toBeUndefined();
    expect(await renderOdooTimeChart(summary)).toBeUndefined();
    expect(await renderWorkerChart(summary)).toBeUndefined();
    expect(await renderScalabilityChart({ bucketS: 1, points: [], distinctConcurrencyLevels: 0, fit: null, reason: '' })).toBeUndefined();
    summary.timeline = summary.timeline.map((p) => ({ ...p, scheduled: 0 }));
    expect(await renderArrivalChart(summary)).toBeUndefined();
  });
});
