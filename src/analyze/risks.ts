/**
 * The risks a report lists, each derived from evidence in the RunSummary, with what to do about it.
 * Ranked by a score (0–100): evidence that the measurement itself is unreliable first (load
 * generator bottleneck, partial run), then failures users feel (missed objectives, worker
 * saturation, serialization failures), then warning signs, then missing evidence. Pure.
 */
import type { Reasoned } from '../../models/reasoned.js';
import type { RunSummary } from './types.js';

export type RiskSeverity = 'high' | 'medium' | 'low';

export interface Risk {
  /** Stable identifier, e.g. `serialization-failures`. */
  id: string;
  severity: RiskSeverity;
  /** Ranking score, 0–100 (higher first). */
  score: number;
  title: string;
  /** The measurement behind it. */
  evidence: string;
  /** What to do about it. */
  action: string;
}

/** Worker utilisation (busy time / wall time) from which a worker counts as saturated. */
export const SATURATED_WORKER_UTILIZATION = 0.8;
/** A heavyweight-lock wait at least this long is a risk, seconds. */
export const LONG_LOCK_WAIT_S = 1;
/** Buffer cache hit ratio below which reads go to disk noticeably. */
export const LOW_CACHE_HIT_RATIO = 0.95;

const severityOf = (score: number): RiskSeverity => (score >= 70 ? 'high' : score >= 45 ? 'medium' : 'low');
const pct = (x: number) => `${Math.round(x * 100)} %`;

export interface RiskContext {
  /** Headroom used by the verdict (models/headroom.ts). */
  headroom?: Reasoned<number>;
  /** Recommended HTTP workers, for the action text. */
  recommendedWorkers?: number;
  /** CPU cores of the machine the database ran on, when known. */
  cores?: number;
  /** What limited the tested configuration (worker-sizing.ts), for the action text; default from the evidence. */
  workerLimit?: 'workers' | 'cpu' | 'retries' | 'none';
}

/**
 * What to do about saturated workers, consistent with the recommendation: raise from the tested
 * count to the recommended one when it is higher; when it is not, more workers alone do not help —
 * say what limited the run (CPU, or retry back-off sleeping inside the workers) and what to do.
 */
export function workerSaturationAction(tested: number | undefined, recommended: number | undefined, limit: RiskContext['workerLimit']): string {
  if (recommended !== undefined && (tested === undefined || recommended > tested)) {
    const from = tested === undefined ? '' : ` from ${tested}`;
    const cpu = limit === 'cpu' ? ' and add CPU cores: the CPU was the limit of the tested machine' : ' (CPU and RAM allowing)';
    return `Raise the HTTP workers${from} to the recommended ${recommended}${cpu}, and move long reports to their own worker pool.`;
  }
  if (recommended === undefined) {
    return `Raise the HTTP workers${tested === undefined ? '' : ` above the tested ${tested}`} (CPU and RAM allowing) and move long reports to their own worker pool.`;
  }
  const why =
    limit === 'cpu'
      ? 'the CPU, not the worker count, was the limit: add CPU cores'
      : 'serialization-failure retries sleep inside the workers, so the retries, not the worker count, were the limit: reduce concurrent picks of one product (pick waves by product or zone), isolate EDI imports on their own workers, and add CPU cores if the CPU is busy';
  return `Keep ${recommended} HTTP workers — more workers alone will not help: ${why}.`;
}

type Found = Omit<Risk, 'severity'>;
/** One kind of risk: found in the evidence, or not. */
type RiskCheck = (summary: RunSummary, context: RiskContext) => Found | undefined;

/** Every risk the evidence shows, highest score first. */
export function assessRisks(summary: RunSummary, context: RiskContext = {}): Risk[] {
  return RISK_CHECKS.flatMap((check) => check(summary, context) ?? [])
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .map((r) => ({ ...r, severity: severityOf(r.score) }));
}

const loadGeneratorBottleneck: RiskCheck = (summary) => {
  const engineNotes = summary.notes.filter((n) => /^(engine|self-monitor): /.test(n) && /bottleneck/i.test(n));
  if (summary.engineHealth?.bottleneck !== true && engineNotes.length === 0) return undefined;
  return {
    id: 'load-generator-bottleneck',
    score: 100,
    title: 'The load generator, not Odoo, may have been the bottleneck',
    evidence: summary.engineHealth?.reasons.join('; ') || engineNotes.join('; '),
    action: 'Treat the latencies as upper bounds; re-run with fewer virtual users per machine, split the run over several machines (--segment) or use the k6 engine.',
  };
};

const partialRun: RiskCheck = (summary) =>
  summary.status === 'completed'
    ? undefined
    : {
        id: 'partial-run',
        score: 90,
        title: 'The run did not complete',
        evidence: `Status ${summary.status}${summary.statusReason ? `: ${summary.statusReason}` : ''}; the figures cover only what ran.`,
        action: 'Re-run the profile to completion before deciding.',
      };

const objectivesMissed: RiskCheck = (summary) => {
  const failed = summary.slos.filter((s) => !s.pass);
  if (failed.length === 0) return undefined;
  const flows = [...new Set(failed.map((s) => s.journey))];
  return {
    id: 'objectives-missed',
    score: 85,
    title: `${flows.length} business flow${flows.length === 1 ? '' : 's'} missed ${flows.length === 1 ? 'its' : 'their'} objective`,
    evidence: `${failed.length} objective${failed.length === 1 ? '' : 's'} missed (${flows.join(', ')}).`,
    action: 'Apply the recommended configuration, then look at the slow flow’s top statements and wait classes in the appendix to see whether the time goes to PostgreSQL or to Python.',
  };
};

/** Saturated workers in Odoo's log, else a headroom below zero because of the workers. */
const workerSaturation: RiskCheck = (summary, context) => {
  const workers = summary.odoo?.workers ?? [];
  const busiest = workers[0];
  const headroom = context.headroom?.value;
  if (busiest !== undefined && busiest.utilization >= SATURATED_WORKER_UTILIZATION) {
    return {
      id: 'worker-saturation',
      score: 80,
      title: 'Odoo workers were saturated',
      evidence: `The busiest of ${workers.length} workers was busy ${pct(busiest.utilization)} of the run (Odoo log: SQL + Python time per worker).`,
      action: workerSaturationAction(workers.length, context.recommendedWorkers, context.workerLimit),
    };
  }
  if (headroom !== undefined && headroom < 0 && context.headroom?.inputs.limit === 'workers') {
    return {
      id: 'worker-saturation',
      score: 78,
      title: 'The workers have no headroom at the peak',
      evidence: context.headroom?.reason ?? '',
      action: workerSaturationAction(workers.length > 0 ? workers.length : undefined, context.recommendedWorkers, context.workerLimit),
    };
  }
  return undefined;
};

const serializationFailures: RiskCheck = (summary) => {
  const conc = summary.concurrency;
  if (conc === undefined || (conc.serializationFailures === 0 && conc.retries === 0)) return undefined;
  return {
    id: 'serialization-failures',
    score: conc.gaveUp > 0 ? 82 : 72,
    title: 'Concurrent updates of the same records collided (serialization failures)',
    evidence: `${conc.serializationFailures} serialization failure${conc.serializationFailures === 1 ? '' : 's'}, ${conc.retries} retried by Odoo, ${conc.gaveUp} given up after the last try.`,
    action: 'Isolate stock-heavy flows (picking, receipts) from order entry, reduce concurrent picks of one product (pick waves by product or zone), and keep the transactions that move stock short.',
  };
};

const workerKills: RiskCheck = (summary) => {
  const kills = summary.odoo?.summary.workers ?? {};
  const killed = (kills['memory-limit'] ?? 0) + (kills['timeout-killed'] ?? 0) + (kills['cpu-limit'] ?? 0) + (kills['real-time-limit'] ?? 0);
  if (killed === 0) return undefined;
  return {
    id: 'worker-kills',
    score: 74,
    title: 'Odoo killed workers that hit a limit',
    evidence: `${killed} worker${killed === 1 ? '' : 's'} stopped by a limit (memory ${kills['memory-limit'] ?? 0}, time ${(kills['timeout-killed'] ?? 0) + (kills['real-time-limit'] ?? 0)}, CPU ${kills['cpu-limit'] ?? 0}).`,
    action: 'Find the request that hit the limit in the Odoo log; raise limit_memory_hard / limit_time_real for it or move it (reports, imports) to a dedicated worker.',
  };
};

const lockWaits: RiskCheck = (summary) => {
  const longest = summary.database?.lockWaits[0];
  const lockShare = summary.waits?.byClass.find((c) => c.waitClass === 'lock')?.share ?? 0;
  if (!((longest !== undefined && longest.waitS >= LONG_LOCK_WAIT_S) || lockShare >= 0.1)) return undefined;
  return {
    id: 'lock-waits',
    score: 60 + Math.min(15, Math.round(longest?.waitS ?? 0)),
    title: 'Transactions waited on each other’s locks',
    evidence:
      longest !== undefined
        ? `Longest lock wait ${longest.waitS.toFixed(1)} s (${longest.lockType} ${longest.mode}${longest.relation ? ` on ${longest.relation}` : ''}); lock waits were ${pct(lockShare)} of database time.`
        : `Lock waits were ${pct(lockShare)} of database time.`,
    action: 'See the blocking statements in the lock-wait table; shorten the transactions that hold row locks (confirm in smaller batches) and avoid concurrent edits of one record.',
  };
};

const droppedIterations: RiskCheck = (summary) => {
  const flows = summary.overall.stats.filter((s) => s.step === null);
  const dropped = flows.reduce((sum, s) => sum + (s.dropped ?? 0), 0);
  const scheduled = flows.reduce((sum, s) => sum + (s.scheduled ?? 0), 0);
  if (dropped === 0) return undefined;
  return {
    id: 'dropped-iterations',
    score: 65,
    title: 'Some business flows could not even start (dropped iterations)',
    evidence: `${dropped} of ${scheduled} scheduled iterations were dropped: every virtual user was waiting on a slow response.`,
    action: 'Read the latencies as a lower bound of what users would see; raise the profile’s maxVUs and fix the slowness first.',
  };
};

const databaseCpu: RiskCheck = (summary, context) => {
  const cpuAas = summary.waits?.byClass.find((c) => c.waitClass === 'cpu')?.aas ?? 0;
  if (!(context.cores !== undefined && context.cores > 0 && cpuAas >= 0.8 * context.cores)) return undefined;
  return {
    id: 'database-cpu',
    score: 68,
    title: 'PostgreSQL used nearly all CPU cores',
    evidence: `${cpuAas.toFixed(2)} sessions on CPU on average against ${context.cores} cores.`,
    action: 'Give PostgreSQL more cores, or tune the top statements in the appendix.',
  };
};

const failedRequests: RiskCheck = (summary) => {
  const { e, n } = summary.overall.stats.filter((s) => s.step === null).reduce((acc, s) => ({ e: acc.e + s.errors, n: acc.n + s.count }), { e: 0, n: 0 });
  if (!(n > 0 && e / n > 0.01)) return undefined;
  return {
    id: 'errors',
    score: 62,
    title: 'Requests failed',
    evidence: `${e} of ${n} iterations failed (${pct(e / n)}).`,
    action: 'See the error kinds per flow in the appendix and the Odoo log; fix functional errors before sizing.',
  };
};

const littleHeadroom: RiskCheck = (_summary, context) => {
  const headroom = context.headroom?.value;
  if (!(headroom !== undefined && headroom >= 0 && headroom < 20)) return undefined;
  return {
    id: 'little-headroom',
    score: 50,
    title: `Only ${headroom} % headroom`,
    evidence: context.headroom?.reason ?? '',
    action: 'A busier day than the tested peak breaks an objective: size for the forecast with --forecast, or add workers and cores.',
  };
};

const cacheMisses: RiskCheck = (summary) => {
  const hit = summary.database?.run?.cacheHitRatio;
  if (hit === undefined || hit === null || hit >= LOW_CACHE_HIT_RATIO) return undefined;
  return {
    id: 'cache-misses',
    score: 40,
    title: 'PostgreSQL read from disk often',
    evidence: `Buffer cache hit ratio ${pct(hit)} (below ${pct(LOW_CACHE_HIT_RATIO)}).`,
    action: 'Give PostgreSQL more RAM (shared_buffers, effective_cache_size), as in the recommended settings.',
  };
};

const noDatabaseEvidence: RiskCheck = (summary) =>
  summary.waits !== undefined || summary.database !== undefined
    ? undefined
    : {
        id: 'no-database-evidence',
        score: 30,
        title: 'No database evidence was collected',
        evidence: 'The run sampled neither pg_stat_activity nor PostgreSQL counters.',
        action: 'Re-run with --pg-url so waits, locks and statements can be judged.',
      };

const noOdooLog: RiskCheck = (summary) =>
  summary.odoo !== undefined
    ? undefined
    : {
        id: 'no-odoo-log',
        score: 25,
        title: 'No Odoo log was read',
        evidence: 'Server-side SQL and Python time, retries and worker kills are unknown.',
        action: 'Re-run with --odoo-log pointing at the Odoo server’s log file (log_level info).',
      };

/** Every check, in no particular order: the scores rank what they find. */
const RISK_CHECKS: readonly RiskCheck[] = [
  loadGeneratorBottleneck,
  partialRun,
  objectivesMissed,
  workerSaturation,
  serializationFailures,
  workerKills,
  lockWaits,
  droppedIterations,
  databaseCpu,
  failedRequests,
  littleHeadroom,
  cacheMisses,
  noDatabaseEvidence,
  noOdooLog,
];
