/**
 * Running a scenario in the embedded engine: its executor (src/plan/executors) says what the load
 * is; the engine runs it as an open model (arrivals at the rate curve, ../open-model.ts) or a closed
 * one (VUs looping, ../closed-model.ts).
 */
import { arrivalTimes } from '../../plan/arrivals.js';
import { findExecutor, type ScenarioExecutor } from '../../plan/executors/index.js';
import type { AnyPlanScenario } from '../../plan/plan.js';
import { segmentArrivals } from '../../plan/segment.js';
import { vuSteps } from '../../plan/vu-steps.js';
import { runClosedModel } from '../closed-model.js';
import { runOpenModel } from '../open-model.js';
import type { SampleSink } from '../samples.js';
import type { ExecutorContext, ExecutorResult } from './types.js';

export type { ExecutorContext, ExecutorResult } from './types.js';

/** A scenario's executor, and how to run it. */
export interface BoundExecutor extends ScenarioExecutor {
  run(ctx: ExecutorContext, samples: SampleSink): Promise<ExecutorResult>;
}

function runScenario(scenario: AnyPlanScenario, executor: ScenarioExecutor, ctx: ExecutorContext, samples: SampleSink): Promise<ExecutorResult> {
  const { durationS, gracefulStopS } = executor.requirements();
  const level = executor.level();
  if (executor.model === 'open') {
    return runOpenModel(segmentArrivals(arrivalTimes(level), scenario.segment), { journey: scenario.journey, durationS, gracefulStopS }, ctx, samples);
  }
  const steps = vuSteps(level.start, level.stages);
  return runClosedModel({ journey: scenario.journey, steps, durationS, gracefulStopS, thinkTimeS: executor.thinkTimeS(), segment: scenario.segment }, ctx, samples);
}

/** The executor for `scenario`, or a problem naming the `executor` field when the type is unknown. */
export function bindExecutor(scenario: AnyPlanScenario): BoundExecutor | string {
  const executor = findExecutor(scenario);
  if (typeof executor === 'string') return executor;
  return { ...executor, run: (ctx, samples) => runScenario(scenario, executor, ctx, samples) };
}
