/**
 * Odoo server sizing: HTTP workers, cron threads, CPU cores, memory and the worker limits, each a
 * Reasoned value, compared with Odoo's rule of thumb.
 *
 * Odoo's documentation (odoo/documentation, content/administration/on_premise/deploy.rst,
 * "Worker number calculation", "memory size calculation", "Configuration sample"):
 *   - rule of thumb: workers ≤ (#CPU × 2) + 1; 1 worker ≈ 6 concurrent users; cron workers need CPU;
 *   - RAM = #workers × ((light share × 150 MB) + (heavy share × 1024 MB)), heavy share 20 %;
 *   - worked example: 4 CPU, 60 users → 60/6 = 10 needed, (4 × 2) + 1 = 9 maximum, "We'll use
 *     8 workers + 1 for cron", RAM = 9 × ((0.8 × 150) + (0.2 × 1024)) ≈ 3 GB, with
 *     limit_memory_hard 1677721600, limit_memory_soft 629145600, limit_time_cpu 600,
 *     limit_time_real 1200, max_cron_threads 1 (see docs/ODOO-PROTOCOL.md "Sizing guidance").
 *
 * `documentedOdooSizing` reproduces that method; `odooSizing` sizes from a measured or forecast
 * workload (the queueing model for the HTTP workers, the utilisation law for cores) and flags
 * where the result differs from the rule.
 */
import type { Reasoned } from './reasoned.js';
import { workersForTarget } from './workers-needed.js';

/** Odoo's documented memory figures, MB. */
export const LIGHT_WORKER_MB = 150;
export const HEAVY_WORKER_MB = 1024;
export const DEFAULT_HEAVY_SHARE = 0.2;
/** Odoo's configuration sample values. */
export const SAMPLE_LIMIT_MEMORY_HARD = 1677721600; // 1600 MiB
export const SAMPLE_LIMIT_MEMORY_SOFT = 629145600; // 600 MiB
export const SAMPLE_LIMIT_TIME_CPU = 600;
export const SAMPLE_LIMIT_TIME_REAL = 1200;
/** Fewest HTTP workers recommended: one long request must not block everybody. */
export const MIN_HTTP_WORKERS = 2;
/** Concurrent users one worker serves, by Odoo's documentation. */
export const USERS_PER_WORKER = 6;
/** Pooled PostgreSQL connections an Odoo process holds under load (docs/ODOO-PROTOCOL.md: ~2 per HTTP worker, 2–4 for cron). */
export const CONNECTIONS_PER_HTTP_WORKER = 2;
export const CONNECTIONS_PER_CRON_WORKER = 4;

/** Memory per worker, MB: light share × 150 + heavy share × 1024 (Odoo's formula). */
export function memoryPerWorkerMb(heavyShare: number, lightMb = LIGHT_WORKER_MB, heavyMb = HEAVY_WORKER_MB): number {
  return (1 - heavyShare) * lightMb + heavyShare * heavyMb;
}

/** 2 × CPU + 1: Odoo's ceiling on workers for a machine. */
export function ruleOfThumbWorkers(cpus: number): number {
  return 2 * cpus + 1;
}

export interface DocumentedSizing {
  httpWorkers: Reasoned<number>;
  maxCronThreads: Reasoned<number>;
  memoryMb: Reasoned<number>;
  limitMemoryHard: Reasoned<number>;
  limitMemorySoft: Reasoned<number>;
  limitTimeCpu: Reasoned<number>;
  limitTimeReal: Reasoned<number>;
}

/**
 * Odoo's documented method for a machine of `cpus` cores and `users` concurrent users:
 * total = min(⌈users/6⌉, 2·cpus + 1), one of them the cron worker.
 * @example documentedOdooSizing(4, 60).httpWorkers.value // → 8
 */
export function documentedOdooSizing(cpus: number, users: number, heavyShare = DEFAULT_HEAVY_SHARE): DocumentedSizing {
  const needed = Math.ceil(users / USERS_PER_WORKER);
  const ceiling = ruleOfThumbWorkers(cpus);
  const total = Math.min(needed, ceiling);
  const cron = 1;
  const perWorker = memoryPerWorkerMb(heavyShare);
  const inputs = { cpus, users, workersNeeded: needed, workersCeiling: ceiling, totalWorkers: total };
  return {
    httpWorkers: {
      value: total - cron,
      unit: 'workers',
      reason: `${users} users / ${USERS_PER_WORKER} = ${needed} workers needed; 2 × ${cpus} + 1 = ${ceiling} at most; ${total} in all, one of them for cron.`,
      formula: 'min(⌈users/6⌉, 2·CPU + 1) − 1 cron (Odoo deploy.rst, worker number calculation)',
      inputs,
    },
    maxCronThreads: { value: cron, unit: 'threads', reason: 'One worker of the total is kept for cron jobs, as in Odoo\'s configuration sample.', inputs },
    memoryMb: {
      value: total * perWorker,
      unit: 'MB',
      reason: `${total} workers × (${1 - heavyShare} × ${LIGHT_WORKER_MB} MB + ${heavyShare} × ${HEAVY_WORKER_MB} MB) = ${(total * perWorker).toFixed(0)} MB (≈ ${(total * perWorker / 1000).toFixed(1)} GB) for Odoo.`,
      formula: 'RAM = workers × (light share × 150 MB + heavy share × 1024 MB) (Odoo deploy.rst, memory size calculation)',
      inputs: { ...inputs, heavyShare },
    },
    limitMemoryHard: sampleLimit(SAMPLE_LIMIT_MEMORY_HARD, 'bytes', 'Hard per-worker memory cap from Odoo\'s configuration sample (1600 MiB): above a heavy worker\'s ~1 GB.'),
    limitMemorySoft: sampleLimit(SAMPLE_LIMIT_MEMORY_SOFT, 'bytes', 'Soft cap from Odoo\'s configuration sample (600 MiB): a worker above it is recycled after its request.'),
    limitTimeCpu: sampleLimit(SAMPLE_LIMIT_TIME_CPU, 's', 'CPU seconds one request may use, from Odoo\'s configuration sample.'),
    limitTimeReal: sampleLimit(SAMPLE_LIMIT_TIME_REAL, 's', 'Wall-clock seconds one request may take, from Odoo\'s configuration sample.'),
  };
}

function sampleLimit(value: number, unit: string, reason: string): Reasoned<number> {
  return { value, unit, reason, formula: 'Odoo deploy.rst, configuration sample', inputs: {} };
}

/** The workload the HTTP workers serve (per-request, i.e. per RPC call). */
export interface OdooWorkloadInput {
  /** λ, requests per second at the peak. */
  ratePerS: number;
  /** Mean worker-seconds per request (includes retry back-off measured or modelled). */
  serviceMeanS: number;
  /** Service-time SCV, default 1. */
  serviceScv?: number;
  /** Per-request p95 target, seconds. */
  targetP95S: number;
  /** Utilisation ceiling for the workers, default 0.7. */
  maxUtilization?: number;
  /** Odoo (Python) CPU-seconds per second at the peak, all journeys. */
  odooCpuSecondsPerS: number;
  /** PostgreSQL CPU-seconds per second at the peak when the database shares the machine; 0 otherwise. */
  dbCpuSecondsPerS?: number;
  /** Cron worker-seconds per second (scheduled actions, queue jobs) at the peak. Default 0. */
  cronBusySecondsPerS?: number;
  /** Heavy-request share for memory (measured when available), default 0.2. */
  heavyShare?: number;
  /** Longest request expected (e.g. a month-end report), seconds; used for limit_time_real. */
  longestRequestS?: number;
  /** Highest CPU utilisation to plan for, default 0.7. */
  maxCpuUtilization?: number;
  /**
   * The HTTP workers decided from the queueing answer (its minimum applied) and evidence this model
   * does not see — a measured worker sizing, a simulated server. Memory, flags and connections then
   * follow the decided count. Default: the queueing answer.
   */
  decideWorkers?: (queueing: Reasoned<number>) => Reasoned<number>;
}

export interface OdooSizing {
  httpWorkers: Reasoned<number>;
  maxCronThreads: Reasoned<number>;
  cpuCores: Reasoned<number>;
  memoryMb: Reasoned<number>;
  limitMemorySoft: Reasoned<number>;
  limitMemoryHard: Reasoned<number>;
  limitTimeCpu: Reasoned<number>;
  limitTimeReal: Reasoned<number>;
  dbMaxconn: Reasoned<number>;
  /** 2 × cores + 1 for the recommended cores, to compare. */
  ruleOfThumb: Reasoned<number>;
  /** Where the model and the rule disagree, in words. */
  flags: string[];
}

/**
 * Sizes an Odoo server for a workload (see the file comment).
 * Cores = ⌈(Odoo CPU + PostgreSQL CPU on the box) / ρcpu⌉, at least 2; cron threads = ⌈cron busy / 0.5⌉, at least 1.
 */
export function odooSizing(input: OdooWorkloadInput): OdooSizing {
  const queueing = workersForTarget({
    ratePerS: input.ratePerS,
    serviceMeanS: input.serviceMeanS,
    serviceScv: input.serviceScv ?? 1,
    targetP95S: input.targetP95S,
    maxUtilization: input.maxUtilization ?? 0.7,
  });
  const atLeastMinimum: Reasoned<number> =
    queueing.value >= MIN_HTTP_WORKERS
      ? queueing
      : {
          ...queueing,
          value: MIN_HTTP_WORKERS,
          reason: `${MIN_HTTP_WORKERS} workers, the minimum: with one, a single long request (a report, an import) blocks every user. ${queueing.reason}`,
          inputs: { ...queueing.inputs, queueingModelWorkers: queueing.value, minimumWorkers: MIN_HTTP_WORKERS },
        };
  const http = input.decideWorkers?.(atLeastMinimum) ?? atLeastMinimum;
  const cronBusy = input.cronBusySecondsPerS ?? 0;
  const cron = Math.max(1, Math.ceil(cronBusy / 0.5));
  const maxCpu = input.maxCpuUtilization ?? 0.7;
  const cpuDemand = input.odooCpuSecondsPerS + (input.dbCpuSecondsPerS ?? 0) + cronBusy * 0.5;
  const cores = Math.max(2, Math.ceil(cpuDemand / maxCpu - 1e-9));
  const heavyShare = input.heavyShare ?? DEFAULT_HEAVY_SHARE;
  const processes = http.value + cron;
  const perWorker = memoryPerWorkerMb(heavyShare);
  const rule = ruleOfThumbWorkers(cores);
  const longest = input.longestRequestS ?? 0;
  const timeReal = Math.max(SAMPLE_LIMIT_TIME_REAL, Math.ceil(longest * 2));
  const flags: string[] = [];
  if (processes > rule) {
    flags.push(
      `${processes} workers (HTTP + cron) exceed 2 × ${cores} cores + 1 = ${rule}: acceptable only because Odoo workers spend much of a request ` +
        'waiting (PostgreSQL, retry back-off) rather than on CPU — watch CPU utilisation, or add cores.',
    );
  } else if (processes < rule / 2) {
    flags.push(`${processes} workers are far fewer than the rule's ${rule} for ${cores} cores: the queueing model needs fewer; the rule would waste memory.`);
  }
  if (http.inputs['decidedBy'] === 'unreachable-target') flags.push('The p95 target is below the service time itself: no worker count reaches it.');

  return {
    httpWorkers: http,
    maxCronThreads: {
      value: cron,
      unit: 'threads',
      reason: `Cron work keeps ${cronBusy.toFixed(2)} worker-seconds/s busy at the peak; ${cron === 1 ? '1 thread keeps it' : `${cron} threads keep each`} under 50 % busy.`,
      formula: 'max(1, ⌈cron busy seconds per second / 0.5⌉)',
      inputs: { cronBusySecondsPerS: cronBusy },
    },
    cpuCores: {
      value: cores,
      unit: 'cores',
      reason: `Peak CPU demand ${cpuDemand.toFixed(2)} CPU-seconds/s (Odoo ${input.odooCpuSecondsPerS.toFixed(2)}, PostgreSQL on the box ${(input.dbCpuSecondsPerS ?? 0).toFixed(2)}, cron ${(cronBusy * 0.5).toFixed(2)}) at ≤ ${Math.round(maxCpu * 100)} % utilisation.`,
      formula: 'cores = max(2, ⌈Σ CPU-seconds per second / ρmax⌉) (utilisation law U = X·D)',
      inputs: { odooCpuSecondsPerS: input.odooCpuSecondsPerS, dbCpuSecondsPerS: input.dbCpuSecondsPerS ?? 0, maxCpuUtilization: maxCpu },
    },
    memoryMb: {
      value: Math.ceil(processes * perWorker),
      unit: 'MB',
      reason: `${processes} workers × (${(1 - heavyShare).toFixed(2)} × ${LIGHT_WORKER_MB} MB + ${heavyShare.toFixed(2)} × ${HEAVY_WORKER_MB} MB) for Odoo, PostgreSQL and the OS not included.`,
      formula: 'RAM = workers × (light share × 150 MB + heavy share × 1024 MB) (Odoo deploy.rst)',
      inputs: { workers: processes, heavyShare },
    },
    limitMemorySoft: sampleLimit(SAMPLE_LIMIT_MEMORY_SOFT, 'bytes', 'Odoo\'s sample soft cap (600 MiB): well above a light worker (~150 MB), so only heavy workers get recycled.'),
    limitMemoryHard: sampleLimit(SAMPLE_LIMIT_MEMORY_HARD, 'bytes', 'Odoo\'s sample hard cap (1600 MiB): above a heavy worker (~1 GB), so a runaway request fails instead of the machine swapping.'),
    limitTimeCpu: sampleLimit(SAMPLE_LIMIT_TIME_CPU, 's', 'Odoo\'s sample CPU limit per request (600 s).'),
    limitTimeReal: {
      value: timeReal,
      unit: 's',
      reason:
        longest * 2 > SAMPLE_LIMIT_TIME_REAL
          ? `Twice the longest expected request (${longest.toFixed(0)} s), above Odoo's sample 1200 s, so long reports are not killed.`
          : `Odoo's sample 1200 s; the longest expected request (${longest.toFixed(0)} s) fits well within it.`,
      formula: 'max(1200 s, 2 × longest request)',
      inputs: { longestRequestS: longest },
    },
    dbMaxconn: {
      value: 16,
      unit: 'connections per process',
      reason:
        `Each Odoo process holds ~${CONNECTIONS_PER_HTTP_WORKER} pooled connections (cron ${CONNECTIONS_PER_CRON_WORKER}); 16 leaves room and bounds the worst case ` +
        `at ${processes + 1} processes × 16 = ${(processes + 1) * 16}, where Odoo's default 64 would allow ${(processes + 1) * 64}.`,
      formula: 'db_maxconn is per process; PostgreSQL max_connections must cover processes × pooled connections',
      inputs: { processes: processes + 1 },
    },
    ruleOfThumb: {
      value: rule,
      unit: 'workers',
      reason: `Odoo's rule of thumb for ${cores} cores: 2 × ${cores} + 1.`,
      formula: 'workers ≤ 2·CPU + 1 (Odoo deploy.rst)',
      inputs: { cores },
    },
    flags,
  };
}
