/** `simulate <profile> --workers 4,6,8 [--isolate-integrations]`: one simulation per worker count, compared. */
import { UsageError } from '../../errors.js';
import { compileProfile } from '../../engine/compile.js';
import { loadProfile } from '../../../scenarios/profiles/load.js';
import { conflictPerWriter, demandsForJourneys } from '../../../models/calibration-defaults.js';
import { simulate } from '../../../models/simulate/simulate.js';
import type { SimulationResult } from '../../../models/simulate/types.js';
import type { SimulateCommandOptions } from '../commands/simulate.js';
import { ExitCode } from '../exit-codes.js';
import { table, toJson } from './format-model.js';
import { checkNumberFlag, checkOptionalNumberFlag, SCALE_RULE } from '../flag-checks.js';

/** Default write contention: 5 lines per order among 2 000 moving products (calibration-defaults.ts). */
const DEFAULT_CONFLICT = conflictPerWriter(5, 2000);

/** Beyond this the question is not about one Odoo deployment (and the simulation would carry that many pools). */
const MAX_WORKERS = 10_000;

export function parseWorkerList(text: string): number[] {
  const counts = text.split(',').map((s) => Number(s.trim()));
  if (counts.length === 0 || counts.length > 20 || counts.some((n) => !Number.isInteger(n) || n < 1 || n > MAX_WORKERS)) {
    throw new UsageError(`--workers: expected up to 20 comma-separated whole numbers from 1 to ${MAX_WORKERS} such as 4,6,8, got ${JSON.stringify(text)}`);
  }
  return counts;
}

export async function simulateCommandImpl(options: SimulateCommandOptions): Promise<number> {
  const counts = parseWorkerList(options.workers);
  const profile = await loadProfile(options.profile);
  checkNumberFlag('--scale', options.scale, SCALE_RULE);
  checkNumberFlag('--cores', options.cores, { above: 0, max: 4096 });
  checkNumberFlag('--cron-workers', options['cron-workers'], { min: 0, max: 1000, integer: true });
  checkOptionalNumberFlag('--integration-workers', options['integration-workers'], { min: 1, max: MAX_WORKERS, integer: true });
  const plan = compileProfile(profile, { scale: options.scale, seed: options.seed, ...(options.phase ? { phase: options.phase } : {}) });
  const demands = demandsForJourneys(plan.scenarios.map((s) => s.journey));
  const runs: Array<{ workers: number; integrationWorkers: number; result: SimulationResult }> = counts.map((workers) => {
    const integrationWorkers = options['isolate-integrations'] ? (options['integration-workers'] ?? Math.max(1, Math.round(workers / 4))) : 0;
    const result = simulate({
      plan,
      demands,
      deployment: { httpWorkers: workers, integrationWorkers, cronWorkers: options['cron-workers'], cores: options.cores },
      contention: { conflictPerWriter: DEFAULT_CONFLICT },
      seed: options.seed,
    });
    return { workers, integrationWorkers, result };
  });
  if (options.json) {
    process.stdout.write(toJson({ profile: profile.name, scale: options.scale, cores: options.cores, demands, runs }) + '\n');
    return ExitCode.ok;
  }
  const s = (ms: number): string => (ms / 1000).toFixed(2);
  const journeyRows = runs.flatMap(({ workers, integrationWorkers, result }) =>
    result.journeys.map((j) => [
      integrationWorkers > 0 ? `${workers}+${integrationWorkers}` : String(workers),
      j.journey,
      j.pool,
      String(j.count),
      s(j.p50Ms),
      s(j.p95Ms),
      s(j.p99Ms),
      String(j.retries),
      String(j.failed),
    ]),
  );
  const poolRows = runs.flatMap(({ workers, integrationWorkers, result }) =>
    result.pools
      .filter((p) => p.workers > 0)
      .map((p) => [
        integrationWorkers > 0 ? `${workers}+${integrationWorkers}` : String(workers),
        p.pool,
        String(p.workers),
        `${Math.round(p.utilization * 100)} %`,
        String(p.maxQueue),
        p.longestBacklogS.toFixed(0),
        `${Math.round(result.cpu.utilization * 100)} %`,
      ]),
  );
  const notes = [...new Set(runs.flatMap((r) => r.result.notes))];
  process.stdout.write(
    [
      `Simulated ${profile.name} (×${options.scale}, ${plan.durationS.toFixed(0)} s, ${options.cores} cores, calibration-default demands)`,
      '',
      table(['workers', 'journey', 'pool', 'done', 'p50 s', 'p95 s', 'p99 s', 'retries', 'failed'], journeyRows),
      '',
      table(['workers', 'pool', 'size', 'busy', 'max queue', 'longest backlog s', 'cpu'], poolRows),
      ...notes.map((n) => `note: ${n}`),
      '',
    ].join('\n'),
  );
  return ExitCode.ok;
}
