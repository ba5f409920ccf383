/**
 * A collect-only run directory (`odoo-capacity collect`: the collectors' streams of a time window,
 * no load — while other machines or pods make the load) joined to a load run: its streams clipped
 * to the load's window, its collectors and PostgreSQL added to the manifest.
 *
 *   collect   |---- pg_activity, pg_stats, odoo_log, pg_log, events (gaps, warnings) ----|
 *   load               |========== startedAt … endedAt ==========|
 *   joined          |m |==========================================| m|
 *
 * The margin m (the longest collector interval, at least one metrics window) keeps the counter
 * snapshots just before and after the load, so database deltas cover all of it
 * (src/analyze/pg-stats.ts takes the snapshot at or before a period's start).
 */
import path from 'node:path';
import { InputError } from '../errors.js';
import { byTime, ndjsonFiles, readLines, type TimedRecord } from './ndjson.js';
import type { RunManifest } from './records.js';

/** A collect-only run, read. */
export interface CollectedRun {
  dir: string;
  manifest: RunManifest;
  /** NDJSON file name → records (metrics.ndjson excluded: a collect run has none). */
  streams: Map<string, TimedRecord[]>;
}

export const isCollectOnly = (manifest: Pick<RunManifest, 'kind'>): boolean => manifest.kind === 'collect';

/** Reads every stream of a collect-only run directory (its manifest already read). */
export async function readCollected(dir: string, manifest: RunManifest): Promise<CollectedRun> {
  const streams = new Map<string, TimedRecord[]>();
  for (const file of await ndjsonFiles(dir)) {
    if (file === 'metrics.ndjson') continue;
    streams.set(file, await readLines(path.join(dir, file)));
  }
  return { dir, manifest, streams };
}

const COLLECTOR_EVENTS: readonly string[] = ['collector-gap', 'warning'];

/** Milliseconds kept either side of the load window. */
export function collectMarginMs(manifest: Pick<RunManifest, 'windowMs' | 'collectors'>): number {
  return Math.max(manifest.windowMs, ...manifest.collectors.map((c) => c.intervalMs));
}

const ms = (iso: string | undefined): number | undefined => (iso === undefined ? undefined : Date.parse(iso));

/**
 * The collected streams within [fromMs − margin, toMs + margin], sorted by time.
 * @throws InputError `COLLECT_NO_OVERLAP` when the collect window and the load window do not meet.
 */
export function clipCollected(run: CollectedRun, fromMs: number, toMs: number): Map<string, TimedRecord[]> {
  const started = ms(run.manifest.startedAt) ?? fromMs;
  const ended = ms(run.manifest.endedAt) ?? Infinity;
  if (started > toMs || ended < fromMs) {
    throw new InputError(
      'COLLECT_NO_OVERLAP',
      `${run.dir}: collected from ${run.manifest.startedAt} to ${run.manifest.endedAt ?? '(still running)'}, but the load ran from ${new Date(fromMs).toISOString()} to ${new Date(toMs).toISOString()}; run collect during the load`,
    );
  }
  const margin = collectMarginMs(run.manifest);
  const clipped = new Map<string, TimedRecord[]>();
  for (const [file, records] of run.streams) {
    // Of its events, only what the collectors said (gaps, warnings): the collect run's own status changes are not the load's.
    const kept = file === 'events.ndjson' ? records.filter((r) => COLLECTOR_EVENTS.includes((r as { type?: unknown }).type as string)) : records;
    clipped.set(file, byTime(kept.filter((r) => typeof r.t === 'number' && r.t >= fromMs - margin && r.t <= toMs + margin)));
  }
  return clipped;
}

/** The load manifest with the collect runs' collectors, PostgreSQL and a `mergedFrom` entry each. */
export function withCollected(manifest: RunManifest, collected: readonly CollectedRun[]): RunManifest {
  if (collected.length === 0) return manifest;
  const collectors = [...manifest.collectors];
  for (const c of collected) for (const entry of c.manifest.collectors) if (!collectors.some((e) => JSON.stringify(e) === JSON.stringify(entry))) collectors.push(entry);
  const pg = manifest.pg ?? collected.find((c) => c.manifest.pg !== undefined)?.manifest.pg;
  return {
    ...manifest,
    collectors,
    ...(pg !== undefined ? { pg } : {}),
    mergedFrom: [
      ...(manifest.mergedFrom ?? []),
      ...collected.map((c) => ({ id: c.manifest.id, kind: 'collect' as const, status: c.manifest.status, host: c.manifest.host })),
    ],
  };
}
