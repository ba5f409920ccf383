/**
 * zod schema of summary.json (schemaVersion 1). The JSON Schema in reports/summary.schema.json is
 * generated from it (`summaryJsonSchemaDocument`), and compile-time checks below keep it equal to the
 * TypeScript contracts (RunSummary, Reasoned, Verdict): change a contract and this file stops compiling.
 * Objects are strict (unknown keys rejected) so a consumer sees every format change as a schema change.
 */
import { z } from 'zod';
import type { Reasoned } from '../../models/reasoned.js';
import type { RunSummary } from '../analyze/types.js';
import type { ConfigurationSummary, Verdict } from './types.js';
import type { Risk } from '../analyze/risks.js';
import type { ScalabilityAnalysis } from '../analyze/scalability.js';
import type { WhatIfTable } from '../analyze/what-if.js';

export const SUMMARY_SCHEMA_VERSION = 1 as const;

/** `$id` of the published schema (a name, not a location: nothing is fetched from it). */
export const SUMMARY_SCHEMA_ID = 'urn:odoo-capacity:summary:1';

const runStatus = z.enum(['running', 'completed', 'aborted', 'interrupted', 'failed']);
const waitClass = z.enum(['cpu', 'odoo-python', 'lock', 'lwlock', 'io', 'ipc', 'client', 'timeout', 'other']);

const latencyStats = z.strictObject({
  journey: z.string(),
  step: z.string().nullable(),
  count: z.number(),
  errors: z.number(),
  errorsByKind: z.record(z.string(), z.number()),
  errorRate: z.number(),
  throughputPerS: z.number(),
  meanMs: z.number(),
  p50Ms: z.number(),
  p95Ms: z.number(),
  p99Ms: z.number(),
  maxMs: z.number(),
  p95CiMs: z.strictObject({ lowMs: z.number().nullable(), highMs: z.number().nullable() }).optional(),
  dropped: z.number().optional(),
  scheduled: z.number().optional(),
  serviceMeanMs: z.number().optional(),
  serviceScv: z.number().optional(),
});

const phaseSummary = z.strictObject({
  name: z.string(),
  startS: z.number(),
  endS: z.number(),
  stats: z.array(latencyStats),
});

const timelinePoint = z.strictObject({
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
  meanMs: z.number().optional(),
});

const waitSummary = z.strictObject({
  samples: z.number(),
  spanS: z.number(),
  byClass: z.array(z.strictObject({ waitClass, aas: z.number(), share: z.number() })),
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
  timeline: z.array(z.strictObject({ t: z.number(), waitClass, aas: z.number() })),
  maxConnections: z.number(),
});

const sloVerdict = z.strictObject({
  journey: z.string(),
  phase: z.string(),
  objective: z.string(),
  measured: z.number(),
  threshold: z.number(),
  unit: z.enum(['ms', 'ratio']),
  pass: z.boolean(),
  conclusive: z.boolean().optional(),
  ci: z.strictObject({ low: z.number().nullable(), high: z.number().nullable() }).optional(),
});

// ── RunSummary fields added with issue 9 ──

const runMetadata = z.strictObject({
  tool: z.strictObject({ name: z.string(), version: z.string() }),
  engine: z.enum(['embedded', 'k6']),
  windowMs: z.number(),
  seed: z.number(),
  plannedDurationS: z.number(),
  host: z.strictObject({ hostname: z.string(), cpus: z.number(), platform: z.string(), node: z.string(), pid: z.number().int().optional() }),
  collectors: z.array(z.strictObject({ name: z.string(), intervalMs: z.number(), source: z.string().optional() })),
  pgUrl: z.string().optional(),
  transport: z.string().optional(),
  segment: z.strictObject({ index: z.number(), count: z.number() }).optional(),
  mergedFrom: z.array(z.string()).optional(),
});

const latencyDistribution = z.strictObject({
  journey: z.string(),
  count: z.number(),
  points: z.array(z.strictObject({ percentile: z.number(), ms: z.number() })),
});

const thresholdVerdict = z.strictObject({ source: z.string(), value: z.number().nullable(), pass: z.boolean() });

const counters = z.record(z.string(), z.number());

const statementDelta = z.strictObject({
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

const pgStatsPeriod = z.strictObject({
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
  topStatements: z.array(statementDelta),
  resets: z.array(z.string()),
});

const lockWait = z.strictObject({
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

const databaseSummary = z.strictObject({
  run: pgStatsPeriod.nullable(),
  phases: z.array(pgStatsPeriod),
  lockWaits: z.array(lockWait),
  lockWaitsByType: z.record(z.string(), z.strictObject({ count: z.number(), maxWaitS: z.number(), totalWaitS: z.number() })),
  notes: z.array(z.string()),
  pgLogErrors: z.record(z.string(), z.number()).nullable(),
});

const requestGroup = z.strictObject({
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

const workerEvent = z.enum([
  'spawned',
  'exiting',
  'max-requests',
  'memory-limit',
  'cpu-limit',
  'timeout-killed',
  'real-time-limit',
  'server-memory-limit',
  'critical-error',
  'worker-exception',
  'server-start',
  'server-stop',
]);

const odooEvidence = z.strictObject({
  spanS: z.number(),
  summary: z.strictObject({
    requests: z.strictObject({ count: z.number(), byPath: z.array(requestGroup), byModelMethod: z.array(requestGroup) }),
    retries: z.strictObject({ total: z.number(), byCode: z.record(z.string(), z.number()), gaveUp: z.number() }),
    workers: z.partialRecord(workerEvent, z.number()),
    errors: z.strictObject({
      total: z.number(),
      byClass: z.partialRecord(z.enum(['serialization_failure', 'deadlock', 'lock_not_available', 'other']), z.number()),
    }),
    serializationFailures: z.number(),
  }),
  workers: z.array(z.strictObject({ pid: z.number(), requests: z.number(), busyS: z.number(), utilization: z.number() })),
});

const rollbackInterpretation = z.strictObject({
  rollbacks: z.number(),
  note: z.string(),
  serializationFailures: z.number(),
  retries: z.number(),
  gaveUp: z.number(),
  pgLogSerializationFailures: z.number().nullable(),
  deadlocks: z.number(),
});

const engineHealth = z.strictObject({
  windows: z.number(),
  maxLoopLagP99Ms: z.number().nullable(),
  maxCpuShare: z.number().nullable(),
  maxStartLagP99Ms: z.number().nullable(),
  busyWindowShare: z.number(),
  peakRssBytes: z.number().nullable(),
  bottleneck: z.boolean(),
  reasons: z.array(z.string()),
});

const saturationPoint = z.strictObject({
  atS: z.number(),
  phase: z.string().nullable(),
  offeredRatePerS: z.number(),
  achievedRatePerS: z.number(),
  reason: z.enum(['dropped-iterations', 'latency-knee']),
  dropped: z.number(),
  p95Ratio: z.number().nullable(),
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
  durationS: z.number(),
  scale: z.number(),
  compress: z.strictObject({ factor: z.number(), keep: z.enum(['peak-rates', 'totals']) }),
  phases: z.array(phaseSummary),
  overall: phaseSummary,
  timeline: z.array(timelinePoint),
  waits: waitSummary.optional(),
  slos: z.array(sloVerdict),
  notes: z.array(z.string()),
  meta: runMetadata.optional(),
  distribution: z.array(latencyDistribution).optional(),
  thresholds: z.array(thresholdVerdict).optional(),
  database: databaseSummary.optional(),
  odoo: odooEvidence.optional(),
  concurrency: rollbackInterpretation.optional(),
  engineHealth: engineHealth.optional(),
  saturation: saturationPoint.optional(),
});

function reasoned<T extends z.ZodType>(value: T) {
  return z.strictObject({
    value,
    unit: z.string().optional(),
    reason: z.string(),
    formula: z.string().optional(),
    inputs: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  });
}

export const reasonedNumberSchema = reasoned(z.number());
export const reasonedUnknownSchema = reasoned(z.unknown());

export const verdictSchema = z.strictObject({
  level: z.enum(['ready', 'not-ready', 'inconclusive']),
  headline: z.string(),
  partial: z.boolean(),
  headroomPercent: z.number().optional(),
  journeys: z.array(
    z.strictObject({
      journey: z.string(),
      light: z.enum(['green', 'amber', 'red', 'grey']),
      label: z.string(),
      detail: z.string(),
    }),
  ),
  confidence: z.strictObject({ level: z.enum(['ok', 'low']), replayError: z.number(), causes: z.array(z.string()) }).optional(),
});

// ── Report-level results added with issue 9 ──

export const configurationSchema = z.strictObject({
  source: z.enum(['forecast', 'run']),
  sizedFor: z.string(),
  costDrivers: z.array(z.strictObject({ tier: z.string(), configuration: z.string(), driver: z.string() })),
  notes: z.array(z.string()),
});

export const riskSchema = z.strictObject({
  id: z.string(),
  severity: z.enum(['high', 'medium', 'low']),
  score: z.number(),
  title: z.string(),
  evidence: z.string(),
  action: z.string(),
});

export const scalabilitySchema = z.strictObject({
  bucketS: z.number(),
  points: z.array(z.strictObject({ t: z.number(), concurrency: z.number(), throughputPerS: z.number(), latencyMs: z.number() })),
  distinctConcurrencyLevels: z.number(),
  fit: z
    .strictObject({
      sigma: z.number(),
      kappa: z.number(),
      gamma: z.number(),
      rSquared: z.number(),
      peakConcurrency: z.number().nullable(),
      peakThroughputPerS: z.number().nullable(),
      converged: z.boolean(),
    })
    .nullable(),
  reason: z.string(),
});

export const whatIfSchema = z.strictObject({
  cores: z.number(),
  rows: z.array(
    z.strictObject({
      workers: z.number(),
      utilization: z.number(),
      cpuUtilization: z.number(),
      journeys: z.array(z.strictObject({ journey: z.string(), p95Ms: z.number(), count: z.number() })),
      longestBacklogS: z.number(),
      tested: z.boolean(),
      recommended: z.boolean(),
    }),
  ),
  reason: z.string(),
  replay: z
    .strictObject({
      workers: z.number(),
      cores: z.number(),
      backgroundCores: z.number(),
      journeys: z.array(
        z.strictObject({
          journey: z.string(),
          measuredP95Ms: z.number(),
          predictedP95Ms: z.number(),
          p95Error: z.number(),
          measuredPerS: z.number(),
          predictedPerS: z.number(),
          throughputError: z.number(),
          measuredCount: z.number(),
        }),
      ),
      worstError: z.number(),
      confidence: z.enum(['ok', 'low']),
      causes: z.array(z.string()),
    })
    .optional(),
  model: z
    .strictObject({
      evidence: z.enum(['odoo-log', 'client']),
      backgroundCores: z.number(),
      clientGapS: z.number(),
      meanCallS: z.number(),
      callsMeasured: z.number(),
      retriesPerConcurrency: z.number(),
    })
    .optional(),
});

export const summaryJsonSchema = z
  .strictObject({
    schemaVersion: z.literal(SUMMARY_SCHEMA_VERSION),
    generatedAt: z.string(),
    verdict: verdictSchema,
    summary: runSummarySchema,
    /** Recommendations by name (`httpWorkers`, …); empty when the run measured nothing to size from. */
    recommendation: z.object({ httpWorkers: reasonedNumberSchema.optional() }).catchall(reasonedUnknownSchema),
    /** Why there is no recommendation, when there is none. */
    noRecommendation: z.string().optional(),
    /** What the recommendation was sized for and what drives each tier's cost. */
    configuration: configurationSchema.optional(),
    /** Every risk the evidence shows, highest score first. */
    risks: z.array(riskSchema).optional(),
    /** Latency–throughput points and the Universal Scalability Law fit. */
    scalability: scalabilitySchema.optional(),
    /** Simulated p95 and utilisation per HTTP worker count. */
    whatIf: whatIfSchema.optional(),
  })
  .meta({
    title: 'odoo-capacity summary.json',
    description: 'Machine-readable result of one odoo-capacity run: the verdict, the analysed RunSummary and the recommendation with reasons.',
  });

export type SummaryJson = z.infer<typeof summaryJsonSchema>;

/** The JSON Schema (draft 2020-12) of summary.json, as committed in reports/summary.schema.json. */
export function summaryJsonSchemaDocument(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(summaryJsonSchema) as Record<string, unknown>;
  return { $schema, $id: SUMMARY_SCHEMA_ID, ...rest };
}

// Compile-time: the schemas describe exactly the TypeScript contracts (mutual assignability, and the
// same keys: assignability alone lets an optional field be missing from one side).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type SameShape<A, B> = Same<A, B> extends true ? Same<keyof A, keyof B> : false;
const _runSummaryMatches: SameShape<z.infer<typeof runSummarySchema>, RunSummary> = true;
const _reasonedMatches: SameShape<z.infer<typeof reasonedNumberSchema>, Reasoned<number>> = true;
const _verdictMatches: SameShape<z.infer<typeof verdictSchema>, Verdict> = true;
const _configurationMatches: SameShape<z.infer<typeof configurationSchema>, ConfigurationSummary> = true;
const _riskMatches: SameShape<z.infer<typeof riskSchema>, Risk> = true;
const _scalabilityMatches: SameShape<z.infer<typeof scalabilitySchema>, ScalabilityAnalysis> = true;
const _whatIfMatches: SameShape<z.infer<typeof whatIfSchema>, WhatIfTable> = true;
type RunSummaryPart<K extends keyof RunSummary> = NonNullable<RunSummary[K]>;
type SchemaPart<K extends keyof RunSummary> = NonNullable<z.infer<typeof runSummarySchema>[K]>;
const _metaMatches: SameShape<SchemaPart<'meta'>, RunSummaryPart<'meta'>> = true;
const _databaseMatches: SameShape<SchemaPart<'database'>, RunSummaryPart<'database'>> = true;
const _odooMatches: SameShape<SchemaPart<'odoo'>, RunSummaryPart<'odoo'>> = true;
const _concurrencyMatches: SameShape<SchemaPart<'concurrency'>, RunSummaryPart<'concurrency'>> = true;
const _engineMatches: SameShape<SchemaPart<'engineHealth'>, RunSummaryPart<'engineHealth'>> = true;
const _saturationMatches: SameShape<SchemaPart<'saturation'>, RunSummaryPart<'saturation'>> = true;
