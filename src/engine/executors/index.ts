/**
 * The executor registry, by `executor` type (k6's lib/executors.go). A scenario config picks its
 * executor with its `executor` field; `bindExecutor` pairs them without casts.
 */
import type { PlanScenario } from '../plan.js';
import type { SampleSink } from '../samples.js';
import { constantArrivalRate, type ConstantArrivalRateConfig } from './constant-arrival-rate.js';
import { rampingArrivalRate } from './ramping-arrival-rate.js';
import type { ExecutionRequirements, ExecutorContext, ExecutorResult } from './types.js';

export type { ExecutionRequirements, Executor, ExecutorContext, ExecutorResult } from './types.js';
export type { ConstantArrivalRateConfig } from './constant-arrival-rate.js';

/** Every scenario config an executor accepts. */
export type ScenarioConfig = PlanScenario | ConstantArrivalRateConfig;

export const executors = {
  'ramping-arrival-rate': rampingArrivalRate,
  'constant-arrival-rate': constantArrivalRate,
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

/** The executor for `config`, or a problem naming the `executor` field when the type is unknown. */
export function bindExecutor(config: ScenarioConfig): BoundExecutor | string {
  switch (config.executor) {
    case 'ramping-arrival-rate': {
      const e = executors['ramping-arrival-rate'];
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
    case 'constant-arrival-rate': {
      const e = executors['constant-arrival-rate'];
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
    default: {
      const unknown: unknown = (config as { executor?: unknown }).executor;
      return `executor: expected one of ${Object.keys(executors).join(', ')}, got ${JSON.stringify(unknown) ?? String(unknown)}`;
    }
  }
}
