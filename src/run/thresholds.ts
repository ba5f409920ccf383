/**
 * Thresholds: k6-style pass/fail expressions per journey or step, evaluated on everything measured
 * so far (windows merged losslessly), after every window and at the end.
 *
 *   [journey[/step]:]metric op value        e.g.  order-entry:p(95)<800   order-entry/confirm:avg<=300
 *                                                 rate<0.01 (all journeys)  barcode-pick:count>100
 *
 *   metric   p(N)  N-th percentile of latency, ms (iterations: from the intended start)
 *            avg, min, max, med   latency, ms
 *            count  completions (failed ones included)
 *            rate   error rate: failed ÷ completions, 0–1
 *   op       <  <=  >  >=  ==  !=
 *
 * Without a step the threshold is on whole iterations; without a journey, on all journeys together.
 * A threshold with no data yet is neither passed nor failed (`value: null`, counts as passing, as in
 * k6 where a metric without samples does not cross).
 */
import { InputError, ThresholdsFailedError } from '../errors.js';
import type { Slo } from '../plan/plan.js';
import { decodeHistogram, meanAndDeviation, newHistogram, type Histogram } from './histogram.js';
import type { MetricWindow } from './records.js';

export type ThresholdOp = '<' | '<=' | '>' | '>=' | '==' | '!=';
export type ThresholdMetric = { name: 'p'; percentile: number } | { name: 'avg' | 'min' | 'max' | 'med' | 'count' | 'rate' };

export interface Threshold {
  /** The expression as written, e.g. `order-entry:p(95)<800`. */
  source: string;
  /** null: all journeys together. */
  journey: string | null;
  /** null: whole iterations. */
  step: string | null;
  metric: ThresholdMetric;
  op: ThresholdOp;
  /** Milliseconds for latency metrics, a count or a 0–1 rate otherwise. */
  value: number;
  /** Stop the run (status `aborted`) as soon as it fails. Default false. */
  abortOnFail: boolean;
  /** Seconds after the start before a failure may abort (k6 delayAbortEval). Default 0. */
  delayAbortEvalS: number;
}

export interface ThresholdResult {
  source: string;
  /** The metric's value now (ms, count or rate); null without data. */
  value: number | null;
  pass: boolean;
}

export const thresholdMessages = {
  invalid: (text: string, why: string) =>
    `threshold '${text}': ${why}; expected [journey[/step]:]metric op number with metric one of p(N), avg, min, max, med (ms), count, rate (0–1), e.g. order-entry:p(95)<800`,
  failed: (failed: ThresholdResult[]) =>
    `thresholds crossed: ${failed.map((r) => `${r.source} (${r.value === null ? 'no data' : formatValue(r.value)})`).join(', ')}`,
  aborted: (r: ThresholdResult) => `threshold ${r.source} crossed (${r.value === null ? 'no data' : formatValue(r.value)}) with abortOnFail`,
};

function formatValue(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(v < 1 ? 4 : 1);
}

const EXPRESSION = /^(p\(\s*(\d+(?:\.\d+)?)\s*\)|avg|min|max|med|count|rate)\s*(<=|>=|==|!=|<|>)\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)$/;

/**
 * Parses one threshold.
 * @throws InputError `THRESHOLD_INVALID` with a one-line message naming the expression.
 * @example parseThreshold('order-entry:p(95)<800').metric // → { name: 'p', percentile: 95 }
 */
export function parseThreshold(text: string, options: { abortOnFail?: boolean; delayAbortEvalS?: number } = {}): Threshold {
  const trimmed = text.trim();
  const colon = trimmed.lastIndexOf(':');
  const selector = colon === -1 ? '' : trimmed.slice(0, colon).trim();
  const expression = (colon === -1 ? trimmed : trimmed.slice(colon + 1)).replace(/\s+/g, '');
  const match = EXPRESSION.exec(expression);
  if (!match) throw new InputError('THRESHOLD_INVALID', thresholdMessages.invalid(text, `cannot read '${expression}'`));
  const [, metricText = '', percentileText, op = '<', valueText = ''] = match;
  const metric: ThresholdMetric =
    percentileText !== undefined ? { name: 'p', percentile: Number(percentileText) } : { name: metricText as 'avg' | 'min' | 'max' | 'med' | 'count' | 'rate' };
  if (metric.name === 'p' && !(metric.percentile > 0 && metric.percentile <= 100)) {
    throw new InputError('THRESHOLD_INVALID', thresholdMessages.invalid(text, 'the percentile must be in (0, 100]'));
  }
  const slash = selector.indexOf('/');
  const journey = selector === '' ? null : slash === -1 ? selector : selector.slice(0, slash);
  const step = slash === -1 ? null : selector.slice(slash + 1);
  if (journey === '' || step === '') throw new InputError('THRESHOLD_INVALID', thresholdMessages.invalid(text, 'empty journey or step name'));
  const delay = options.delayAbortEvalS ?? 0;
  if (!(Number.isFinite(delay) && delay >= 0)) throw new InputError('THRESHOLD_INVALID', thresholdMessages.invalid(text, `delayAbortEval must be seconds ≥ 0, got ${delay}`));
  return { source: trimmed, journey, step, metric, op: op as ThresholdOp, value: Number(valueText), abortOnFail: options.abortOnFail ?? false, delayAbortEvalS: delay };
}

/**
 * The thresholds a plan's SLOs imply: per journey `p(95)<=p95Ms` and `rate<=maxErrorRate`
 * (default 0.01, scenarios/profiles/types.ts). Never abortOnFail.
 */
export function thresholdsFromSlos(slos: Record<string, Slo>): Threshold[] {
  return Object.entries(slos).flatMap(([journey, slo]) => [
    parseThreshold(`${journey}:p(95)<=${slo.p95Ms}`),
    parseThreshold(`${journey}:rate<=${slo.maxErrorRate ?? 0.01}`),
  ]);
}

interface Totals {
  journey: string;
  step: string | null;
  ok: number;
  failed: number;
  latency: Histogram;
}

/** Cumulative totals per (journey, step) from MetricWindow records, and threshold verdicts on them. */
export class ThresholdTracker {
  private readonly totals = new Map<string, Totals>();

  constructor(readonly thresholds: readonly Threshold[]) {}

  /** Adds one window record (histograms added without loss). */
  addWindow(record: MetricWindow): void {
    if (!this.thresholds.some((t) => matches(t, record.journey, record.step))) return;
    const key = `${record.journey}\u0000${record.step ?? ''}`;
    let totals = this.totals.get(key);
    if (!totals) this.totals.set(key, (totals = { journey: record.journey, step: record.step, ok: 0, failed: 0, latency: newHistogram() }));
    totals.ok += record.ok;
    totals.failed += Object.values(record.errors).reduce((a: number, b) => a + (b ?? 0), 0);
    const h = decodeHistogram(record.latency);
    totals.latency.add(h);
    h.destroy();
  }

  /** Every threshold's verdict on the data so far, in the order given. */
  evaluate(): ThresholdResult[] {
    return this.thresholds.map((t) => {
      const value = this.valueOf(t);
      return { source: t.source, value, pass: value === null || compare(value, t.op, t.value) };
    });
  }

  /** The first failing abortOnFail threshold whose delay has passed, if any. */
  abortReason(elapsedS: number): string | undefined {
    const results = this.evaluate();
    const i = this.thresholds.findIndex((t, j) => t.abortOnFail && elapsedS >= t.delayAbortEvalS && results[j]?.pass === false);
    const failing = results[i];
    return failing ? thresholdMessages.aborted(failing) : undefined;
  }

  private valueOf(t: Threshold): number | null {
    const cells = [...this.totals.values()].filter((c) => matches(t, c.journey, c.step));
    const ok = cells.reduce((s, c) => s + c.ok, 0);
    const failed = cells.reduce((s, c) => s + c.failed, 0);
    const count = ok + failed;
    if (t.metric.name === 'count') return count;
    if (count === 0) return null;
    if (t.metric.name === 'rate') return failed / count;
    const merged = newHistogram();
    for (const c of cells) merged.add(c.latency);
    const us = (() => {
      switch (t.metric.name) {
        case 'p':
          return merged.getValueAtPercentile(t.metric.percentile);
        case 'avg':
          return meanAndDeviation(merged).mean;
        case 'min':
          return merged.minNonZeroValue;
        case 'max':
          return merged.maxValue;
        case 'med':
          return merged.getValueAtPercentile(50);
      }
    })();
    merged.destroy();
    return us / 1000;
  }
}

function matches(t: Threshold, journey: string, step: string | null): boolean {
  return (t.journey === null || t.journey === journey) && t.step === step;
}

/** Whether `value op bound` holds: the comparison every threshold makes (engine and report alike). */
export function compare(a: number, op: ThresholdOp, b: number): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
}

/** The error that makes the CLI exit 99 when any threshold failed, else undefined. */
export function thresholdsFailure(results: readonly ThresholdResult[]): ThresholdsFailedError | undefined {
  const failed = results.filter((r) => !r.pass);
  return failed.length > 0 ? new ThresholdsFailedError(thresholdMessages.failed(failed)) : undefined;
}
