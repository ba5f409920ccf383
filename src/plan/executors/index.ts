/**
 * The executor registry, by `executor` type (k6's lib/executors.go). Every question about a
 * scenario — is it valid, what is its level curve, what does it require, how does k6 spell it — is
 * asked of its executor here; no other module switches on `executor`.
 */
import { levelAt } from '../level.js';
import type { AnyPlanScenario } from '../plan.js';
import { constantArrivalRate } from './constant-arrival-rate.js';
import { constantVus } from './constant-vus.js';
import { k6Duration } from './k6-units.js';
import { rampingArrivalRate } from './ramping-arrival-rate.js';
import { rampingVus } from './ramping-vus.js';
import type { ExecutionRequirements, ExecutorDefinition, K6ScenarioOptions, LevelCurve } from './types.js';

export type { ExecutionRequirements, ExecutorDefinition, K6ScenarioOptions, LevelCurve } from './types.js';

export const executors = {
  'ramping-arrival-rate': rampingArrivalRate,
  'constant-arrival-rate': constantArrivalRate,
  'ramping-vus': rampingVus,
  'constant-vus': constantVus,
} as const;

export type ExecutorType = keyof typeof executors;

/** A scenario's executor with the scenario applied. */
export interface ScenarioExecutor {
  readonly type: ExecutorType;
  readonly model: 'open' | 'closed';
  readonly journey: string;
  validate(): string[];
  level(): LevelCurve;
  /** Seconds a VU waits after each iteration (0 for arrival rates). */
  thinkTimeS(): number;
  /** Iterations/s per unit of level (1 for arrival rates, 1 / cycle for VUs; null when unknown). */
  iterationsPerLevel(): number | null;
  requirements(): ExecutionRequirements;
  describe(): string;
  /** Target arrival rate at `tS` seconds, iterations/s (0 for closed models: they have none). */
  rateAt(tS: number): number;
  /** k6's options for the scenario, `exec` being the exported function that runs it. */
  k6(exec: string): K6ScenarioOptions;
  /** The scenario cut to its first `seconds`. */
  cut(seconds: number): AnyPlanScenario;
}

function apply<C extends AnyPlanScenario>(e: ExecutorDefinition<C>, c: C): ScenarioExecutor {
  return {
    type: c.executor,
    model: e.model,
    journey: c.journey,
    validate: () => e.validate(c),
    level: () => e.level(c),
    thinkTimeS: () => e.thinkTimeS(c),
    iterationsPerLevel: () => e.iterationsPerLevel(c),
    requirements: () => e.requirements(c),
    describe: () => e.describe(c),
    rateAt: (tS) => (e.model === 'open' ? levelAt(e.level(c), tS) : 0),
    cut: (seconds) => e.cut(c, seconds),
    k6: (exec) => ({ executor: c.executor, exec, tags: { journey: c.journey }, gracefulStop: k6Duration(c.gracefulStopS), ...e.k6(c) }),
  };
}

/** The executor of `scenario`, or a problem naming the `executor` field when its type is unknown (a plan read from a file). */
export function findExecutor(scenario: AnyPlanScenario): ScenarioExecutor | string {
  switch (scenario.executor) {
    case 'ramping-arrival-rate':
      return apply(executors[scenario.executor], scenario);
    case 'constant-arrival-rate':
      return apply(executors[scenario.executor], scenario);
    case 'ramping-vus':
      return apply(executors[scenario.executor], scenario);
    case 'constant-vus':
      return apply(executors[scenario.executor], scenario);
    default: {
      const unknown: unknown = (scenario as { executor?: unknown }).executor;
      return `executor: expected one of ${Object.keys(executors).join(', ')}, got ${JSON.stringify(unknown) ?? String(unknown)}`;
    }
  }
}

/** The executor of a scenario of a checked plan. @throws Error for an unknown executor (a plan that was not validated). */
export function executorOf(scenario: AnyPlanScenario): ScenarioExecutor {
  const found = findExecutor(scenario);
  if (typeof found === 'string') throw new Error(`scenario ${scenario.name ?? scenario.journey}: ${found}`);
  return found;
}
