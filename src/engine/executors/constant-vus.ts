/**
 * constant-vus: a fixed number of virtual users loop iteration → think time for a duration (k6's
 * executor of the same name). A ramping-vus with no ramp; see ../closed-model.ts.
 */
import type { ConstantVusScenario } from '../plan.js';
import type { SampleSink } from '../samples.js';
import * as ramping from './ramping-vus.js';
import type { ExecutionRequirements, Executor, ExecutorContext, ExecutorResult } from './types.js';

export const type = 'constant-vus';

/** The plan's constant-vus scenario (../plan.ts): `vus`, `durationS`, `thinkTimeS`. */
export type ConstantVusConfig = ConstantVusScenario;

/** The equivalent ramping-vus: startVUs = target = vus, one stage. */
export function toRamping(config: ConstantVusConfig): ramping.RampingVusConfig {
  return {
    journey: config.journey,
    executor: 'ramping-vus',
    startVUs: config.vus,
    stages: [{ durationS: config.durationS, target: config.vus }],
    thinkTimeS: config.thinkTimeS,
    gracefulStopS: config.gracefulStopS,
    gracefulRampDownS: config.gracefulStopS,
    ...(config.segment ? { segment: config.segment } : {}),
  };
}

const got = (v: unknown) => `got ${JSON.stringify(v) ?? String(v)}`;

export function validate(config: ConstantVusConfig): string[] {
  const problems = ramping.validateClosed(config);
  if (!(Number.isInteger(config.vus) && config.vus >= 1)) problems.push(`vus: expected a whole number ≥ 1, ${got(config.vus)}`);
  if (!(typeof config.durationS === 'number' && Number.isFinite(config.durationS) && config.durationS > 0)) {
    problems.push(`durationS: expected seconds > 0, ${got(config.durationS)}`);
  }
  return problems;
}

export function requirements(config: ConstantVusConfig): ExecutionRequirements {
  return ramping.requirements(toRamping(config));
}

export function describe(config: ConstantVusConfig): string {
  const think = config.thinkTimeS ? `, think time ${config.thinkTimeS}s` : '';
  return `${config.journey}: ${config.vus} looping VUs for ${config.durationS}s${think} (gracefulStop: ${requirements(config).gracefulStopS}s)`;
}

export function rateAt(): number {
  return 0;
}

export function run(config: ConstantVusConfig, ctx: ExecutorContext, samples: SampleSink): Promise<ExecutorResult> {
  return ramping.run(toRamping(config), ctx, samples);
}

export const constantVus: Executor<ConstantVusConfig> = { type, validate, requirements, describe, rateAt, run };
