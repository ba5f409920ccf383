/** `model usl --data points.csv`. */
import { readFile } from 'node:fs/promises';
import { InputError } from '../../errors.js';
import {
  coefficientIntervals,
  fitUsl,
  isCoherencyConstrained,
  isContentionConstrained,
  maxThroughput,
  peakConcurrencyExact,
  peakConcurrencyReasoned,
  predictThroughput,
  USL_MIN_POINTS,
} from '../../../models/usl.js';
import type { ModelUslOptions } from '../commands/model.js';
import { ExitCode } from '../exit-codes.js';
import { reasonedLine, table, toJson } from './format-model.js';
import { parseUslCsv } from './usl-csv.js';

export async function modelUslImpl(options: ModelUslOptions): Promise<number> {
  let text: string;
  try {
    text = await readFile(options.data, 'utf8');
  } catch {
    throw new InputError('USL_CSV_UNREADABLE', `${options.data}: cannot read the file; give --data a CSV with columns concurrency,throughput`);
  }
  const points = parseUslCsv(text, options.data);
  const distinctLevels = new Set(points.map((p) => p.concurrency)).size;
  // Three coefficients need three different concurrency levels: identical points fit anything ("peak ∞").
  if (points.length >= USL_MIN_POINTS && distinctLevels < 3) {
    throw new InputError('USL_TOO_FEW_LEVELS', `${options.data}: expected points at 3 or more different concurrency levels (the USL has 3 coefficients), got ${distinctLevels}`);
  }
  const model = fitUsl(points);
  const intervals = coefficientIntervals(model);
  const peak = peakConcurrencyReasoned(model);
  const levels = [...new Set([...points.map((p) => p.concurrency), Math.round(peakConcurrencyExact(model)) || 1])].filter(Number.isFinite).sort((a, b) => a - b);
  const predictions = levels.map((n) => ({ concurrency: n, ...predictThroughput(model, n) }));
  if (options.json) {
    process.stdout.write(
      toJson({ sigma: model.sigma, kappa: model.kappa, gamma: model.gamma, standardErrors: model.standardErrors, intervals, rSquared: model.rSquared,
        residualStandardError: model.residualStandardError, peakConcurrency: peak, peakConcurrencyExact: peakConcurrencyExact(model), maxThroughput: maxThroughput(model),
        contentionConstrained: isContentionConstrained(model), coherencyConstrained: isCoherencyConstrained(model), predictions }) + '\n',
    );
    return ExitCode.ok;
  }
  const fmt = (v: number): string => (Number.isFinite(v) ? String(Number(v.toPrecision(4))) : '∞');
  process.stdout.write(
    [
      `Universal Scalability Law fit of ${points.length} points from ${options.data}`,
      table(
        ['coefficient', 'estimate', 'std. error', '95 % interval'],
        (['sigma', 'kappa', 'gamma'] as const).map((k) => [k, fmt(model[k]), fmt(model.standardErrors[k]), `${fmt(intervals[k].lower)} … ${fmt(intervals[k].upper)}`]),
      ),
      `R² ${model.rSquared.toFixed(4)}, residual standard error ${fmt(model.residualStandardError)} on ${model.degreesOfFreedom} degrees of freedom`,
      reasonedLine('peak concurrency', peak),
      '',
      table(['concurrency', 'predicted', '95 % interval'], predictions.map((p) => [String(p.concurrency), fmt(p.estimate), `${fmt(p.lower)} … ${fmt(p.upper)}`])),
      '',
    ].join('\n'),
  );
  return ExitCode.ok;
}
