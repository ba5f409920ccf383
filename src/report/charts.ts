/**
 * Chart rendering: spec (reports/charts/*.vl.json, no data) → withData → vega-lite compile →
 * vega headless View → SVG string, inlined into the report.
 *
 *   loadChartSpec(name) ──► withData(spec, datasets) ──► compile() ──► new View(parse(), 'none') ──► toSVG()
 *       (+ shared config.json)      (named datasets)       (warnings collected)                      (+ role/aria-label)
 */
import * as vega from 'vega';
import { compile, type Config, type TopLevelSpec } from 'vega-lite';
import type { RunSummary } from '../analyze/types.js';
import { readJsonAsset } from './assets.js';
import type { ScalabilityAnalysis } from '../analyze/scalability.js';
import { uslCurve } from '../analyze/scalability.js';
import {
  arrivalRows,
  distributionRows,
  latencyRows,
  odooTimeRows,
  phaseBandRows,
  throughputRows,
  waitClassRows,
  waitTimelineRows,
  workerRows,
} from './chart-data.js';
import { escapeHtml } from './escape.js';

export type ChartName =
  | 'latency-over-time'
  | 'throughput-errors'
  | 'arrival-rate'
  | 'latency-distribution'
  | 'scalability'
  | 'wait-events'
  | 'odoo-time'
  | 'worker-utilisation';

/** A spec's named data sources and the values given to withData do not match. */
export class ChartDataError extends Error {
  readonly code = 'REPORT_CHART_DATA' as const;
  constructor(message: string) {
    super(message);
    this.name = 'ChartDataError';
  }
}

/** One chart ready to inline. */
export interface RenderedChart {
  name: ChartName;
  title: string;
  /** Text alternative (the spec's `description`), also set as the SVG's aria-label. */
  description: string;
  svg: string;
  /** Downsampling bucket in seconds (the window spacing when nothing was merged). */
  bucketS: number;
  /** vega-lite / vega warnings and logged errors raised while compiling and rendering (empty for a clean chart). */
  warnings: string[];
}

type Datasets = Record<string, readonly object[]>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Names of every `data: { name }` reference in a spec; throws on inline `values` (specs carry no data). */
export function namedDataSources(spec: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(spec)) {
    for (const item of spec) namedDataSources(item, found);
  } else if (isRecord(spec)) {
    for (const [key, value] of Object.entries(spec)) {
      if (key === 'data' && isRecord(value)) {
        if ('values' in value) throw new ChartDataError('chart spec holds inline data values; specs must use named data (data: { name })');
        if (typeof value.name === 'string') found.add(value.name);
      }
      if (key !== 'datasets') namedDataSources(value, found);
    }
  }
  return found;
}

/**
 * A copy of `spec` with `datasets` set to the given values. Every named data source of the spec must
 * receive values, and every value set must be used, so a renamed field or dataset fails loudly.
 */
export function withData(spec: TopLevelSpec, datasets: Datasets): TopLevelSpec {
  const names = namedDataSources(spec);
  const missing = [...names].filter((n) => !(n in datasets));
  const unused = Object.keys(datasets).filter((n) => !names.has(n));
  if (missing.length > 0) throw new ChartDataError(`chart spec needs data for: ${missing.join(', ')}`);
  if (unused.length > 0) throw new ChartDataError(`chart spec has no data source named: ${unused.join(', ')}`);
  const copy = structuredClone(spec) as TopLevelSpec & { datasets?: Record<string, unknown[]> };
  copy.datasets = Object.fromEntries(Object.entries(datasets).map(([k, v]) => [k, [...v]]));
  return copy;
}

/** The shared chart config (palette, fonts), reports/charts/config.json. */
export async function loadChartConfig(): Promise<Config> {
  const raw = await readJsonAsset('charts/config.json');
  if (!isRecord(raw)) throw new ChartDataError('reports/charts/config.json: expected a JSON object');
  const { $comment: _comment, ...config } = raw;
  return config as Config;
}

/** A chart spec from reports/charts/<name>.vl.json with the shared config merged under its own. */
export async function loadChartSpec(name: ChartName): Promise<TopLevelSpec> {
  const raw = await readJsonAsset(`charts/${name}.vl.json`);
  if (!isRecord(raw)) throw new ChartDataError(`reports/charts/${name}.vl.json: expected a JSON object`);
  const shared = await loadChartConfig();
  const own = isRecord(raw.config) ? (raw.config as Config) : {};
  return { ...raw, config: { ...shared, ...own } } as TopLevelSpec;
}

/** Title text of a spec (`title` as a string or `{ text }`). */
export function specTitle(spec: TopLevelSpec): string {
  const title: unknown = spec.title;
  if (typeof title === 'string') return title;
  if (isRecord(title) && typeof title.text === 'string') return title.text;
  return '';
}

/**
 * Compile a data-bearing vega-lite spec and render it headless to an SVG string. The SVG root gets
 * `role="img"`, an `aria-label` and a `<title>` from the spec's description and title; element ids
 * (clip paths, gradients) are prefixed with `idPrefix` so several charts can share one page.
 */
export async function renderSvg(spec: TopLevelSpec, idPrefix: string): Promise<{ svg: string; warnings: string[] }> {
  const warnings: string[] = [];
  const logger = collectingLogger(warnings);
  const compiled = compile(spec, { logger });
  const view = new vega.View(vega.parse(compiled.spec), { renderer: 'none', logger });
  try {
    const raw = await view.toSVG();
    return { svg: labelSvg(prefixIds(raw, idPrefix), specTitle(spec), spec.description ?? ''), warnings };
  } finally {
    view.finalize();
  }
}

function collectingLogger(warnings: string[]): vega.LoggerInterface {
  let level = vega.Warn;
  const logger: vega.LoggerInterface = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    error(...args: readonly unknown[]) {
      warnings.push(`error: ${args.map(String).join(' ')}`);
      return logger;
    },
    warn(...args: readonly unknown[]) {
      warnings.push(args.map(String).join(' '));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  } as vega.LoggerInterface;
  return logger;
}

function prefixIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, (_m, id: string) => `id="${prefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${prefix}-${id})`)
    .replace(/href="#([^"]+)"/g, (_m, id: string) => `href="#${prefix}-${id}"`);
}

function labelSvg(svg: string, title: string, description: string): string {
  const label = escapeHtml(description || title);
  return svg.replace(/^<svg\b([^>]*)>/, (_m, attrs: string) => `<svg${attrs} role="img" aria-label="${label}"><title>${escapeHtml(title)}</title>`);
}

/** The latency-over-time chart for a run (datasets `latency` and `phases`). */
export async function renderLatencyChart(summary: RunSummary): Promise<RenderedChart> {
  const spec = await loadChartSpec('latency-over-time');
  const { rows, bucketS } = latencyRows(summary);
  const data = withData(spec, { latency: rows, phases: phaseBandRows(summary) });
  const { svg, warnings } = await renderSvg(data, 'latency');
  return { name: 'latency-over-time', title: specTitle(spec), description: spec.description ?? '', svg, bucketS, warnings };
}

/**
 * A copy of `spec` without the layers whose named dataset is empty (an optional overlay such as the
 * CPU line or the USL curve): vega warns about the infinite extent of an empty field otherwise.
 * A `layer` array that would become empty is kept as it is.
 */
export function withoutEmptyLayers(spec: TopLevelSpec, datasets: Datasets): TopLevelSpec {
  const isEmptyLayer = (layer: unknown): boolean =>
    isRecord(layer) && isRecord(layer.data) && typeof layer.data.name === 'string' && (datasets[layer.data.name]?.length ?? 1) === 0;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isRecord(node)) return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'layer' && Array.isArray(value)) {
        const kept = value.filter((l) => !isEmptyLayer(l));
        out[key] = (kept.length > 0 ? kept : value).map(walk);
      } else out[key] = key === 'datasets' ? value : walk(value);
    }
    return out;
  };
  return walk(spec) as TopLevelSpec;
}

/**
 * Load a spec, give it its datasets and render it (`idPrefix` keeps SVG ids unique on the page).
 * Layers over an empty dataset are left out first (withoutEmptyLayers).
 */
export async function renderChart(name: ChartName, datasets: Datasets, bucketS: number, idPrefix: string): Promise<RenderedChart> {
  const spec = await loadChartSpec(name);
  const pruned = withoutEmptyLayers(spec, datasets);
  const used = namedDataSources(pruned);
  const { svg, warnings } = await renderSvg(withData(pruned, Object.fromEntries(Object.entries(datasets).filter(([k]) => used.has(k)))), idPrefix);
  return { name, title: specTitle(spec), description: spec.description ?? '', svg, bucketS, warnings };
}

/**
 * The wait-event chart (datasets `waitTimeline`, `waitByClass`, `phases`, `cpu`); undefined when no
 * waits were sampled. `cores` draws the CPU line (AAS on CPU above it means sessions queued for a core).
 */
export async function renderWaitChart(summary: RunSummary, cores?: number): Promise<RenderedChart | undefined> {
  if (summary.waits === undefined || summary.waits.samples === 0) return undefined;
  const { rows, bucketS } = waitTimelineRows(summary);
  const cpu = cores !== undefined && cores > 0 ? [{ cores, label: `${cores} CPU cores` }] : [];
  return renderChart('wait-events', { waitTimeline: rows, waitByClass: waitClassRows(summary), phases: phaseBandRows(summary), cpu }, bucketS, 'waits');
}

/** Throughput and errors over time (datasets `throughput`, `phases`); undefined without whole-iteration windows. */
export async function renderThroughputChart(summary: RunSummary): Promise<RenderedChart | undefined> {
  const { rows, bucketS } = throughputRows(summary);
  if (rows.length === 0) return undefined;
  return renderChart('throughput-errors', { throughput: rows, phases: phaseBandRows(summary) }, bucketS, 'throughput');
}

/** Intended vs achieved arrivals and dropped iterations (datasets `arrivals`, `phases`); undefined when nothing was scheduled. */
export async function renderArrivalChart(summary: RunSummary): Promise<RenderedChart | undefined> {
  const { rows, bucketS } = arrivalRows(summary);
  if (!rows.some((r) => r.series === 'intended' && r.perS > 0)) return undefined;
  return renderChart('arrival-rate', { arrivals: rows, phases: phaseBandRows(summary) }, bucketS, 'arrivals');
}

/** The latency distribution (dataset `distribution`); undefined without completed iterations. */
export async function renderDistributionChart(summary: RunSummary): Promise<RenderedChart | undefined> {
  const rows = distributionRows(summary);
  if (rows.length === 0) return undefined;
  return renderChart('latency-distribution', { distribution: rows }, 0, 'distribution');
}

/**
 * Latency against throughput with the USL fit (datasets `points`, `curve`, `peak`); undefined without
 * points. The curve runs to 1.5 × the larger of the measured concurrency and the predicted peak.
 */
export async function renderScalabilityChart(analysis: ScalabilityAnalysis): Promise<RenderedChart | undefined> {
  if (analysis.points.length === 0) return undefined;
  const fit = analysis.fit;
  const maxMeasured = Math.max(...analysis.points.map((p) => p.concurrency));
  const peak = fit?.peakConcurrency ?? null;
  // Do not stretch the axis to a peak far beyond the data: show it only within 4 × the measured range.
  const showPeak = peak !== null && peak <= maxMeasured * 4;
  const curve = fit === null ? [] : uslCurve(fit, Math.max(maxMeasured, showPeak ? peak : 0) * 1.5);
  return renderChart('scalability', { points: analysis.points, curve, peak: showPeak ? [{ concurrency: peak }] : [] }, analysis.bucketS, 'usl');
}

/** Odoo SQL vs Python time per model.method (dataset `odooTime`); undefined without Odoo request timings. */
export async function renderOdooTimeChart(summary: RunSummary): Promise<RenderedChart | undefined> {
  const rows = odooTimeRows(summary);
  if (rows.length === 0) return undefined;
  return renderChart('odoo-time', { odooTime: rows }, 0, 'odoo-time');
}

/** Worker utilisation (dataset `workers`); undefined without Odoo request lines. */
export async function renderWorkerChart(summary: RunSummary): Promise<RenderedChart | undefined> {
  const rows = workerRows(summary);
  if (rows.length === 0) return undefined;
  return renderChart('worker-utilisation', { workers: rows }, 0, 'workers');
}
