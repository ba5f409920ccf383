/**
 * ramping-arrival-rate: the arrival rate follows linear stages (k6's executor of the same name,
 * in seconds). Open model: arrivals do not wait for Odoo; see ../arrivals.ts for when they
 * happen and ../open-model.ts for what happens to them.
 */
import { arrivalTimes, expectedIterations, peakRate, rateAt, shapeDurationS } from '../arrivals.js';
import { runOpenModel } from '../open-model.js';
import type { PlanScenario } from '../plan.js';
import type { SampleSink } from '../samples.js';
import { segmentArrivals } from '../segment.js';
import type { ExecutionRequirements, Executor, ExecutorContext, ExecutorResult } from './types.js';

export { arrivalTimes } from '../arrivals.js';

export const type = 'ramping-arrival-rate';

/** The config is the plan's scenario. */
export type RampingArrivalRateConfig = PlanScenario;

/** Default seconds in-flight iterations get after the last stage (k6: 30 s). */
export const DEFAULT_GRACEFUL_STOP_S = 30;

const isNonNegative = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const got = (v: unknown) => `got ${JSON.stringify(v) ?? String(v)}`;

export function validate(config: RampingArrivalRateConfig): string[] {
  const problems: string[] = [];
  if (typeof config.journey !== 'string' || config.journey === '') problems.push(`journey: expected a journey name, ${got(config.journey)}`);
  if (!isNonNegative(config.startRate)) problems.push(`startRate: expected iterations/s ≥ 0, ${got(config.startRate)}`);
  if (!Array.isArray(config.stages) || config.stages.length === 0) {
    problems.push('stages: expected at least one stage {durationS, target}');
  } else {
    config.stages.forEach((stage, i) => {
      if (!(typeof stage.durationS === 'number' && Number.isFinite(stage.durationS) && stage.durationS > 0)) {
        problems.push(`stages[${i}].durationS: expected seconds > 0, ${got(stage.durationS)}`);
      }
      if (!isNonNegative(stage.target)) problems.push(`stages[${i}].target: expected iterations/s ≥ 0, ${got(stage.target)}`);
    });
  }
  problems.push(...validateVus(config));
  return problems;
}

/** The VU and graceful-stop fields every arrival-rate executor shares. */
export function validateVus(config: Pick<PlanScenario, 'preAllocatedVUs' | 'maxVUs' | 'gracefulStopS'>): string[] {
  const problems: string[] = [];
  if (!isCount(config.preAllocatedVUs)) problems.push(`preAllocatedVUs: expected a whole number ≥ 0, ${got(config.preAllocatedVUs)}`);
  if (!(isCount(config.maxVUs) && config.maxVUs >= 1)) problems.push(`maxVUs: expected a whole number ≥ 1, ${got(config.maxVUs)}`);
  else if (isCount(config.preAllocatedVUs) && config.maxVUs < config.preAllocatedVUs) {
    problems.push(`maxVUs: expected ≥ preAllocatedVUs (${config.preAllocatedVUs}), ${got(config.maxVUs)}`);
  }
  if (config.gracefulStopS !== undefined && !isNonNegative(config.gracefulStopS)) {
    problems.push(`gracefulStopS: expected seconds ≥ 0, ${got(config.gracefulStopS)}`);
  }
  return problems;
}

export function requirements(config: RampingArrivalRateConfig): ExecutionRequirements {
  return {
    preAllocatedVUs: config.preAllocatedVUs,
    maxVUs: config.maxVUs,
    durationS: shapeDurationS(config),
    gracefulStopS: config.gracefulStopS ?? DEFAULT_GRACEFUL_STOP_S,
    expectedIterations: expectedIterations(config),
  };
}

export function describe(config: RampingArrivalRateConfig): string {
  const r = requirements(config);
  const vus = r.maxVUs > r.preAllocatedVUs ? `${r.preAllocatedVUs}-${r.maxVUs}` : `${r.maxVUs}`;
  const stages = config.stages.length === 1 ? '1 stage' : `${config.stages.length} stages`;
  return `${config.journey}: up to ${peakRate(config).toFixed(2)} iterations/s for ${r.durationS}s over ${stages} (maxVUs: ${vus}, gracefulStop: ${r.gracefulStopS}s)`;
}

export function rateAtTime(config: RampingArrivalRateConfig, tS: number): number {
  return rateAt(config, tS);
}

export function run(config: RampingArrivalRateConfig, ctx: ExecutorContext, samples: SampleSink): Promise<ExecutorResult> {
  const r = requirements(config);
  return runOpenModel(segmentArrivals(arrivalTimes(config), config.segment), { journey: config.journey, durationS: r.durationS, gracefulStopS: r.gracefulStopS }, ctx, samples);
}

export const rampingArrivalRate: Executor<RampingArrivalRateConfig> = { type, validate, requirements, describe, rateAt: rateAtTime, run };
