/**
 * The executor registry, by `executor` type (k6's lib/executors.go). A scenario config picks its
 * executor with its `executor` field; `bindExecutor` pairs them without casts.
 */
import type { PlanScenario } from '../plan.js';
import type { SampleSink } from '../samples.js';
import { constantArrivalRate, type ConstantArrivalRateConfig } from './constant-arrival-rate.js';
import { constantVus, type ConstantVusConfig } from './constant-vus.js';
import { rampingArrivalRate } from './ramping-arrival-rate.js';
import { rampingVus, type RampingVusConfig } from './ramping-vus.js';
import type { ExecutionRequirements, Executor, ExecutorContext, ExecutorResult } from './types.js';

export type { ExecutionRequirements, Executor, ExecutorContext, ExecutorResult } from './types.js';
export type { ConstantArrivalRateConfig } from './constant-arrival-rate.js';
export type { ConstantVusConfig } from './constant-vus.js';
export type { RampingVusConfig } from './ramping-vus.js';

/** Every scenario config an executor accepts (the plan's AnyPlanScenario). */
export type ScenarioConfig = PlanScenario | ConstantArrivalRateConfig | ConstantVusConfig | RampingVusConfig;

export const executors = {
  'ramping-arrival-rate': rampingArrivalRate,
  'constant-arrival-rate': constantArrivalRate,
  'ramping-vus': rampingVus,
  'constant-vus': constantVus,
} as const;

export type ExecutorType = keyof typeof executors;

/** An executor with its config applied. */
export interface BoundExecutor {
  readonly type: ExecutorType;
  readonly journey: string;
  validate(): string[];
  requirements(): ExecutionRequirements;
  describe(): string;
  rateAt(tS: number): number;
  run(ctx: ExecutorContext, samples: SampleSink): Promise<ExecutorResult>;
}

function bind<C extends ScenarioConfig>(e: Executor<C>, config: C): BoundExecutor {
  return {
    type: config.executor,
    journey: config.journey,
    validate: () => e.validate(config),
    requirements: () => e.requirements(config),
    describe: () => e.describe(config),
    rateAt: (t) => e.rateAt(config, t),
    run: (ctx, samples) => e.run(config, ctx, samples),
  };
}

/** The executor for `config`, or a problem naming the `executor` field when the type is unknown. */
export function bindExecutor(config: ScenarioConfig): BoundExecutor | string {
  switch (config.executor) {
    case 'ramping-arrival-rate':
      return bind(executors[config.executor], config);
    case 'constant-arrival-rate':
      return bind(executors[config.executor], config);
    case 'ramping-vus':
      return bind(executors[config.executor], config);
    case 'constant-vus':
      return bind(executors[config.executor], config);
    default: {
      const unknown: unknown = (config as { executor?: unknown }).executor;
      return `executor: expected one of ${Object.keys(executors).join(', ')}, got ${JSON.stringify(unknown) ?? String(unknown)}`;
    }
  }
}
