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
import { latencyRows, phaseBandRows, waitClassRows, waitTimelineRows } from './chart-data.js';
import { escapeHtml } from './escape.js';

export type ChartName = 'latency-over-time' | 'wait-events';

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

/** The wait-event chart (datasets `waitTimeline`, `waitByClass`, `phases`); undefined when no waits were sampled. */
export async function renderWaitChart(summary: RunSummary): Promise<RenderedChart | undefined> {
  if (summary.waits === undefined || summary.waits.samples === 0) return undefined;
  const spec = await loadChartSpec('wait-events');
  const { rows, bucketS } = waitTimelineRows(summary);
  const data = withData(spec, { waitTimeline: rows, waitByClass: waitClassRows(summary), phases: phaseBandRows(summary) });
  const { svg, warnings } = await renderSvg(data, 'waits');
  return { name: 'wait-events', title: specTitle(spec), description: spec.description ?? '', svg, bucketS, warnings };
}
