/** `model check <run-dir>…`: every run's server model predicts every run; the error table (docs/MODEL.md). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { InputError, UsageError } from '../../errors.js';
import { readRun } from '../../run/reader.js';
import { summarizeRun } from '../../analyze/summarize.js';
import { calibratedModel } from '../../analyze/what-if.js';
import { backtest, type BacktestRun } from '../../analyze/backtest.js';
import { REPLAY_TOLERANCE } from '../../analyze/replay.js';
import { serverShapeFromFlags } from '../flag-checks.js';
import { ExitCode } from '../exit-codes.js';
import type { ModelCheckOptions } from '../commands/model.js';
import { table, toJson } from './format-model.js';
import { stripControl } from '../terminal-text.js';

export async function modelCheckImpl(options: ModelCheckOptions): Promise<number> {
  const dirs = options['run-dirs'];
  if (dirs.length === 0) throw new UsageError('model check: name at least one run directory');
  if (new Set(dirs.map((d) => path.resolve(d))).size !== dirs.length) throw new UsageError('model check: the same run directory is named twice');
  const flags = serverShapeFromFlags(options);
  const runs: BacktestRun[] = [];
  for (const dir of dirs) {
    if (!existsSync(path.join(dir, 'manifest.json'))) throw new InputError('RUN_DIR', `${dir}: not a run directory (no manifest.json)`);
    const run = await readRun(dir);
    const summary = summarizeRun(run);
    const server = { ...run.manifest.server, ...flags };
    const shape = {
      ...(server.cores !== undefined ? { cores: server.cores } : {}),
      ...(server.workers !== undefined ? { workers: server.workers } : {}),
      ...(server.dbCores !== undefined ? { dbCores: server.dbCores } : {}),
    };
    runs.push({ runId: summary.runId, plan: run.manifest.plan, summary, model: calibratedModel(summary, run.manifest.plan, run.odooLog, shape) });
  }
  const { rows, skipped } = backtest(runs);
  if (options.json) {
    process.stdout.write(toJson({ tolerance: REPLAY_TOLERANCE, rows, skipped, models: runs.map((r) => ({ runId: r.runId, cores: r.model.cores, testedWorkers: r.model.testedWorkers, backgroundCores: r.model.backgroundCores, evidence: r.model.evidence, notes: r.model.notes })) }) + '\n');
    return ExitCode.ok;
  }
  const pct = (x: number): string => `${x >= 0 ? '+' : ''}${Math.round(x * 100)} %`;
  const s = (ms: number): string => (ms / 1000).toFixed(2);
  const out = [
    table(
      ['from run', 'predicts run', 'workers', 'journey', 'p95 measured s', 'p95 predicted s', 'error', 'per s measured', 'per s predicted', 'error'],
      rows.map((r) => [r.from, r.to, String(r.workers), r.journey, s(r.measuredP95Ms), s(r.predictedP95Ms), pct(r.p95Error), r.measuredPerS.toFixed(3), r.predictedPerS.toFixed(3), pct(r.throughputError)]),
    ),
    '',
    `${rows.filter((r) => Math.abs(r.p95Error) <= REPLAY_TOLERANCE && Math.abs(r.throughputError) <= REPLAY_TOLERANCE).length} of ${rows.length} predictions within ±${Math.round(REPLAY_TOLERANCE * 100)} % (a row where from = to is the replay of the tested configuration).`,
    ...runs.map((r) => `${r.runId}: ${r.model.cores} cores, ${r.model.testedWorkers ?? '?'} workers, ${r.model.backgroundCores.toFixed(2)} cores of background load, call costs from ${r.model.evidence === 'odoo-log' ? "Odoo's log" : 'client timings'}`),
    ...[...skipped, ...new Set(runs.flatMap((r) => r.model.notes))].map((n) => `note: ${n}`),
  ];
  process.stdout.write(stripControl(out.join('\n')) + '\n');
  return ExitCode.ok;
}
