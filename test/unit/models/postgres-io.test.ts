import { describe, expect, it } from 'vitest';
import { IOPS_BURST_FACTOR, postgresIops, postgresWalRate, type MeasuredIo } from '../../../models/postgres-io.js';

const MB = 2 ** 20;
const peak: MeasuredIo = { phase: 'peak', readIops: 120, writeIops: 30, walBytesPerS: 3 * MB, dbSecondsPerS: 0.5 };

describe('postgresIops', () => {
  it('doubles the busiest phase read + write IOPS at the tested peak', () => {
    const r = postgresIops(peak);
    expect(IOPS_BURST_FACTOR).toBe(2);
    expect(r.value).toBe(300); // (120 + 30) × 1 × 2
    expect(r.unit).toBe('IOPS');
    expect(r.inputs).toMatchObject({ phase: 'peak', readIops: 120, writeIops: 30, scale: 1 });
    expect(r.reason).toContain('at the tested peak');
  });

  it('scales by the sized database demand over the measured one', () => {
    // scale = 1.0 / 0.5 = 2 → (150 × 2 × 2) = 600
    const r = postgresIops(peak, { dbSecondsPerS: 1 });
    expect(r.value).toBe(600);
    expect(r.inputs['scale']).toBe(2);
    expect(r.reason).toContain('scaled × 2.00 to the forecast peak');
  });

  it('does not scale when the run measured no database demand', () => {
    expect(postgresIops({ ...peak, dbSecondsPerS: 0 }, { dbSecondsPerS: 1 }).value).toBe(300);
  });
});

describe('postgresWalRate', () => {
  it('gives MB/s at the tested peak without a per-day figure', () => {
    const r = postgresWalRate(peak);
    expect(r?.value).toBe(3);
    expect(r?.unit).toBe('MB/s');
    expect(r?.inputs['gbPerDay']).toBeUndefined();
  });

  it('scales to the forecast and gives GB per day from the peak-hour share', () => {
    // 3 MB/s × 2 = 6 MB/s; 6 × 3600 / 0.2 / 1024 = 105.46875 GB/day
    const r = postgresWalRate(peak, { dbSecondsPerS: 1, peakHourShare: 0.2 });
    expect(r?.value).toBe(6);
    expect(r?.inputs['gbPerDay']).toBeCloseTo(105.46875, 9);
    expect(r?.reason).toContain('About 105.5 GB of WAL a day');
  });

  it('is undefined without pg_stat_wal evidence', () => {
    expect(postgresWalRate({ ...peak, walBytesPerS: null })).toBeUndefined();
  });
});
