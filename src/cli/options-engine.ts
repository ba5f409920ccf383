/**
 * Option builders for the load engines (issue 6): `--engine`, `--segment`, `--threshold`,
 * `--abort-on-fail`, `--delay-abort-eval`, and the helpers that turn them into engine inputs
 * (no yargs at runtime: implementations may import the helpers).
 */
import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import type { ExecutionSegment, LoadPlan } from '../plan/plan.js';
import { parseSegment } from '../plan/segment.js';
import { parseThreshold, thresholdsFromSlos, type Threshold } from '../run/thresholds.js';

export interface ThresholdOptions {
  threshold?: string[];
  'abort-on-fail': boolean;
  'delay-abort-eval': number;
  'no-slo-thresholds'?: boolean;
}

/** `--threshold` (repeatable), `--abort-on-fail`, `--delay-abort-eval`. */
export function withThresholds<T>(yargs: Argv<T>): Argv<T & ThresholdOptions> {
  return yargs
    .option('threshold', {
      type: 'string',
      array: true,
      describe: "k6-style threshold, repeatable: '[journey[/step]:]metric op value', e.g. 'order-entry:p(95)<800', 'rate<0.01' (added to the profile's SLOs)",
    })
    .option('abort-on-fail', { type: 'boolean', default: false, describe: 'Stop the run (status aborted) as soon as a --threshold fails' })
    .option('delay-abort-eval', { type: 'number', default: 0, describe: 'Seconds from the start before --abort-on-fail may stop the run' });
}

export interface EngineOptions extends ThresholdOptions {
  engine: 'embedded' | 'k6';
  segment?: string;
}

/** `--engine`, `--segment` and the threshold options, for `run`. */
export function withEngine<T>(yargs: Argv<T>): Argv<T & EngineOptions> {
  return withThresholds(yargs)
    .option('engine', {
      choices: ['embedded', 'k6'] as const,
      default: 'embedded' as const,
      describe: 'embedded: the Node open-model engine; k6: run the exported script with k6 (must be on PATH) and ingest its output',
    })
    .option('segment', {
      type: 'string',
      describe: "Run execution segment i/n of the plan (k6's execution segments) so n machines share it; merge the runs with `merge`",
    });
}

/**
 * The run's thresholds: the plan's SLOs (p95 and error rate per journey) plus every `--threshold`,
 * the latter with `--abort-on-fail` / `--delay-abort-eval`.
 * @throws InputError `THRESHOLD_INVALID` naming the bad expression.
 */
export function thresholdsFromOptions(plan: Pick<LoadPlan, 'slos'>, options: Partial<ThresholdOptions>): Threshold[] {
  const delay = options['delay-abort-eval'] ?? 0;
  if (!(Number.isFinite(delay) && delay >= 0)) throw new UsageError(`--delay-abort-eval: expected seconds ≥ 0, got ${delay}`);
  const cli = (options.threshold ?? []).map((text) => parseThreshold(text, { abortOnFail: options['abort-on-fail'] ?? false, delayAbortEvalS: delay }));
  return [...thresholdsFromSlos(plan.slos), ...cli];
}

/** `--segment i/n` → the segment, or undefined. @throws InputError `SEGMENT_INVALID` */
export function segmentFromOptions(options: { segment?: string }): ExecutionSegment | undefined {
  return options.segment === undefined ? undefined : parseSegment(options.segment);
}
