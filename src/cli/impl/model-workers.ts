/** `model workers --rate … --service-ms … --target-p95-ms …`. */
import { probabilityOfWaiting, meanWait } from '../../../models/erlang-c.js';
import { approximateMeanWait } from '../../../models/mgc.js';
import { workersForTarget } from '../../../models/workers-needed.js';
import type { ModelWorkersOptions } from '../commands/model.js';
import { ExitCode } from '../exit-codes.js';
import { reasonedLine, toJson } from './format-model.js';

export async function modelWorkersImpl(options: ModelWorkersOptions): Promise<number> {
  const serviceS = options['service-ms'] / 1000;
  const answer = workersForTarget({
    ratePerS: options.rate,
    serviceMeanS: serviceS,
    serviceScv: options.scv,
    targetP95S: options['target-p95-ms'] / 1000,
    maxUtilization: options['max-utilization'],
  });
  const queue = { ratePerS: options.rate, serviceS, servers: answer.value, serviceScv: options.scv };
  const details = {
    probabilityOfWaiting: probabilityOfWaiting(answer.value, options.rate * serviceS),
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
