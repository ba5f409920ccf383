/** `model workers --rate … --service-ms … --target-p95-ms …`. */
import { probabilityOfWaiting, meanWait } from '../../../models/erlang-c.js';
import { approximateMeanWait, approximateResponseTimePercentile } from '../../../models/mgc.js';
import { UsageError } from '../../errors.js';
import { checkNumberFlag, checkOptionalNumberFlag } from '../flag-checks.js';
import { workersForTarget } from '../../../models/workers-needed.js';
import type { ModelWorkersOptions } from '../commands/model.js';
import { ExitCode } from '../exit-codes.js';
import { reasonedLine, toJson } from './format-model.js';

/**
 * Offered load (λ·S, busy workers on average) beyond which the question is not about one Odoo
 * deployment any more; it also keeps the Erlang recursions (O(workers)) quick.
 */
const MAX_OFFERED_LOAD = 100_000;

export async function modelWorkersImpl(options: ModelWorkersOptions): Promise<number> {
  const rate = checkNumberFlag('--rate', options.rate, { min: 0, unit: 'requests per second' });
  const serviceMs = checkNumberFlag('--service-ms', options['service-ms'], { above: 0, max: 3_600_000, unit: 'milliseconds' });
  const scv = checkNumberFlag('--scv', options.scv, { min: 0, max: 100 });
  const maxUtilization = checkNumberFlag('--max-utilization', options['max-utilization'], { above: 0, max: 1 });
  const workers = checkOptionalNumberFlag('--workers', options.workers, { min: 1, max: 1_000_000, integer: true });
  const targetMs = checkOptionalNumberFlag('--target-p95-ms', options['target-p95-ms'], { above: 0, max: 3_600_000, unit: 'milliseconds' });
  const serviceS = serviceMs / 1000;
  if (rate * serviceS > MAX_OFFERED_LOAD) {
    throw new UsageError(`--rate: ${rate}/s × --service-ms ${serviceMs} keeps ${(rate * serviceS).toExponential(2)} workers busy on average; expected at most ${MAX_OFFERED_LOAD} (one Odoo deployment)`);
  }
  if (workers !== undefined) return evaluateWorkers(options, { rate, serviceS, scv, workers, targetMs });
  if (targetMs === undefined) throw new UsageError('--target-p95-ms: give the p95 to keep (searches for a worker count), or --workers N to evaluate a given count');
  const answer = workersForTarget({ ratePerS: rate, serviceMeanS: serviceS, serviceScv: scv, targetP95S: targetMs / 1000, maxUtilization });
  const queue = { ratePerS: rate, serviceS, servers: answer.value, serviceScv: scv };
  const details = {
    probabilityOfWaiting: probabilityOfWaiting(answer.value, rate * serviceS),
    meanWaitMsErlangC: meanWait(queue) * 1000,
    meanWaitMsMGc: approximateMeanWait(queue) * 1000,
  };
  if (options.json) {
    process.stdout.write(toJson({ workers: answer, ...details }) + '\n');
    return ExitCode.ok;
  }
  process.stdout.write(
    [
      reasonedLine('HTTP workers', answer),
      `  P(wait) ${(details.probabilityOfWaiting * 100).toFixed(1)} %, mean wait ${details.meanWaitMsMGc.toFixed(1)} ms (M/G/c; Erlang C ${details.meanWaitMsErlangC.toFixed(1)} ms)`,
      `  formula: ${answer.formula ?? ''}`,
      '',
    ].join('\n'),
  );
  return ExitCode.ok;
}

/** `--workers N`: how N workers serve the stream (utilisation, P(wait), mean wait, p95), and whether a given target holds. */
function evaluateWorkers(
  options: ModelWorkersOptions,
  given: { rate: number; serviceS: number; scv: number; workers: number; targetMs: number | undefined },
): number {
  const { rate, serviceS, scv, workers, targetMs } = given;
  const load = rate * serviceS;
  const queue = { ratePerS: rate, serviceS, servers: workers, serviceScv: scv };
  const stable = load < workers;
  const evaluation = {
    workers,
    offeredLoadErlangs: load,
    utilization: load / workers,
    stable,
    probabilityOfWaiting: stable ? probabilityOfWaiting(workers, load) : 1,
    meanWaitMsMGc: stable ? approximateMeanWait(queue) * 1000 : Infinity,
    meanWaitMsErlangC: stable ? meanWait(queue) * 1000 : Infinity,
    p95Ms: stable ? approximateResponseTimePercentile(queue, 0.95) * 1000 : Infinity,
    ...(targetMs === undefined ? {} : { targetP95Ms: targetMs, meetsTarget: stable && approximateResponseTimePercentile(queue, 0.95) * 1000 <= targetMs }),
  };
  if (options.json) {
    process.stdout.write(toJson(evaluation) + '\n');
    return ExitCode.ok;
  }
  const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : 'unbounded');
  const lines = [
    `${workers} HTTP workers at ${rate}/s × ${(serviceS * 1000).toFixed(0)} ms: utilisation ${((load / workers) * 100).toFixed(1)} %${stable ? '' : ' — unstable: the queue grows without bound (λ·S ≥ workers)'}`,
    `  P(wait) ${(evaluation.probabilityOfWaiting * 100).toFixed(1)} %, mean wait ${ms(evaluation.meanWaitMsMGc)} (M/G/c; Erlang C ${ms(evaluation.meanWaitMsErlangC)}), response p95 ${ms(evaluation.p95Ms)}`,
  ];
  if (targetMs !== undefined) lines.push(`  target p95 ${targetMs} ms: ${evaluation.meetsTarget ? 'met' : 'missed'}`);
  process.stdout.write(lines.join('\n') + '\n');
  return ExitCode.ok;
}
