/**
 * `collect`: the collectors of a run (src/collect) without load, for a time window — the database
 * and Odoo side measured here while other machines or Kubernetes pods make the load. Writes a run
 * directory of kind `collect` with the same streams a run writes (pg_activity, pg_stats,
 * pg_wait_sampling, odoo_log, pg_log, events); `ingest k6 --collect` and `merge` join it to the load.
 *
 *   create runs/<id> (kind collect) → start collectors → wait for duration or abort → stop → close
 */
import { startCollectors, type CollectorEntry } from '../collect/index.js';
import { toolVersion } from '../version.js';
import type { LoadPlan } from '../plan/plan.js';
import { InputError } from '../errors.js';
import { redactUrl } from '../redact.js';
import type { RunStatus } from '../run/records.js';
import { RunWriter } from '../run/writer.js';
import { writerSinks } from './collector-sinks.js';

export interface CollectOnlyOptions {
  /** The Odoo database's PostgreSQL (pg_stat_activity, pg_stat_database, pg_stat_statements …). */
  pgUrl?: string;
  /** Odoo database name (pg_stat_activity.datname). */
  database: string;
  odooLogFile?: string;
  pgLogFile?: string;
  /** Parent directory of run directories. */
  runsDir: string;
  /** Default `<date>-<time>-collect-<hex>`. */
  id?: string;
  /** Stop after this many seconds; without it only `signal` stops collecting. */
  durationS?: number;
  signal?: AbortSignal;
  sampleIntervalMs?: number;
  statsIntervalMs?: number;
  onStart?: (info: { runDir: string; collectors: CollectorEntry[] }) => void;
  onWarning?: (message: string) => void;
}

export interface CollectOnlyResult {
  runDir: string;
  runId: string;
  status: RunStatus;
  reason?: string;
  collectors: CollectorEntry[];
}

/** A plan without scenarios: the manifest format wants one; nothing is scheduled. */
function emptyPlan(durationS: number): LoadPlan {
  return { version: 1, profile: 'collect', seed: 0, scale: 1, compress: { factor: 1, keep: 'peak-rates' }, durationS, phases: [], scenarios: [], slos: {} };
}

/**
 * Collects until `durationS` passed or `signal` aborted. Without a duration, an abort is the
 * normal end (status completed); with one, an abort before it leaves status `interrupted`.
 * @throws InputError `COLLECT_NOTHING` when no collector could start (the directory is kept, status failed).
 */
export async function collectOnly(o: CollectOnlyOptions): Promise<CollectOnlyResult> {
  const writer = await RunWriter.create({
    root: o.runsDir,
    ...(o.id !== undefined ? { id: o.id } : {}),
    manifest: {
      tool: { name: 'odoo-capacity', version: toolVersion() },
      engine: 'embedded', // no engine runs: kind 'collect' says so
      kind: 'collect',
      target: { url: '', db: o.database, login: '' },
      ...(o.pgUrl ? { pg: { url: redactUrl(o.pgUrl) } } : {}),
      plan: emptyPlan(o.durationS ?? 0),
    },
  });
  const warnings: string[] = [];
  const sinks = writerSinks(writer);
  const collectors = await startCollectors({
    pgUrl: o.pgUrl,
    database: o.database,
    intervalMs: o.sampleIntervalMs ?? 1000,
    statsIntervalMs: o.statsIntervalMs,
    odooLogFile: o.odooLogFile,
    pgLogFile: o.pgLogFile,
    sinks: {
      ...sinks,
      warning: (source, message) => {
        warnings.push(`${source}: ${message}`);
        sinks.warning(source, message);
      },
    },
  });
  await writer.update({ collectors: collectors.collectors });
  for (const line of collectors.privileges?.missing ?? []) o.onWarning?.(line);
  if (collectors.collectors.length === 0) {
    await collectors.stop();
    const reason = `no collector started: ${warnings[0] ?? 'nothing to collect'}`;
    await writer.close('failed', reason);
    throw new InputError('COLLECT_NOTHING', `collect: ${reason}`);
  }
  o.onStart?.({ runDir: writer.dir, collectors: collectors.collectors });
  const timedOut = await waitFor(o.durationS, o.signal);
  await collectors.stop();
  const interrupted = !timedOut && o.durationS !== undefined;
  const status: RunStatus = interrupted ? 'interrupted' : 'completed';
  const reason = interrupted ? 'interrupted before the end of --duration' : undefined;
  await writer.close(status, reason);
  return { runDir: writer.dir, runId: writer.id, status, ...(reason !== undefined ? { reason } : {}), collectors: collectors.collectors };
}

/** Resolves true when `durationS` passed, false when `signal` aborted first. */
function waitFor(durationS: number | undefined, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const timer = durationS === undefined ? undefined : setTimeout(() => done(true), durationS * 1000);
    const onAbort = () => done(false);
    function done(value: boolean) {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(value);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
