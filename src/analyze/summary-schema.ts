/**
 * The zod schema of RunSummary — what analysis makes of a run directory — and the one declaration of
 * its types: ./types.ts infers them from here, and summary.json (src/report/summary-schema.ts) embeds
 * it. Objects are strict (unknown keys rejected) so a consumer sees every format change as a schema change.
 * Latencies in milliseconds; percentiles are HdrHistogram's `getValueAtPercentile` (the smallest
 * recorded value such that the given share of values is ≤ it), 3 significant digits.
 */
import { z } from 'zod';
import { engineHealthSummarySchema } from '../run/engine-health.js';
import { ODOO_WORKER_EVENTS, RUN_STATUSES, WAIT_CLASSES } from '../run/records.js';

const runStatus = z.enum(RUN_STATUSES);
const waitClass = z.enum(WAIT_CLASSES);

export const latencyStatsSchema = z.strictObject({
  journey: z.string(),
  step: z.string().nullable(),
  /** Completed iterations/steps, errors included. */
  count: z.number(),
  errors: z.number(),
  errorsByKind: z.record(z.string(), z.number()),
  /** errors / count, 0 when count is 0. */
  errorRate: z.number(),
  /** count / phase seconds. */
  throughputPerS: z.number(),
  meanMs: z.number(),
  p50Ms: z.number(),
  p95Ms: z.number(),
  p99Ms: z.number(),
  maxMs: z.number(),
  /** 95 % confidence interval of the p95 from order statistics (models/quantile-ci.ts), ms; a bound is null when too few samples exist for it (fewer than 73 for the upper one). */
  p95CiMs: z.strictObject({ lowMs: z.number().nullable(), highMs: z.number().nullable() }).optional(),
  /** Whole iterations only. */
  dropped: z.number().optional(),
  scheduled: z.number().optional(),
  /** Service time mean and squared coefficient of variation (variance / mean²). Whole iterations: from the service histogram (timed from the actual start). Steps: from the latency histogram, since steps are timed from their actual start already. Absent when nothing was recorded. */
  serviceMeanMs: z.number().optional(),
  serviceScv: z.number().optional(),
});

export const phaseSummarySchema = z.strictObject({
  name: z.string(),
  startS: z.number(),
  endS: z.number(),
  stats: z.array(latencyStatsSchema),
});

export const timelinePointSchema = z.strictObject({
  /** Seconds since run start (window start). */
  t: z.number(),
  journey: z.string(),
  step: z.string().nullable(),
  count: z.number(),
  errors: z.number(),
  p50Ms: z.number(),
  p95Ms: z.number(),
  p99Ms: z.number(),
  dropped: z.number(),
  scheduled: z.number(),
  /** Mean latency in the window, ms (added with issue 9, for Little's law concurrency). */
  meanMs: z.number().optional(),
});

export const waitSummarySchema = z.strictObject({
  samples: z.number(),
  /** Seconds covered by samples. */
  spanS: z.number(),
  /** Average active sessions by class over the run (sum of sessions in class / samples). */
  byClass: z.array(z.strictObject({ waitClass, aas: z.number(), share: z.number() })),
  /** Top wait events (state + type + event), by sample count. */
  byEvent: z.array(
    z.strictObject({
      state: z.string(),
      waitEventType: z.string().nullable(),
      waitEvent: z.string().nullable(),
      waitClass,
      samples: z.number(),
      aas: z.number(),
    }),
  ),
  /** AAS by class over time, one point per (second, class). */
  timeline: z.array(z.strictObject({ t: z.number(), waitClass, aas: z.number() })),
  /** Peak number of client backends seen. */
  maxConnections: z.number(),
});

export const sloVerdictSchema = z.strictObject({
  journey: z.string(),
  /** Phase the verdict is for (`all` for the run). */
  phase: z.string(),
  /** e.g. "p95 < 2000 ms". */
  objective: z.string(),
  measured: z.number(),
  threshold: z.number(),
  unit: z.enum(['ms', 'ratio']),
  /** The point estimate against the threshold (k6's reading). */
  pass: z.boolean(),
  /** Whether the measurement decides it: for a p95, the whole 95 % confidence interval lies on one side of the threshold (too few samples, or an interval straddling it, is inconclusive). Absent in summaries written before issue 16: read as conclusive. */
  conclusive: z.boolean().optional(),
  /** The p95's 95 % confidence interval, ms (bounds null when too few samples). */
  ci: z.strictObject({ low: z.number().nullable(), high: z.number().nullable() }).optional(),
});

// ── RunSummary fields added with issue 9 ──

export const runMetadataSchema = z.strictObject({
  tool: z.strictObject({ name: z.string(), version: z.string() }),
  engine: z.enum(['embedded', 'k6']),
  /** Window length of the metrics, ms. */
  windowMs: z.number(),
  seed: z.number(),
  /** Planned duration, seconds (durationS is what ran). */
  plannedDurationS: z.number(),
  /** Machine that generated the load. */
  host: z.strictObject({ hostname: z.string(), cpus: z.number(), platform: z.string(), node: z.string(), pid: z.number().int().optional() }),
  collectors: z.array(z.strictObject({ name: z.string(), intervalMs: z.number(), source: z.string().optional() })),
  /** The PostgreSQL sampled (password removed). */
  pgUrl: z.string().optional(),
  transport: z.string().optional(),
  segment: z.strictObject({ index: z.number(), count: z.number() }).optional(),
  /** Ids of the runs this one was merged from. */
  mergedFrom: z.array(z.string()).optional(),
});

/** Latency at fixed percentiles (an HdrHistogram percentile distribution) of one journey's whole iterations. */
export const latencyDistributionSchema = z.strictObject({
  journey: z.string(),
  count: z.number(),
  /** Percentile (0–100) → latency ms, in increasing percentile order; 100 is the maximum. */
  points: z.array(z.strictObject({ percentile: z.number(), ms: z.number() })),
});

export const thresholdVerdictSchema = z.strictObject({
  /** The expression, e.g. `order-to-delivery:p(95)<=2000`. */
  source: z.string(),
  /** Measured over the whole run (ms, count or 0–1 rate); null without data. */
  value: z.number().nullable(),
  /** A threshold without data passes (as in k6). */
  pass: z.boolean(),
});

const counters = z.record(z.string(), z.number());

export const statementDeltaSchema = z.strictObject({
  queryId: z.string(),
  query: z.string(),
  calls: z.number(),
  totalExecTimeMs: z.number(),
  meanExecTimeMs: z.number(),
  rows: z.number(),
  sharedBlksHit: z.number(),
  sharedBlksRead: z.number(),
  shareOfTime: z.number(),
});

export const pgStatsPeriodSchema = z.strictObject({
  name: z.string(),
  fromT: z.number(),
  toT: z.number(),
  seconds: z.number(),
  database: counters,
  commits: z.number(),
  rollbacks: z.number(),
  rollbackNote: z.string(),
  deadlocks: z.number(),
  conflicts: z.number(),
  tempFiles: z.number(),
  tempBytes: z.number(),
  cacheHitRatio: z.number().nullable(),
  readIops: z.number().nullable(),
  writeIops: z.number().nullable(),
  walBytes: z.number().nullable(),
  walBytesPerS: z.number().nullable(),
  checkpoints: z.strictObject({ timed: z.number(), requested: z.number(), writeTimeMs: z.number(), syncTimeMs: z.number() }).nullable(),
  connections: z.strictObject({ maxInUse: z.number(), maxDatabase: z.number(), max: z.number() }).nullable(),
  topStatements: z.array(statementDeltaSchema),
  resets: z.array(z.string()),
});

export const lockWaitSchema = z.strictObject({
  pid: z.number(),
  blockingPids: z.array(z.number()),
  waitS: z.number(),
  waitStart: z.number().nullable(),
  lockType: z.string(),
  mode: z.string(),
  relation: z.string().nullable(),
  queryId: z.string().nullable(),
  blockingQueryIds: z.array(z.string()),
  applicationName: z.string(),
  firstSeenT: z.number(),
  lastSeenT: z.number(),
});

export const databaseSummarySchema = z.strictObject({
  /** Counter deltas over the run and per phase (./pg-stats.ts), null for the run with fewer than two snapshots. */
  run: pgStatsPeriodSchema.nullable(),
  phases: z.array(pgStatsPeriodSchema),
  /** The longest heavyweight-lock waits, longest first, and their counts by lock type. */
  lockWaits: z.array(lockWaitSchema),
  lockWaitsByType: z.record(z.string(), z.strictObject({ count: z.number(), maxWaitS: z.number(), totalWaitS: z.number() })),
  /** What the stats collector could not see (missing extension or privilege). */
  notes: z.array(z.string()),
  /** Concurrency errors read from the PostgreSQL server log, null when it was not read. */
  pgLogErrors: z.record(z.string(), z.number()).nullable(),
});

export const requestGroupSchema = z.strictObject({
  key: z.string(),
  count: z.number(),
  serverErrors: z.number(),
  measured: z.number(),
  queries: z.number(),
  sqlS: z.number(),
  otherS: z.number(),
  meanQueries: z.number().nullable(),
  meanSqlMs: z.number().nullable(),
  meanOtherMs: z.number().nullable(),
  maxMs: z.number().nullable(),
});

const workerEvent = z.enum(ODOO_WORKER_EVENTS);

export const odooEvidenceSchema = z.strictObject({
  /** Seconds between the first and the last log record used. */
  spanS: z.number(),
  summary: z.strictObject({
    requests: z.strictObject({ count: z.number(), byPath: z.array(requestGroupSchema), byModelMethod: z.array(requestGroupSchema) }),
    retries: z.strictObject({ total: z.number(), byCode: z.record(z.string(), z.number()), gaveUp: z.number() }),
    /** Worker utilisation: per worker pid, the busy seconds (Σ SQL + other time of its requests) over the run's wall-clock seconds (the load duration). Requests without figures count as 0 s. */
    workers: z.partialRecord(workerEvent, z.number()),
    errors: z.strictObject({
      total: z.number(),
      byClass: z.partialRecord(z.enum(['serialization_failure', 'deadlock', 'lock_not_available', 'other']), z.number()),
    }),
    serializationFailures: z.number(),
  }),
  workers: z.array(z.strictObject({ pid: z.number(), requests: z.number(), busyS: z.number(), utilization: z.number() })),
});

export const rollbackInterpretationSchema = z.strictObject({
  rollbacks: z.number(),
  note: z.string(),
  serializationFailures: z.number(),
  retries: z.number(),
  gaveUp: z.number(),
  pgLogSerializationFailures: z.number().nullable(),
  deadlocks: z.number(),
});


/** The first window where iterations were dropped or latency bent upwards while throughput fell behind (./saturation.ts). */
export const saturationPointSchema = z.strictObject({
  /** Window start, seconds since the run start. */
  atS: z.number(),
  /** Phase containing the window's midpoint, null outside every phase. */
  phase: z.string().nullable(),
  /** Iterations scheduled per second in the window, all journeys. */
  offeredRatePerS: z.number(),
  /** Iterations completed per second in the window, all journeys. */
  achievedRatePerS: z.number(),
  reason: z.enum(['dropped-iterations', 'latency-knee']),
  /** Iterations dropped in the window. */
  dropped: z.number(),
  /** The largest window p95 / low-load baseline p95 over the journeys, null without a baseline. */
  p95Ratio: z.number().nullable(),
  /** The journey with that ratio. */
  journey: z.string().nullable(),
});

export const runSummarySchema = z.strictObject({
  v: z.literal(1),
  runId: z.string(),
  profile: z.string(),
  status: runStatus,
  statusReason: z.string().optional(),
  target: z.strictObject({ url: z.string(), db: z.string(), serverVersion: z.string().optional() }),
  startedAt: z.string(),
  endedAt: z.string().optional(),
  /** Seconds of load actually run. */
  durationS: z.number(),
  scale: z.number(),
  compress: z.strictObject({ factor: z.number(), keep: z.enum(['peak-rates', 'totals']) }),
  /** Per phase, per journey (step null) and per step. */
  phases: z.array(phaseSummarySchema),
  /** The whole run as one phase named `all`. */
  overall: phaseSummarySchema,
  /** One point per window and journey (step null = whole iteration). */
  timeline: z.array(timelinePointSchema),
  /** Wait-event breakdown from pg_activity samples; absent when no database evidence was collected. */
  waits: waitSummarySchema.optional(),
  slos: z.array(sloVerdictSchema),
  /** Warnings about the evidence itself (no pg samples, partial run, …). */
  notes: z.array(z.string()),
  /** How the run was made: tool, engine, load-generator host, collectors (for the report's metadata). Fields from here on were added with issue 9: optional, absent when the evidence was not collected. */
  meta: runMetadataSchema.optional(),
  /** Whole-iteration latency distribution per journey over the run, from the merged HDR histograms. */
  distribution: z.array(latencyDistributionSchema).optional(),
  /** The k6-style thresholds the run was gated on (the plan's SLOs, `thresholdsFromSlos`), judged on the whole run. */
  thresholds: z.array(thresholdVerdictSchema).optional(),
  /** PostgreSQL counters, top statements and lock waits (pg_stats.ndjson); absent without database evidence. */
  database: databaseSummarySchema.optional(),
  /** Odoo's own request log (odoo_log.ndjson); absent when no Odoo log was read. */
  odoo: odooEvidenceSchema.optional(),
  /** Rollbacks next to the concurrency failures that really happened; absent without database or Odoo-log evidence. */
  concurrency: rollbackInterpretationSchema.optional(),
  /** The load generator's own health (engine.ndjson); absent when self-monitoring did not run. */
  engineHealth: engineHealthSummarySchema.optional(),
  /** Where the run stopped keeping up with the offered load (./saturation.ts); absent when it never did. */
  saturation: saturationPointSchema.optional(),
});
