import { describe, expect, it } from 'vitest';
import { recommendationSet } from '../../../src/analyze/recommend-set.js';
import { assessRisks } from '../../../src/analyze/risks.js';
import { operatingPoint, workerDemandModel } from '../../../src/analyze/worker-demand.js';
import { isLocalTarget } from '../../../src/analyze/worker-sizing.js';
import { demoOdooLog, demoSummary } from './demo-run-fixture.js';

// The collapsed demo run (demo-run-fixture.ts): 2 workers, 2 cores, 7.83 requests/s at the peak.
describe('workerDemandModel on the demo run', () => {
  const model = workerDemandModel(demoSummary(), demoOdooLog());

  it('takes D0 from the least-loaded phase and fits the retry rate to concurrency', () => {
    expect(model).toBeDefined();
    if (model === undefined) return;
    expect(model.basePhase).toBe('quiet');
    expect(model.testedWorkers).toBe(2);
    // D0 = 11.52 s / 96 requests = 0.12 s; SCV: E[x²] = (0.06² + 0.18²)/2 = 0.018, 0.018/0.12² − 1 = 0.25.
    expect(model.baseS).toBeCloseTo(0.12, 6);
    expect(model.baseScv).toBeCloseTo(0.25, 6);
    expect(model.baseOdooCpuS).toBeCloseTo(0.084, 6);
    expect(model.baseSqlS).toBeCloseTo(0.036, 6);
    // Wave: N = 952.82 / 480 = 1.98504, q = 188 / 3758 = 0.050027;
    // α = Σ n·N·q / Σ n·N² = 3758·1.98504·0.050027 / (96·0.096² + 3758·1.98504²) = 373.20 / 14808.8 = 0.025202.
    const wave = model.phases.find((p) => p.phase === 'wave');
    expect(wave?.concurrency).toBeCloseTo(1.98504, 4);
    expect(wave?.busiestUtilization).toBe(1);
    expect(model.retriesPerConcurrency).toBeCloseTo(0.025202, 5);
    expect(model.meanBackoffS).toBeCloseTo(1.5, 9);
  });

  it('finds the operating point N = λ·D(N) at the peak rate', () => {
    if (model === undefined) throw new Error('no model');
    // k = α(w̄ + D0) = 0.025202 × 1.62 = 0.040827; λ = 3758/480 = 7.8292, λk = 0.31965;
    // N* = λ·D0 / (1 − λk) = 0.93950 / 0.68035 = 1.3809; D(N*) = 0.12 + 0.025202·1.3809·1.62 = 0.17638 s.
    const point = operatingPoint(model, 3758 / 480);
    expect(point.stable).toBe(true);
    expect(point.concurrency).toBeCloseTo(1.3809, 3);
    expect(point.workerS).toBeCloseTo(0.17638, 4);
    // SCV: E[S²] = 0.018·1.0348 + 0.034802·(3 + 0.36) + 2·0.034802·0.12·1.62 = 0.149093; 0.149093/0.17638² − 1 = 3.792.
    expect(point.scv).toBeCloseTo(3.792, 2);
  });
});

describe('recommendationSet on the demo run', () => {
  const summary = demoSummary();

  it('recommends more workers than the 2 it saturated, and names the retry back-off', () => {
    expect(summary.odoo?.workers.map((w) => Math.round(w.utilization * 100))).toEqual([81, 80]);
    const set = recommendationSet(summary, undefined, demoOdooLog());
    const workers = set?.values.httpWorkers;
    expect(workers?.value).toBeGreaterThan(2);
    expect(workers?.reason).toContain('retry back-off that sleeps inside the worker');
    expect(workers?.reason).toContain("Worker time per request from Odoo's log: 0.12 s per attempt in the least-loaded phase quiet");
    expect(workers?.inputs['workerTimeFrom']).toBe('odoo-log');
    expect(workers?.inputs['testedWorkers']).toBe(2);
    expect(set?.workers?.limit).toBe('workers');
  });

  it("takes the tested configuration's headroom from the measured worker busy share when Odoo's log was read", () => {
    for (const log of [demoOdooLog(), undefined]) {
      const set = recommendationSet(summary, undefined, log);
      const busy = set?.workers?.peakBusiestUtilization ?? 0;
      expect(busy).toBeGreaterThan(0.8);
      // Utilization law: busy share grows with load, so the 80 % ceiling is reached at m = 0.8 / busy.
      expect(set?.headroom.value).toBe(Math.round((0.8 / busy - 1) * 1000) / 10);
      expect(set?.headroom.value).toBeLessThan(0);
      expect(set?.headroom.reason).toContain('the tested configuration has no headroom at this peak');
      expect(set?.headroom.inputs['limit']).toBe('measured-worker-busy');
    }
  });

  it('keeps the CPU demand within what the 2-core lab machine could have delivered', () => {
    expect(isLocalTarget(summary.target.url)).toBe(true);
    const set = recommendationSet(summary, undefined, demoOdooLog());
    const sizing = set?.workers;
    if (sizing === undefined) throw new Error('no sizing');
    // By hand: CPU per request = (0.084 Odoo + 0.036 SQL) × (1 + q = 1.0348) = 0.12418 CPU-s;
    // at 7.8292 requests/s: Odoo 0.6806 + PostgreSQL 0.2917 = 0.9723 CPU-s/s ≤ 2 cores (the box that
    // served this throughput). Cores = max(2, ⌈0.6806 / 0.7⌉) = 2 — the buggy method said 10.
    expect(sizing.odooCpuSecondsPerS).toBeCloseTo(0.6806, 3);
    expect(sizing.dbCpuSecondsPerS).toBeCloseTo(0.2917, 3);
    expect(sizing.odooCpuSecondsPerS + sizing.dbCpuSecondsPerS).toBeLessThanOrEqual(2);
    expect(set?.values.odooCpuCores?.value).toBe(2);
    expect(set?.notes.some((n) => n.startsWith('CPU per request scaled'))).toBe(false);
  });

  it('without the log records still refuses to recommend the saturated count, and says the timings are client-side', () => {
    const set = recommendationSet(summary);
    const workers = set?.values.httpWorkers;
    expect(workers?.value).toBe(3);
    expect(workers?.reason).toContain('No Odoo log was given, so the worker time is the client-side step time of the quietest phase');
    expect(workers?.reason).toContain("Raised to 3: Odoo's log shows the tested 2 workers saturated (busiest 81 % busy in phase wave)");
    // Client side: 7.83 calls/s × 0.143 s × 0.62 = 0.694 CPU-s/s — from the quiet phase, not the 20 s loaded flows.
    expect(set?.values.odooCpuCores?.value).toBe(2);
  });

  it('bounds the CPU by the tested machine when the estimate says it used more cores than it had', () => {
    const oneCore = demoSummary();
    if (oneCore.meta !== undefined) oneCore.meta.host.cpus = 0.5;
    const set = recommendationSet(oneCore, undefined, demoOdooLog());
    // 7.8292 × 0.12418 = 0.9723 CPU-s/s > 0.5 cores: scaled by 0.5 / 0.9723 = 0.514.
    expect(set?.notes.find((n) => n.startsWith('CPU per request scaled by 0.514'))).toBeDefined();
    expect((set?.workers?.odooCpuSecondsPerS ?? 0) + (set?.workers?.dbCpuSecondsPerS ?? 0)).toBeCloseTo(0.5, 6);
    expect(set?.workers?.limit).toBe('cpu');
    expect(set?.values.httpWorkers?.reason).toContain('CPU was the limit of the tested machine');
  });

  it('gives a saturation risk that agrees with the recommendation', () => {
    const set = recommendationSet(summary, undefined, demoOdooLog());
    const recommended = set?.values.httpWorkers?.value as number;
    const risk = assessRisks(summary, { headroom: set?.headroom, recommendedWorkers: recommended, workerLimit: set?.workers?.limit }).find((r) => r.id === 'worker-saturation');
    expect(risk?.evidence).toBe('The busiest of 2 workers was busy 81 % of the run (Odoo log: SQL + Python time per worker).');
    expect(risk?.action).toBe(`Raise the HTTP workers from 2 to the recommended ${recommended} (CPU and RAM allowing), and move long reports to their own worker pool.`);
  });

  it('sized without a forecast, says "tested peak" everywhere and never "forecast peak" (the 260 % bug)', () => {
    const set = recommendationSet(summary, undefined, demoOdooLog());
    expect(set?.source).toBe('run');
    expect(set?.headroom.unit).toBe('% of the tested peak');
    expect(set?.values.headroom).toBe(set?.headroom);
    expect(JSON.stringify(set)).not.toContain('forecast peak');
  });

  it("builds each value once from the decided workers: the workers' memory follows the raised count, no reason rewritten", () => {
    const set = recommendationSet(summary);
    const workers = set?.values.httpWorkers.value ?? 0;
    const cron = set?.values.cronThreads.value ?? 0;
    // 3 HTTP + 1 cron, 0.8 × 150 MB + 0.2 × 1024 MB = 324.8 MB each.
    expect(set?.values.odooMemoryMb.value).toBe(Math.ceil((workers + cron) * 324.8));
    expect(set?.values.odooMemoryMb.reason).toMatch(new RegExp(`^${workers + cron} workers × `));
    expect(set?.values.odooMemoryMb.inputs['workers']).toBe(workers + cron);
  });

  it('sizes PostgreSQL for the tested database cores when given, and names what it assumed', () => {
    const assumed = recommendationSet(summary, undefined, demoOdooLog());
    expect(assumed?.values.postgresSettings.reason).toContain('4 CPUs, ssd.');
    expect(assumed?.values.postgresSettings.reason).toContain('Assumed for the database server (not given by the run): 16 GB RAM, 4 CPUs, ssd storage;');
    expect(assumed?.values.postgresRamGb.reason).toMatch(/^16 GB assumed \(not given by the run\)/);
    const known = recommendationSet(summary, undefined, demoOdooLog(), undefined, { workers: 2, cores: 2, dbCores: 8, source: 'flags' });
    expect(known?.values.postgresSettings.reason).toContain('8 CPUs, ssd.');
    expect(known?.values.postgresSettings.reason).toContain('Assumed for the database server (not given by the tested server (--db-cores, flags)): 16 GB RAM, ssd storage;');
    const oneBox = recommendationSet(summary, undefined, demoOdooLog(), undefined, { cores: 6, source: 'lab' });
    expect(oneBox?.values.postgresSettings.reason).toContain('6 CPUs, ssd.');
  });
});
