/** `plan --forecast forecast.yaml [--run runs/<id>] [--scale 1.3] [--add-warehouses 1]`. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../../errors.js';
import { checkNumberFlag, SCALE_RULE } from '../flag-checks.js';
import { readForecast } from '../../forecast/read.js';
import { FORECAST_INVALID } from '../../forecast/schema.js';
import { assumptionText } from '../../../models/database-server.js';
import type { PlanRecommendation } from '../../../models/plan-recommendation.js';
import { planForForecast } from '../../analyze/recommend-set.js';
import type { RunSummary } from '../../analyze/types.js';
import { analyseRunDirectory } from '../../pipeline/build-report.js';
import type { PlanCommandOptions } from '../commands/plan.js';
import { ExitCode } from '../exit-codes.js';
import { reasonedLine, table, toJson } from './format-model.js';

export async function planCommandImpl(options: PlanCommandOptions): Promise<number> {
  checkNumberFlag('--scale', options.scale, SCALE_RULE);
  checkNumberFlag('--add-warehouses', options['add-warehouses'], { min: 0, max: 1000, integer: true });
  const forecast = await readForecastListingProblems(options.forecast);
  const notes: string[] = [];
  let summary: RunSummary | undefined;
  if (options.run !== undefined) {
    const dir = path.resolve(options.run);
    if (!existsSync(path.join(dir, 'manifest.json'))) {
      throw new InputError('RUN_DIR', `${options.run}: not a run directory (no manifest.json); list runs with "ls runs/".`);
    }
    const analysed = await analyseRunDirectory(dir);
    summary = analysed.summary;
    notes.push(...analysed.run.warnings);
  }
  const { plan: recommendation, notes: demandNotes } = planForForecast(forecast, summary, { scale: options.scale, addedWarehouses: options['add-warehouses'] });
  notes.push(...demandNotes);
  if (options.json) {
    process.stdout.write(toJson({ ...recommendation, notes }) + '\n');
    return ExitCode.ok;
  }
  process.stdout.write(renderPlan(recommendation, options, notes));
  return ExitCode.ok;
}

/**
 * readForecast, but a forecast with several problems gets every problem on its own stderr line
 * (the CLI's error handler prints one line: a count naming the file).
 */
async function readForecastListingProblems(file: string): ReturnType<typeof readForecast> {
  try {
    return await readForecast(file);
  } catch (error) {
    if (error instanceof InputError && error.code === FORECAST_INVALID && error.message.includes('\n')) {
      const lines = error.message.split('\n');
      for (const line of lines) process.stderr.write(`odoo-capacity: ${line}\n`);
      throw new InputError(FORECAST_INVALID, `${file}: ${lines.length} problems (listed above); fix them and run plan again`);
    }
    throw error;
  }
}

/** The text recommendation, one section per concern. */
export function renderPlan(r: PlanRecommendation, options: Pick<PlanCommandOptions, 'scale' | 'add-warehouses' | 'run'>, notes: string[]): string {
  const w = r.workload;
  const whatIf = options.scale !== 1 || options['add-warehouses'] > 0 ? ` (what-if: ×${options.scale}, +${options['add-warehouses']} warehouses)` : '';
  const out: string[] = [
    `Sizing plan for ${r.forecast}${whatIf}`,
    `Demands: ${options.run ? `measured in ${options.run} where exercised, calibration defaults otherwise` : 'calibration defaults (models/calibration-defaults.ts, measured on Odoo 17; docs/CALIBRATION.md)'}` +
      ` at ${w.linesPerOrder ?? 5} lines per order`,
    '',
    '## Workload at the peak hour',
    table(
      ['journey', 'per hour', 'worker s', 'CPU s', 'DB s', 'source'],
      w.journeys.map((j) => [j.journey, (j.peakRatePerS * 3600).toFixed(0), j.demand.workerS.toFixed(2), j.demand.cpuS.toFixed(2), j.demand.dbS.toFixed(2), j.source]),
    ),
    `  ${w.requests.ratePerS.toFixed(2)} RPC calls/s of ${(w.requests.serviceMeanS * 1000).toFixed(0)} ms (SCV ${w.requests.serviceScv.toFixed(2)}); ` +
      `Odoo CPU ${w.odooCpuSecondsPerS.toFixed(2)} s/s, PostgreSQL CPU ${w.dbCpuSecondsPerS.toFixed(2)} s/s; volumes × ${w.volumeFactor.toFixed(2)} (growth and what-if)`,
    '',
    '## Odoo',
    reasonedLine('workers (HTTP)', r.odoo.httpWorkers),
    reasonedLine('max_cron_threads', r.odoo.maxCronThreads),
    reasonedLine('CPU cores', r.odoo.cpuCores),
    reasonedLine('RAM for Odoo', r.odoo.memoryMb),
    reasonedLine('limit_memory_soft', r.odoo.limitMemorySoft),
    reasonedLine('limit_memory_hard', r.odoo.limitMemoryHard),
    reasonedLine('limit_time_cpu', r.odoo.limitTimeCpu),
    reasonedLine('limit_time_real', r.odoo.limitTimeReal),
    reasonedLine('db_maxconn', r.odoo.dbMaxconn),
    reasonedLine('rule of thumb 2×CPU+1', r.odoo.ruleOfThumb),
    ...r.odoo.flags.map((f) => `  ! ${f}`),
    reasonedLine('integration workers (if isolated)', r.integrationWorkers),
    '',
    '## PostgreSQL',
    reasonedLine('RAM', r.postgresRamGb),
    reasonedLine('cores', r.postgres.cores),
    reasonedLine('max_connections', r.postgres.maxConnections),
    r.postgresIops === undefined ? '  IOPS: no run with PostgreSQL counters given (--run with --pg-url evidence)' : reasonedLine('IOPS', r.postgresIops),
    ...(r.postgresWalRate === undefined ? [] : [reasonedLine('WAL rate', r.postgresWalRate)]),
    ...(r.postgresStorageGrowth === undefined ? [] : [reasonedLine('storage growth', r.postgresStorageGrowth)]),
    `  baseline: ${r.postgres.baselineReason}`,
    ...(assumptionText(r.database) === '' ? [] : [`  ${assumptionText(r.database)}`]),
    ...Object.entries(r.postgres.settings).map(([k, v]) => `    ${k} = ${v}`),
    '  adjustments:',
    ...r.postgres.adjustments.map((a) => `    ${a.setting}: ${a.baseline ?? '(unset)'} → ${a.value}\n        ${a.reason}`),
    '',
    '## Tenancy',
    reasonedLine('model', r.tenancy.recommendation),
    table(['criterion', 'value', 'threshold', 'points'], r.tenancy.criteria.map((c) => [c.name, String(c.value), c.threshold, String(c.points)])),
    '',
    '## Headroom',
    reasonedLine('headroom', r.headroom),
    ...notes.map((n) => `note: ${n}`),
    '',
  ];
  return out.join('\n');
}
