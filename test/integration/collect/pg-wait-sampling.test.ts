/**
 * pg_wait_sampling, when the target's PostgreSQL has it (shared_preload_libraries + CREATE EXTENSION).
 * The embedded PostgreSQL does not ship it, so this runs only against a server given in
 * PG_WAIT_SAMPLING_URL and DATABASE (e.g. Debian's postgresql-15-pg-wait-sampling).
 */
import { describe, expect, it } from 'vitest';
import { startActivityCollector } from '../../../src/collect/pg-activity.js';
import type { PgActivitySample, PgWaitProfile } from '../../../src/run/records.js';

const url = process.env.PG_WAIT_SAMPLING_URL;

describe.skipIf(!url)('pg_wait_sampling source', () => {
  it('reads the wait profile beside pg_stat_activity and says so in its source', async () => {
    const samples: PgActivitySample[] = [];
    const profiles: PgWaitProfile[] = [];
    const collector = await startActivityCollector({
      pgUrl: url as string,
      database: new URL(url as string).pathname.slice(1),
      intervalMs: 250,
      waitProfileEveryMs: 500,
      sink: (s) => samples.push(s),
      waitProfileSink: (p) => profiles.push(p),
    });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await collector.stop();
    expect(collector.source).toBe('pg_wait_sampling+pg_stat_activity');
    expect(samples.length).toBeGreaterThanOrEqual(4);
    expect(profiles.length).toBeGreaterThanOrEqual(2);
    const first = profiles[0]!;
    expect(first.periodMs).toBeGreaterThan(0);
    // Every background process waits somewhere: the profile is never empty on a live server.
    expect(first.entries.length).toBeGreaterThan(0);
    for (const entry of first.entries) expect(entry.count).toBeGreaterThan(0);
  });
});
