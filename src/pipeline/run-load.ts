/**
 * One load run, end to end (DESIGN.md data flow):
 *   target check → run directory → collectors → engine (plan × journeys) → status.
 * Everything measured is appended to the run directory as it happens; an abort, Ctrl-C or a crash
 * leaves a run that `report` can read.
 */
import type { Journey } from '../../scenarios/journeys/types.js';
import type { LoadPlan } from '../engine/plan.js';
import { runPlan, type Progress } from '../engine/run-plan.js';
import { startCollectors } from '../collect/index.js';
import { createClient } from '../odoo/connect.js';
import { detectVersion } from '../odoo/version.js';
import { readStagingMarker } from '../odoo/staging.js';
import type { OdooTarget, TransportName } from '../odoo/types.js';
import { InputError } from '../errors.js';
import { RunWriter, type ManifestInput } from '../run/writer.js';
import { redactUrl } from '../run/redact.js';
import type { RunStatus } from '../run/records.js';
import { toolVersion } from '../cli/version.js';

export interface RunLoadOptions {
  plan: LoadPlan;
  journeys: Record<string, Journey>;
  target: OdooTarget;
  /** Overrides every journey's own transport. */
  transport?: TransportName;
  /** The target's PostgreSQL for the collectors; without it the run has no database evidence. */
  pgUrl?: string;
  /** Database name to sample in pg_stat_activity (default: target.db). */
  pgDatabase?: string;
  /** Parent directory of run directories (default `runs`). */
  runsDir: string;
  /** Refuse to write into a database not marked `database.is_neutralized` unless set. */
  allowUnneutralized?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  /** Called once the target answered and accepted the login, just before load starts. */
  onStart?: (info: { runDir: string; serverVersion: string }) => void;
  /** pg_stat_activity sampling interval (ms), default 1000. */
  sampleIntervalMs?: number;
  /** Counter snapshot interval (pg_stat_database, pg_stat_statements …), ms, default 5000. */
  statsIntervalMs?: number;
  /** A local Odoo log file to follow during the run (request timings, retries, worker kills). */
  odooLogFile?: string;
  /** A local PostgreSQL server log to follow for serialization failures and deadlocks. */
  pgLogFile?: string;
  /** Collector problems worth telling the user (missing privileges). */
  onWarning?: (message: string) => void;
}

export interface RunLoadResult {
  runDir: string;
  runId: string;
  status: RunStatus;
  reason?: string;
}

export async function runLoad(options: RunLoadOptions): Promise<RunLoadResult> {
  const { plan, target } = options;
  const version = await detectVersion(target.url, target.timeoutMs);

  // Log in once before anything else: a wrong password must stop us before a hundred virtual users
  // each try (Odoo locks the IP out after five failures).
  const probe = createClient(target, options.transport ?? 'xmlrpc');
  try {
    await probe.authenticate();
    const neutralized = await readStagingMarker(probe);
    if (!neutralized && !options.allowUnneutralized) {
      throw new InputError(
        'NOT_STAGING',
        `${target.url} database ${target.db}: database.is_neutralized is not set, so this may be production; ` +
          'run "odoo-bin neutralize" on the staging copy, or pass --allow-unneutralized-database if you are sure.',
      );
    }
  } finally {
    await probe.close();
  }

  const transportOf = (journey: string): TransportName => options.transport ?? options.journeys[journey]?.transport ?? 'xmlrpc';
  const manifest: ManifestInput = {
    tool: { name: 'odoo-capacity', version: toolVersion() },
    engine: 'embedded',
    target: {
      url: redactUrl(target.url),
      db: target.db,
      login: target.login,
      transport: options.transport,
      serverVersion: version.serverVersion,
    },
    pg: options.pgUrl ? { url: redactUrl(options.pgUrl) } : undefined,
    plan,
    windowMs: 1000,
  };
  const writer = await RunWriter.create({ root: options.runsDir, manifest });
  const runId = writer.id;

  const collectors = await startCollectors({
    pgUrl: options.pgUrl,
    database: options.pgDatabase ?? target.db,
    intervalMs: options.sampleIntervalMs ?? 1000,
    statsIntervalMs: options.statsIntervalMs,
    odooLogFile: options.odooLogFile,
    pgLogFile: options.pgLogFile,
    sinks: {
      pgActivity: (sample) => writer.pgActivity(sample),
      pgWaitProfile: (profile) => writer.append('pg_wait_sampling', profile),
      pgStats: (record) => writer.append('pg_stats', record),
      odooLog: (record) => writer.append('odoo_log', record),
      pgLog: (record) => writer.append('pg_log', record),
      gap: (gap) => writer.event({ v: 1, type: 'collector-gap', t: Date.now(), ...gap }),
      warning: (source, message) => writer.event({ v: 1, type: 'warning', t: Date.now(), source, message }),
    },
  });
  await writer.update({ collectors: collectors.collectors });
  for (const line of collectors.privileges?.missing ?? []) options.onWarning?.(line);

  options.onStart?.({ runDir: writer.dir, serverVersion: version.serverVersion });
  let status: RunStatus = 'failed';
  let reason: string | undefined;
  try {
    const journeysUsed = Object.fromEntries(plan.scenarios.map((s) => [s.journey, options.journeys[s.journey]!]));
    const result = await runPlan({
      plan,
      journeys: journeysUsed,
      createClient: (request) => createClient(target, transportOf(request.journey)),
      sink: { window: (record) => writer.window(record), event: (record) => writer.event(record) },
      tag: runId,
      signal: options.signal,
      onProgress: options.onProgress,
    });
    status = result.status;
    reason = result.reason;
  } catch (error) {
    status = 'failed';
    reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw error;
  } finally {
    await collectors.stop();
    await writer.close(status, reason);
  }
  return { runDir: writer.dir, runId, status, reason };
}
