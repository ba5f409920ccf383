/**
 * ramping-vus: a closed model whose number of virtual users follows linear stages (k6's executor of
 * the same name, in seconds). Each VU loops iteration → think time; see ../closed-model.ts.
 */
import { maxVus, runClosedModel, segmentVus, vuSteps } from '../closed-model.js';
import type { RampingVusScenario } from '../plan.js';
import type { SampleSink } from '../samples.js';
import { DEFAULT_GRACEFUL_STOP_S } from './ramping-arrival-rate.js';
import type { ExecutionRequirements, Executor, ExecutorContext, ExecutorResult } from './types.js';

export const type = 'ramping-vus';

/**
 * The plan's ramping-vus scenario (../plan.ts): `startVUs`, `stages` (VU targets), `thinkTimeS`.
 * `gracefulRampDownS` is accepted; ramped-down VUs finish their iteration (not interrupted).
 */
export type RampingVusConfig = RampingVusScenario;

const got = (v: unknown) => `got ${JSON.stringify(v) ?? String(v)}`;
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isSeconds = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Problems with the fields both VU executors share. */
export function validateClosed(config: { journey: unknown; thinkTimeS?: unknown; gracefulStopS?: unknown }): string[] {
  const problems: string[] = [];
  if (typeof config.journey !== 'string' || config.journey === '') problems.push(`journey: expected a journey name, ${got(config.journey)}`);
  if (config.thinkTimeS !== undefined && !isSeconds(config.thinkTimeS)) problems.push(`thinkTimeS: expected seconds ≥ 0, ${got(config.thinkTimeS)}`);
  if (config.gracefulStopS !== undefined && !isSeconds(config.gracefulStopS)) problems.push(`gracefulStopS: expected seconds ≥ 0, ${got(config.gracefulStopS)}`);
  return problems;
}

export function validate(config: RampingVusConfig): string[] {
  const problems = validateClosed(config);
  if (config.startVUs !== undefined && !isCount(config.startVUs)) problems.push(`startVUs: expected a whole number ≥ 0, ${got(config.startVUs)}`);
  if (!Array.isArray(config.stages) || config.stages.length === 0) {
    problems.push('stages: expected at least one stage {durationS, target}');
  } else {
    config.stages.forEach((stage, i) => {
      if (!(typeof stage.durationS === 'number' && Number.isFinite(stage.durationS) && stage.durationS > 0)) {
        problems.push(`stages[${i}].durationS: expected seconds > 0, ${got(stage.durationS)}`);
      }
      if (!isCount(stage.target)) problems.push(`stages[${i}].target: expected a whole number of VUs ≥ 0, ${got(stage.target)}`);
    });
  }
  if (problems.length === 0 && maxVus(steps(config)) < 1) problems.push('stages: expected at least one VU at some point');
  return problems;
}

function steps(config: RampingVusConfig) {
  return vuSteps(config.startVUs ?? 1, config.stages); // k6's default startVUs is 1
}

export function requirements(config: RampingVusConfig): ExecutionRequirements {
  const vus = segmentVus(steps(config), config.segment);
  return {
    preAllocatedVUs: vus,
    maxVUs: vus,
    durationS: config.stages.reduce((sum, s) => sum + s.durationS, 0),
    gracefulStopS: config.gracefulStopS ?? DEFAULT_GRACEFUL_STOP_S,
    expectedIterations: Number.NaN, // a closed model's throughput depends on Odoo's speed
  };
}

export function describe(config: RampingVusConfig): string {
  const r = requirements(config);
  const think = config.thinkTimeS ? `, think time ${config.thinkTimeS}s` : '';
  return `${config.journey}: up to ${maxVus(steps(config))} looping VUs for ${r.durationS}s over ${config.stages.length} stages${think} (gracefulStop: ${r.gracefulStopS}s)`;
}

/** A closed model has no target arrival rate: 0. */
export function rateAt(): number {
  return 0;
}

export function run(config: RampingVusConfig, ctx: ExecutorContext, samples: SampleSink): Promise<ExecutorResult> {
  const r = requirements(config);
  return runClosedModel(
    { journey: config.journey, steps: steps(config), durationS: r.durationS, gracefulStopS: r.gracefulStopS, thinkTimeS: config.thinkTimeS ?? 0, segment: config.segment },
    ctx,
    samples,
  );
}

export const rampingVus: Executor<RampingVusConfig> = { type, validate, requirements, describe, rateAt, run };
