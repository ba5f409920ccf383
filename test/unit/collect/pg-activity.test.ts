import { describe, expect, it } from 'vitest';
import { CollectorOptionError, startActivityCollector, toSample } from '../../../src/collect/pg-activity.js';

type Row = Parameters<typeof toSample>[0][number];

function row(pid: number, state: string | null, type: string | null, event: string | null, extra: Partial<Row> = {}): Row {
  return {
    pid,
    state,
    wait_event_type: type,
    wait_event: event,
    application_name: 'odoo',
    backend_type: 'client backend',
    query_id: '42',
    xact_age_s: 1.23456,
    query_age_s: 0.5,
    ...extra,
  };
}

describe('toSample', () => {
  const rows = [
    row(1, 'idle', 'Client', 'ClientRead', { xact_age_s: null }),
    row(2, 'active', null, null),
    row(3, 'idle in transaction', 'Client', 'ClientRead'),
    row(4, 'active', 'Lock', 'transactionid'),
    row(5, null, null, null),
  ];

  it('counts every backend in total and stores the non-idle ones, raw (analysis classifies them)', () => {
    const { sample, hidden } = toSample(rows, 1_700_000_000_000, true);
    expect(hidden).toBe(1);
    expect(sample).toMatchObject({ v: 1, type: 'pg_activity', t: 1_700_000_000_000, total: 5 });
    expect(sample.sessions.map((s) => [s.pid, s.state, s.waitEventType])).toEqual([
      [2, 'active', null],
      [3, 'idle in transaction', 'Client'],
      [4, 'active', 'Lock'],
    ]);
    expect(sample.sessions.some((s) => 'waitClass' in s)).toBe(false);
    expect(sample.sessions[0]).toEqual({
      pid: 2,
      state: 'active',
      waitEventType: null,
      waitEvent: null,
      applicationName: 'odoo',
      backendType: 'client backend',
      queryId: '42',
      xactAgeS: 1.235,
      queryAgeS: 0.5,
    });
  });

  it('leaves queryId out before PostgreSQL 14', () => {
    const { sample } = toSample(rows, 0, false);
    expect(sample.sessions.every((s) => !('queryId' in s))).toBe(true);
  });
});

describe('startActivityCollector options', () => {
  it('rejects intervals outside 100–60000 ms before connecting', async () => {
    const options = { pgUrl: 'postgres://u:secret@127.0.0.1:1/db', database: 'db', sink: () => undefined };
    await expect(startActivityCollector({ ...options, intervalMs: 50 })).rejects.toThrow(
      'pg activity interval: expected whole milliseconds from 100 to 60000, got 50',
    );
    await expect(startActivityCollector({ ...options, intervalMs: 60_001 })).rejects.toBeInstanceOf(CollectorOptionError);
  });
});
