/**
 * Odoo's documented worked example (odoo/documentation content/administration/on_premise/deploy.rst,
 * "Configuration sample"; docs/ODOO-PROTOCOL.md "Sizing guidance"): 4 CPU, 60 users →
 * 8 HTTP workers + 1 cron, RAM = 9 × ((0.8 × 150) + (0.2 × 1024)) ≈ 3 GB, limit_memory_hard 1677721600,
 * limit_memory_soft 629145600, limit_time_cpu 600, limit_time_real 1200.
 */
import { describe, expect, it } from 'vitest';
import { documentedOdooSizing, memoryPerWorkerMb, odooSizing } from '../../../models/odoo-sizing.js';

describe("Odoo's documented worked example", () => {
  const sizing = documentedOdooSizing(4, 60);
  it('gives 8 HTTP workers and 1 cron thread', () => {
    expect(sizing.httpWorkers.value).toBe(8);
    expect(sizing.maxCronThreads.value).toBe(1);
  });
  it('gives 9 × 324.8 MB = 2923.2 MB ≈ 3 GB', () => {
    expect(memoryPerWorkerMb(0.2)).toBeCloseTo(324.8, 9);
    expect(sizing.memoryMb.value).toBeCloseTo(2923.2, 6);
  });
  it('gives the sample limits', () => {
    expect(sizing.limitMemoryHard.value).toBe(1677721600);
    expect(sizing.limitMemorySoft.value).toBe(629145600);
    expect(sizing.limitTimeCpu.value).toBe(600);
    expect(sizing.limitTimeReal.value).toBe(1200);
  });
});

describe('odooSizing from a workload', () => {
  it('sizes workers with the queueing model and cores with the utilisation law, and flags a pool above 2·CPU+1', () => {
    // 2.4 flows/s × 0.6 CPU-s = 1.44 Odoo CPU-s/s, + 0.5 PostgreSQL → 1.94 / 0.7 → 3 cores.
    const sizing = odooSizing({ ratePerS: 10, serviceMeanS: 0.8, targetP95S: 2, odooCpuSecondsPerS: 1.44, dbCpuSecondsPerS: 0.5 });
    expect(sizing.cpuCores.value).toBe(3);
    expect(sizing.httpWorkers.value).toBe(12); // ⌈8 / 0.7⌉ = 12 by the ceiling
    expect(sizing.ruleOfThumb.value).toBe(7);
    expect(sizing.flags.join(' ')).toContain('exceed 2 × 3 cores + 1 = 7');
    expect(sizing.memoryMb.value).toBe(Math.ceil(13 * 324.8));
  });

  it('raises limit_time_real above twice the longest request', () => {
    const sizing = odooSizing({ ratePerS: 1, serviceMeanS: 0.5, targetP95S: 2, odooCpuSecondsPerS: 0.3, longestRequestS: 900 });
    expect(sizing.limitTimeReal.value).toBe(1800);
  });
});
