/**
 * One load run, end to end (DESIGN.md data flow):
 *   target check → run directory → collectors → engine (plan × journeys) → status.
 * Everything measured is appended to the run directory as it happens; an abort, Ctrl-C or a crash
 * leaves a run that `report` can read.
 */
import type { JourneySource } from '../../scenarios/journeys/load.js';
import type { Journey } from '../../scenarios/journeys/types.js';
import type { LoadPlan } from '../plan/plan.js';
import { runPlan, type Progress } from '../engine/run-plan.js';
import type { Sample } from '../engine/samples.js';
import { thresholdsFromSlos, type Threshold, type ThresholdResult } from '../run/thresholds.js';
import { runK6 } from '../k6/run.js';
import { startCollectors } from '../collect/index.js';
import { writerSinks } from './collector-sinks.js';
import { createClient } from '../odoo/connect.js';
import { detectVersion } from '../odoo/version.js';
import { assertStaging } from '../odoo/staging.js';
import { transportFor } from '../odoo/transport-choice.js';
import { warmUp } from '../odoo/warm-up.js';
import type { OdooTarget, TransportName } from '../odoo/types.js';
import { RunWriter, type ManifestInput } from '../run/writer.js';
import { redactUrl } from '../redact.js';
import { RUN_FORMAT_VERSION, RUN_STREAMS, type RunStatus, type ServerShapeRecord } from '../run/records.js';
import { toolVersion } from '../version.js';
import { CircuitBreaker, DEFAULT_BREAKER, type BreakerConfig } from '../safety/circuit-breaker.js';

export interface RunLoadOptions {
  plan: LoadPlan;
  /** embedded (default): the Node engine; k6: the exported script run by `k6` on PATH. */
  engine?: 'embedded' | 'k6';
  /** Thresholds to evaluate (default: the plan's SLOs). */
  thresholds?: Threshold[];
  journeys: Record<string, Journey>;
  /** The profile's own journey files (scenarios/journeys/load.ts), for the k6 engine's bundle. */
  journeySources?: readonly JourneySource[];
  target: OdooTarget;
  /** Overrides every journey's own transport. */
  transport?: TransportName;
  /** The target's PostgreSQL for the collectors; without it the run has no database evidence. */
  pgUrl?: string;
  /** Database name to sample in pg_stat_activity (default: target.db). */
  pgDatabase?: string;
  /** Parent directory of run directories (default `runs`). */
  runsDir: string;
  /** Touch every Odoo worker before measuring (default true). */
  warmUp?: boolean;
  /** The target's HTTP worker count, if known, to size the warm-up (default 5). */
  odooWorkers?: number;
  /** The tested server's shape, recorded in the manifest for the sizing model. */
  server?: ServerShapeRecord;
  /** Refuse to write into a database not marked `database.is_neutralized` unless set. */
  allowUnneutralized?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  /** Epoch ms at which the embedded engine starts the load after its setup (see runPlan). */
  startAt?: number;
  /** Every sample the embedded engine emits (arrivals, iterations, steps), e.g. to keep raw latencies. */
  onSample?: (sample: Sample) => void;
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
  /**
   * Circuit breaker (src/safety/circuit-breaker.ts), embedded engine only: stops the run with
   * status `aborted` when the target's error rate or latency crosses a safety limit.
   * Default: on with DEFAULT_BREAKER; `false` disables it.
   */
  breaker?: BreakerConfig | false;
}

export interface RunLoadResult {
  runDir: string;
  runId: string;
  status: RunStatus;
  reason?: string;
  /** Every threshold's verdict (a failure means exit code 99). */
  thresholds: ThresholdResult[];
}

export async function runLoad(options: RunLoadOptions): Promise<RunLoadResult> {
  const { plan, target } = options;
  const version = await detectVersion(target.url, target.timeoutMs);

  // Log in once before anything else: a wrong password must stop us before a hundred virtual users
  // each try (Odoo locks the IP out after five failures).
  const probeTransport = transportFor('xmlrpc', version.major, options.transport);
  const probe = createClient(target, probeTransport);
  try {
    await probe.authenticate();
    await assertStaging(probe, { allow: options.allowUnneutralized, url: target.url, db: target.db, login: target.login, action: 'load it' });
  } finally {
    await probe.close();
  }
  // Odoo's first request per worker loads the registry (~3.5 s): touch every worker before measuring.
  if (options.warmUp !== false) await warmUp(target, probeTransport, options.odooWorkers);

  const transportOf = (journey: string): TransportName =>
    transportFor(options.journeys[journey]?.transport ?? 'xmlrpc', version.major, options.transport);
  const manifest: ManifestInput = {
    tool: { name: 'odoo-capacity', version: toolVersion() },
    engine: options.engine ?? 'embedded',
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
    ...(options.server ? { server: options.server } : {}),
    ...(plan.segment ? { segment: { index: plan.segment.index, count: plan.segment.count } } : {}),
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
    sinks: writerSinks(writer),
  });
  await writer.update({ collectors: collectors.collectors });
  for (const line of collectors.privileges?.missing ?? []) options.onWarning?.(line);

  options.onStart?.({ runDir: writer.dir, serverVersion: version.serverVersion });
  let status: RunStatus = 'failed';
  let reason: string | undefined;
  let thresholds: ThresholdResult[] = [];
  try {
    const journeysUsed = Object.fromEntries(plan.scenarios.map((s) => [s.journey, options.journeys[s.journey]!]));
    if (options.engine === 'k6') {
      const result = await runK6({
        plan, thresholds: options.thresholds ?? thresholdsFromSlos(plan.slos), target, writer, signal: options.signal,
        serverMajor: Number.isFinite(version.major) ? version.major : undefined,
        journeySources: options.journeySources,
      });
      ({ status, reason, thresholds } = result);
      if (result.k6ThresholdsCrossed && thresholds.every((t) => t.pass)) {
        // k6 judged a threshold we could not recompute from its output: trust k6's exit code 99.
        thresholds = [...thresholds, { source: "k6's own thresholds (exit code 99)", value: null, pass: false }];
      }
    } else {
      // The breaker stops the engine through its own controller; the engine then reports
      // `interrupted`, which is turned into `aborted` with the breaker's reason below.
      const tripped = new AbortController();
      const breakerConfig = options.breaker === undefined ? DEFAULT_BREAKER : options.breaker;
      const breaker = breakerConfig === false ? undefined : new CircuitBreaker(breakerConfig, (why) => {
        writer.event({ v: RUN_FORMAT_VERSION, type: 'warning', t: Date.now(), source: 'circuit-breaker', message: why });
        tripped.abort(new Error(why));
      });
      const signal = options.signal ? AbortSignal.any([options.signal, tripped.signal]) : tripped.signal;
      try {
        const result = await runPlan({
          plan,
          journeys: journeysUsed,
          createClient: (request) => createClient(target, transportOf(request.journey)),
          sink: {
            window: (record) => {
              writer.window(record);
              breaker?.addWindow(record, manifest.windowMs);
            },
            event: (record) => writer.event(record),
            engine: (record) => writer.append(RUN_STREAMS.engine, record),
          },
          tag: runId,
          serverMajor: Number.isFinite(version.major) ? version.major : undefined,
          thresholds: options.thresholds,
          signal,
          onProgress: options.onProgress,
          onSample: options.onSample,
          startAt: options.startAt,
        });
        ({ status, reason, thresholds } = result);
        if (breaker?.reason !== undefined && status === 'interrupted' && !options.signal?.aborted) {
          status = 'aborted';
          reason = breaker.reason;
        }
      } finally {
        breaker?.release();
      }
    }
  } catch (error) {
    status = 'failed';
    reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw error;
  } finally {
    await collectors.stop();
    await writer.close(status, reason);
  }
  return { runDir: writer.dir, runId, status, reason, thresholds };
}
