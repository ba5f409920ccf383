/**
 * LoadPlan → k6 `options` (pure): one k6 scenario per plan scenario, with k6's executor names and
 * option names exactly (https://grafana.com/docs/k6/latest/using-k6/scenarios/executors/), and
 * thresholds on the bundle's custom metrics (./runtime/main.ts).
 *
 * k6 takes integer rates (`startRate`, `rate`, stage `target` are int64 per `timeUnit`); plan rates
 * are fractional iterations/s (e.g. 300 orders/h = 0.0833/s), so each arrival-rate scenario gets the
 * shortest `timeUnit` of 1 s, 10 s, 1 m, 10 m, 1 h, 10 h at which every rate is an integer to within
 * 0.1 % (0.0833/s → 300 per 3600s); beyond that rates are rounded.
 */
import type { AnyPlanScenario, LoadPlan } from '../engine/plan.js';
import type { Threshold } from '../engine/thresholds.js';

export type K6Threshold = string | { threshold: string; abortOnFail: boolean; delayAbortEval?: string };

export interface K6Scenario {
  executor: AnyPlanScenario['executor'];
  exec: string;
  tags: { journey: string };
  gracefulStop: string;
  startRate?: number;
  rate?: number;
  timeUnit?: string;
  duration?: string;
  preAllocatedVUs?: number;
  maxVUs?: number;
  vus?: number;
  startVUs?: number;
  stages?: Array<{ duration: string; target: number }>;
  gracefulRampDown?: string;
}

export interface K6Options {
  noCookiesReset: true;
  scenarios: Record<string, K6Scenario>;
  thresholds: Record<string, K6Threshold[]>;
  summaryTrendStats: string[];
}

/** A k6 duration: whole seconds as `30s`, anything else in milliseconds (`1500ms`). */
export function k6Duration(seconds: number): string {
  return Number.isInteger(seconds) ? `${seconds}s` : `${Math.max(1, Math.round(seconds * 1000))}ms`;
}

/** k6 scenario name (`[0-9A-Za-z_-]`): the plan scenario's name, else its journey. */
export function scenarioName(s: AnyPlanScenario): string {
  return (s.name ?? s.journey).replace(/[^0-9A-Za-z_-]/g, '_');
}

/** The exported exec function of a scenario: a JavaScript identifier. */
export function execName(s: AnyPlanScenario): string {
  return `exec_${scenarioName(s).replace(/-/g, '_')}`;
}

const TIME_UNITS_S = [1, 10, 60, 600, 3600, 36000];

/** Shortest timeUnit (seconds) at which all rates are integers within 0.1 %. */
export function timeUnitFor(ratesPerS: readonly number[]): number {
  const fits = (unit: number) =>
    ratesPerS.every((r) => {
      const scaled = r * unit;
      return Math.abs(scaled - Math.round(scaled)) <= Math.max(1e-9, 0.001 * scaled);
    });
  return TIME_UNITS_S.find(fits) ?? (TIME_UNITS_S[TIME_UNITS_S.length - 1] as number);
}

function scenarioOptions(s: AnyPlanScenario): K6Scenario {
  const base = { executor: s.executor, exec: execName(s), tags: { journey: s.journey }, gracefulStop: k6Duration(s.gracefulStopS) };
  switch (s.executor) {
    case 'ramping-arrival-rate': {
      const unit = timeUnitFor([s.startRate, ...s.stages.map((st) => st.target)]);
      return {
        ...base,
        startRate: Math.round(s.startRate * unit),
        timeUnit: `${unit}s`,
        preAllocatedVUs: s.preAllocatedVUs,
        maxVUs: s.maxVUs,
        stages: s.stages.map((st) => ({ duration: k6Duration(st.durationS), target: Math.round(st.target * unit) })),
      };
    }
    case 'constant-arrival-rate': {
      const unit = timeUnitFor([s.rate]);
      return { ...base, rate: Math.round(s.rate * unit), timeUnit: `${unit}s`, duration: k6Duration(s.durationS), preAllocatedVUs: s.preAllocatedVUs, maxVUs: s.maxVUs };
    }
    case 'constant-vus':
      return { ...base, vus: s.vus, duration: k6Duration(s.durationS) };
    case 'ramping-vus':
      return {
        ...base,
        startVUs: s.startVUs,
        stages: s.stages.map((st) => ({ duration: k6Duration(st.durationS), target: st.target })),
        gracefulRampDown: k6Duration(s.gracefulRampDownS ?? s.gracefulStopS),
      };
  }
}

/** The k6 metric (with tag filter) a threshold is evaluated on, or a reason it cannot be exported. */
export function k6ThresholdMetric(t: Threshold): string | { skipped: string } {
  const tags = [t.journey !== null ? `journey:${t.journey}` : '', t.step !== null ? `step:${t.step}` : ''].filter((x) => x !== '').join(',');
  const on = (metric: string) => (tags === '' ? metric : `${metric}{${tags}}`);
  if (t.step !== null) {
    if (t.metric.name === 'rate' || t.metric.name === 'count') return { skipped: `${t.source}: k6 export has no ${t.metric.name} per step` };
    return on('step_duration');
  }
  if (t.metric.name === 'rate') return on('journey_failed');
  if (t.metric.name === 'count') return on('journey_iterations');
  return on('journey_duration');
}

/** k6 threshold expression text of ours (same grammar: `p(95)<800`). */
function expression(t: Threshold): string {
  const metric = t.metric.name === 'p' ? `p(${t.metric.percentile})` : t.metric.name;
  return `${metric}${t.op}${t.value}`;
}

/** k6 `thresholds`; thresholds k6 cannot express are returned in `skipped`. */
export function k6Thresholds(thresholds: readonly Threshold[]): { thresholds: Record<string, K6Threshold[]>; skipped: string[] } {
  const out: Record<string, K6Threshold[]> = {};
  const skipped: string[] = [];
  for (const t of thresholds) {
    const metric = k6ThresholdMetric(t);
    if (typeof metric !== 'string') {
      skipped.push(metric.skipped);
      continue;
    }
    const entry: K6Threshold = t.abortOnFail
      ? { threshold: expression(t), abortOnFail: true, ...(t.delayAbortEvalS > 0 ? { delayAbortEval: k6Duration(t.delayAbortEvalS) } : {}) }
      : expression(t);
    (out[metric] ??= []).push(entry);
  }
  return { thresholds: out, skipped };
}

/** The whole `options` object of the exported script. */
export function k6Options(plan: Pick<LoadPlan, 'scenarios'>, thresholds: readonly Threshold[]): { options: K6Options; skipped: string[] } {
  const scenarios: Record<string, K6Scenario> = {};
  for (const s of plan.scenarios) scenarios[scenarioName(s)] = scenarioOptions(s);
  const t = k6Thresholds(thresholds);
  return {
    options: { noCookiesReset: true, scenarios, thresholds: t.thresholds, summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'count'] },
    skipped: t.skipped,
  };
}
