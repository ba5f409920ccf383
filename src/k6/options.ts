/**
 * LoadPlan → k6 `options` (pure): one k6 scenario per plan scenario, as its executor spells it
 * (src/plan/executors: k6's executor and option names exactly,
 * https://grafana.com/docs/k6/latest/using-k6/scenarios/executors/), and thresholds on the bundle's
 * custom metrics (./runtime/main.ts).
 */
import { executorOf, type K6ScenarioOptions } from '../plan/executors/index.js';
import { k6Duration } from '../plan/executors/k6-units.js';
import type { AnyPlanScenario, LoadPlan } from '../plan/plan.js';
import type { Threshold } from '../run/thresholds.js';

export { k6Duration, timeUnitFor } from '../plan/executors/k6-units.js';

export type K6Threshold = string | { threshold: string; abortOnFail: boolean; delayAbortEval?: string };

/** One k6 scenario: its executor's options (src/plan/executors). */
export type K6Scenario = K6ScenarioOptions;

export interface K6Options {
  noCookiesReset: true;
  scenarios: Record<string, K6Scenario>;
  thresholds: Record<string, K6Threshold[]>;
  summaryTrendStats: string[];
}

/** k6 scenario name (`[0-9A-Za-z_-]`): the plan scenario's name, else its journey. */
export function scenarioName(s: AnyPlanScenario): string {
  return (s.name ?? s.journey).replace(/[^0-9A-Za-z_-]/g, '_');
}

/** The exported exec function of a scenario: a JavaScript identifier. */
export function execName(s: AnyPlanScenario): string {
  return `exec_${scenarioName(s).replace(/-/g, '_')}`;
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
  for (const s of plan.scenarios) scenarios[scenarioName(s)] = executorOf(s).k6(execName(s));
  const t = k6Thresholds(thresholds);
  return {
    options: { noCookiesReset: true, scenarios, thresholds: t.thresholds, summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'count'] },
    skipped: t.skipped,
  };
}
