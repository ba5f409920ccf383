import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { latencyRows, phaseBandRows, waitClassRows, waitTimelineRows } from '../../../src/report/chart-data.js';
import {
  ChartDataError,
  loadChartSpec,
  namedDataSources,
  renderLatencyChart,
  renderSvg,
  renderWaitChart,
  specTitle,
  withData,
} from '../../../src/report/charts.js';
import { buildSummary } from './fixtures/summary.js';

const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000', '#999999'];

describe('chart specs', () => {
  it('carry no data, a title and a description, and use the shared palette', async () => {
    for (const name of ['latency-over-time', 'wait-events'] as const) {
      const spec = await loadChartSpec(name);
      expect(specTitle(spec)).not.toBe('');
      expect(spec.description?.length ?? 0).toBeGreaterThan(40);
      expect(spec.config?.range?.category).toEqual(OKABE_ITO);
      expect(namedDataSources(spec).size).toBeGreaterThan(0); // throws if a spec held inline values
    }
  });

  it('name the datasets the renderers provide', async () => {
    expect([...namedDataSources(await loadChartSpec('latency-over-time'))].sort()).toEqual(['latency', 'phases']);
    expect([...namedDataSources(await loadChartSpec('wait-events'))].sort()).toEqual(['cpu', 'phases', 'waitByClass', 'waitTimeline']);
  });
});

describe('withData', () => {
  it('sets the named datasets on a copy, leaving the loaded spec untouched', async () => {
    const spec = await loadChartSpec('latency-over-time');
    const summary = buildSummary({ durationS: 10 });
    const latency = latencyRows(summary).rows;
    const phases = phaseBandRows(summary);
    const filled = withData(spec, { latency, phases }) as { datasets?: Record<string, unknown[]> };
    expect(filled.datasets?.latency).toEqual(latency);
    expect(filled.datasets?.phases).toEqual(phases);
    expect((spec as { datasets?: unknown }).datasets).toBeUndefined();
  });

  it('refuses missing and unknown datasets, and specs with inline values', async () => {
    const spec = await loadChartSpec('latency-over-time');
    expect(() => withData(spec, { latency: [] })).toThrow(new ChartDataError('chart spec needs data for: phases'));
    expect(() => withData(spec, { latency: [], phases: [], extra: [] })).toThrow('chart spec has no data source named: extra');
    expect(() => namedDataSources({ data: { values: [{ a: 1 }] } })).toThrow(ChartDataError);
  });
});

describe('renderLatencyChart', () => {
  it('renders an SVG with the title, an aria label and no warnings', async () => {
    const chart = await renderLatencyChart(buildSummary({ durationS: 60 }));
    expect(chart.warnings).toEqual([]);
    expect(chart.svg.startsWith('<svg')).toBe(true);
    expect(chart.svg).toMatch(/^<svg[^>]* role="img" aria-label="Line chart of whole-iteration latency percentiles/);
    expect(chart.svg).toContain('<title>Latency over time</title>');
    expect(chart.svg).toContain('>Latency over time</text>');
    for (const phase of ['ramp-up', 'order-wave', 'cool-down']) expect(chart.svg).toContain(`>${phase}</text>`);
    for (const journey of ['order-to-delivery', 'barcode-pick', 'edi-import']) expect(chart.svg).toContain(`>${journey}</text>`);
    // The first journey in the legend's (sorted) domain takes the palette's first colour.
    expect(chart.svg.toLowerCase()).toContain('stroke="#0072b2"');
  });
});

describe('renderWaitChart', () => {
  it('renders the stacked area and the class bars with no warnings', async () => {
    const summary = buildSummary({ durationS: 60 });
    const chart = await renderWaitChart(summary);
    expect(chart).toBeDefined();
    expect(chart?.warnings).toEqual([]);
    expect(chart?.svg).toContain('<title>Where PostgreSQL sessions spent their time</title>');
    expect(chart?.svg).toContain('>Average active sessions over the run</text>');
    // Sanity: the data fed in is what chart-data computes.
    expect(waitTimelineRows(summary).rows).toHaveLength(60 * 5);
    expect(waitClassRows(summary)).toHaveLength(5);
  });

  it('is left out when no PostgreSQL activity was sampled', async () => {
    expect(await renderWaitChart(buildSummary({ durationS: 10, withWaits: false }))).toBeUndefined();
  });
});

describe('renderSvg', () => {
  it('prefixes element ids so several charts can share a page', async () => {
    // A clipped mark makes vega emit a clipPath with an id and url(#id) references.
    const spec: TopLevelSpec = {
      data: { name: 'd' },
      mark: { type: 'line', clip: true },
      encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
    };
    const { svg } = await renderSvg(withData(spec, { d: [{ x: 1, y: 2 }, { x: 2, y: 3 }] }), 'pfx');
    const ids = [...svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => id?.startsWith('pfx-'))).toBe(true);
    const refs = [...svg.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.every((id) => id?.startsWith('pfx-'))).toBe(true);
  });
});
