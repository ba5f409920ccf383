/**
 * constant-arrival-rate: a fixed arrival rate for a duration — a ramping-arrival-rate with one
 * flat stage, so it shares its scheduling (first arrival at 1/rate, not at t = 0 as in k6's own
 * constant-arrival-rate; see ../arrivals.ts).
 */
import type { PlanScenario } from '../plan.js';
import type { SampleSink } from '../samples.js';
import * as ramping from './ramping-arrival-rate.js';
import type { ExecutionRequirements, Executor, ExecutorContext, ExecutorResult } from './types.js';

export const type = 'constant-arrival-rate';

export interface ConstantArrivalRateConfig extends Pick<PlanScenario, 'journey' | 'preAllocatedVUs' | 'maxVUs' | 'gracefulStopS' | 'segment'> {
  executor: 'constant-arrival-rate';
  /** Iterations per second. */
  rate: number;
  /** Seconds. */
  durationS: number;
}

/** The equivalent ramping scenario: startRate = target = rate, one stage. */
export function toRamping(config: ConstantArrivalRateConfig): PlanScenario {
  return {
    journey: config.journey,
    executor: 'ramping-arrival-rate',
    startRate: config.rate,
    stages: [{ durationS: config.durationS, target: config.rate }],
    preAllocatedVUs: config.preAllocatedVUs,
    maxVUs: config.maxVUs,
    gracefulStopS: config.gracefulStopS,
    ...(config.segment ? { segment: config.segment } : {}),
  };
}

export function validate(config: ConstantArrivalRateConfig): string[] {
  return ramping
    .validate(toRamping(config))
    .map((p) => p.replace(/^startRate:/, 'rate:').replace(/^stages\[0\]\.target:.*$/, '').replace(/^stages\[0\]\.durationS:/, 'durationS:'))
    .filter((p) => p !== '');
}

export function requirements(config: ConstantArrivalRateConfig): ExecutionRequirements {
  return ramping.requirements(toRamping(config));
}

export function describe(config: ConstantArrivalRateConfig): string {
  const r = requirements(config);
  const vus = r.maxVUs > r.preAllocatedVUs ? `${r.preAllocatedVUs}-${r.maxVUs}` : `${r.maxVUs}`;
  return `${config.journey}: ${config.rate.toFixed(2)} iterations/s for ${r.durationS}s (maxVUs: ${vus}, gracefulStop: ${r.gracefulStopS}s)`;
}

export function rateAt(config: ConstantArrivalRateConfig, tS: number): number {
  return tS >= 0 && tS < config.durationS ? config.rate : 0;
}

export function run(config: ConstantArrivalRateConfig, ctx: ExecutorContext, samples: SampleSink): Promise<ExecutorResult> {
  return ramping.run(toRamping(config), ctx, samples);
}

export const constantArrivalRate: Executor<ConstantArrivalRateConfig> = { type, validate, requirements, describe, rateAt, run };
