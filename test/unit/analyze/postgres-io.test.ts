import { describe, expect, it } from 'vitest';
import { CALIBRATION_DEFAULTS } from '../../../models/calibration-defaults.js';
import type { Forecast } from '../../../models/forecast.js';
import type { PgStatsPeriod } from '../../../src/analyze/pg-stats.js';
import { runIo } from '../../../src/analyze/postgres-io.js';
import { recommendationSet } from '../../../src/analyze/recommend-set.js';
import type { RunSummary } from '../../../src/analyze/types.js';
import { demoOdooLog, demoSummary } from './demo-run-fixture.js';

const MB = 2 ** 20;

/** A pg_stats phase as src/analyze/pg-stats.ts makes it, with only the I/O figures varying. */
function period(name: string, readIops: number | null, writeIops: number | null, walBytesPerS: number | null): PgStatsPeriod {
  return {
    name, fromT: 0, toT: 60_000, seconds: 60, database: {}, commits: 0, rollbacks: 0, rollbackNote: '', deadlocks: 0, conflicts: 0,
    tempFiles: 0, tempBytes: 0, cacheHitRatio: null, readIops, writeIops, walBytes: walBytesPerS === null ? null : walBytesPerS * 60, walBytesPerS,
    checkpoints: null, connections: null, topStatements: [], resets: [],
  };
}

/** The demo run with pg_stats evidence: quiet 10 + 5 IOPS and 1 MB/s of WAL; wave 100 + 40 IOPS and 4 MB/s. */
function withDatabase(): RunSummary {
  const summary = demoSummary();
  summary.database = {
    run: null,
    phases: [period('quiet', 10, 5, 1 * MB), period('wave', 100, 40, 4 * MB)],
    lockWaits: [], lockWaitsByType: {}, notes: [], pgLogErrors: null,
  };
  return summary;
}

const forecast: Forecast = {
  name: 'small', warehouses: 1, ordersPerDay: 100, linesPerOrder: { mean: 2 }, peakHourShare: 0.2, workingHours: 10, scanners: 2,
  edi: { partners: 1, batchSize: 10, intervalMinutes: 60 }, monthEnd: { invoices: 100, hours: 8 },
  growth: { annualRate: 0.1, horizonYears: 2 }, slos: { requestP95Ms: 1000 },
};

describe('runIo', () => {
  it('picks the busiest phase by IOPS and by WAL, with its database demand', () => {
    const summary = withDatabase();
    const io = runIo(summary, CALIBRATION_DEFAULTS);
    expect(io.iops).toMatchObject({ phase: 'wave', readIops: 100, writeIops: 40, walBytesPerS: 4 * MB });
    expect(io.wal?.phase).toBe('wave');
    const wave = summary.phases.find((p) => p.name === 'wave')!;
    const expected = wave.stats.filter((s) => s.step === null).reduce((sum, s) => sum + s.throughputPerS * (CALIBRATION_DEFAULTS[s.journey]?.dbS ?? 0), 0);
    expect(expected).toBeGreaterThan(0);
    expect(io.iops?.dbSecondsPerS).toBeCloseTo(expected, 12);
  });

  it('skips phases without the counter and is empty without database evidence', () => {
    const summary = withDatabase();
    summary.database!.phases = [period('quiet', 10, 5, 1 * MB), period('wave', null, null, null)];
    expect(runIo(summary, CALIBRATION_DEFAULTS)).toMatchObject({ iops: { phase: 'quiet' }, wal: { phase: 'quiet' } });
    expect(runIo(demoSummary(), CALIBRATION_DEFAULTS)).toEqual({});
  });
});

describe('recommendationSet: PostgreSQL I/O and storage', () => {
  it('sizes IOPS and WAL for the tested peak from the busiest phase', () => {
    const set = recommendationSet(withDatabase(), undefined, demoOdooLog());
    expect(set?.values['postgresIops']).toMatchObject({ value: 280, unit: 'IOPS' }); // (100 + 40) × 2
    expect(set?.values['postgresWalRate']).toMatchObject({ value: 4, unit: 'MB/s' });
    expect(set?.values['postgresStorageGrowth']).toBeUndefined(); // no forecast
  });

  it('scales them to a forecast and adds storage growth', () => {
    const set = recommendationSet(withDatabase(), forecast, demoOdooLog());
    const iops = set?.values['postgresIops'];
    const scale = iops?.inputs['scale'];
    expect(typeof scale).toBe('number');
    expect(iops?.value).toBe(Math.ceil(140 * (scale as number) * 2 - 1e-9));
    expect(set?.values['postgresWalRate']?.value).toBeCloseTo(4 * (scale as number), 9);
    expect(set?.values['postgresWalRate']?.inputs['gbPerDay']).toBeCloseTo((4 * (scale as number) * 3600) / 0.2 / 1024, 9);
    expect(set?.values['postgresStorageGrowth']?.value).toBeCloseTo(((100 * 250 * (15200 / 0.9)) / 2 ** 30) * 1.21, 9);
  });

  it('leaves them out without database evidence', () => {
    const set = recommendationSet(demoSummary(), undefined, demoOdooLog());
    expect(set?.values['postgresIops']).toBeUndefined();
    expect(set?.values['postgresWalRate']).toBeUndefined();
  });
});
