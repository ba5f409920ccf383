/**
 * Merging runs: the run directories of N machines that ran the segments of one plan
 * (`run --segment i/n`) become one run directory, losslessly (`odoo-capacity merge`).
 *
 * - metrics: records with the same (t, journey, step) are added — counts summed, HDR histograms
 *   added (exact: HdrHistogram addition loses nothing at equal precision);
 * - events, pg_activity and any other NDJSON stream: concatenated, sorted by time;
 * - manifest: the first run's, with `mergedFrom` listing every run and its segment, the plan's
 *   segment removed and its VU pools summed back, status the worst of the runs'.
 *
 * Runs must share windowMs and the profile; their clocks must agree (NTP) since windows are
 * aligned to epoch time. Segmented runs must be complete (every segment i/n once) unless `partial`.
 * A collect-only directory (`odoo-capacity collect`) among them adds its collectors' streams,
 * clipped to the load's window (./collect-join.ts).
 */
import { mkdir, realpath, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';
import { clipCollected, isCollectOnly, readCollected, withCollected, type CollectedRun } from './collect-join.js';
import { encodeHistogram, mergeEncoded } from './histogram.js';
import { byTime, ndjsonFiles, readLines, writeNdjson, type TimedRecord } from './ndjson.js';
import { coverageMessages, missingSegments } from '../plan/segment.js';
import { readRun } from './reader.js';
import { RUN_FORMAT_VERSION, type MetricWindow, type RunManifest, type RunStatus } from './records.js';

/** Adds window records with the same (t, journey, step). Pure. Output sorted by t, journey, step (null first). */
export function mergeWindows(records: Iterable<MetricWindow>): MetricWindow[] {
  const groups = new Map<string, MetricWindow[]>();
  for (const r of records) {
    const key = `${r.t}\u0000${r.journey}\u0000${r.step ?? ''}\u0000${r.step === null ? 0 : 1}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const merged = [...groups.values()].map((group): MetricWindow => {
    const first = group[0] as MetricWindow;
    if (group.length === 1) return first;
    const errors: MetricWindow['errors'] = {};
    for (const r of group) for (const [kind, n] of Object.entries(r.errors) as Array<[keyof MetricWindow['errors'], number | undefined]>) errors[kind] = (errors[kind] ?? 0) + (n ?? 0);
    const histogram = (pick: (r: MetricWindow) => string | undefined): string | undefined => {
      const encoded = group.map(pick).filter((e): e is string => e !== undefined);
      if (encoded.length === 0) return undefined;
      const h = mergeEncoded(encoded);
      const out = encodeHistogram(h);
      h.destroy();
      return out;
    };
    const record: MetricWindow = {
      v: RUN_FORMAT_VERSION,
      type: 'window',
      t: first.t,
      journey: first.journey,
      step: first.step,
      ok: group.reduce((s, r) => s + r.ok, 0),
      errors,
      latency: histogram((r) => r.latency) as string,
    };
    const service = histogram((r) => r.service);
    if (service !== undefined) record.service = service;
    if (group.some((r) => r.scheduled !== undefined)) record.scheduled = group.reduce((s, r) => s + (r.scheduled ?? 0), 0);
    if (group.some((r) => r.dropped !== undefined)) record.dropped = group.reduce((s, r) => s + (r.dropped ?? 0), 0);
    return record;
  });
  return merged.sort(
    (a, b) => a.t - b.t || a.journey.localeCompare(b.journey) || (a.step === null ? (b.step === null ? 0 : -1) : b.step === null ? 1 : a.step.localeCompare(b.step)),
  );
}

/** Worst first: a merged run is only as complete as its least complete part. */
const STATUS_ORDER: RunStatus[] = ['failed', 'aborted', 'interrupted', 'running', 'completed'];

/** The merged manifest. Pure. */
export function mergeManifests(manifests: readonly RunManifest[], id: string): RunManifest {
  const first = manifests[0];
  if (!first) throw new InputError('MERGE_EMPTY', 'merge: expected at least one run directory');
  for (const m of manifests) {
    if (m.windowMs !== first.windowMs) throw new InputError('MERGE_MISMATCH', `merge: run ${m.id} has windowMs ${m.windowMs}, run ${first.id} ${first.windowMs}; only runs with the same window merge`);
    if (m.plan.profile !== first.plan.profile) {
      throw new InputError('MERGE_MISMATCH', `merge: run ${m.id} ran profile ${m.plan.profile}, run ${first.id} ${first.plan.profile}; merge the segments of one plan`);
    }
  }
  const status = STATUS_ORDER.find((s) => manifests.some((m) => m.status === s)) ?? 'completed';
  const reasons = manifests.flatMap((m) => (m.statusReason ? [`${m.id}: ${m.statusReason}`] : []));
  const { segment: _segment, ...plan } = first.plan;
  // Striped VU pools of the segments add up to the plan's (src/plan/segment.ts scaleCount).
  const segmented = manifests.every((m) => m.plan.segment !== undefined);
  const scenarios = plan.scenarios.map((s, i) => {
    const { segment: _s, ...rest } = s;
    if (!segmented || !('maxVUs' in rest)) return rest;
    const sum = (field: 'maxVUs' | 'preAllocatedVUs') =>
      manifests.reduce((total, m) => {
        const other = m.plan.scenarios[i];
        return total + (other && field in other ? (other as Record<typeof field, number>)[field] : 0);
      }, 0);
    return { ...rest, preAllocatedVUs: sum('preAllocatedVUs'), maxVUs: sum('maxVUs') };
  });
  const started = manifests.map((m) => m.startedAt).sort()[0] ?? first.startedAt;
  const ends = manifests.map((m) => m.endedAt).filter((e): e is string => e !== undefined).sort();
  const { segment: _seg, statusReason: _reason, endedAt: _end, ...rest } = first;
  return {
    ...rest,
    id,
    status,
    ...(reasons.length > 0 ? { statusReason: reasons.join('; ') } : {}),
    startedAt: started,
    ...(ends.length > 0 ? { endedAt: ends[ends.length - 1] } : {}),
    plan: { ...plan, scenarios } as RunManifest['plan'],
    collectors: dedupe(manifests.flatMap((m) => m.collectors)),
    mergedFrom: manifests.map((m) => ({ id: m.id, status: m.status, host: m.host, ...(m.segment ?? m.plan.segment ? { segment: m.segment ?? m.plan.segment } : {}) })),
  };
}

function dedupe<T>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface MergeResult {
  dir: string;
  id: string;
  runs: number;
  windows: number;
  /** Segments i/n that were missing (only with `partial`). */
  missing: string[];
}

export interface MergeOptions {
  /** Id (directory name) of the merged run; default `<first id>-merged`. */
  id?: string;
  /** Merge even when segments are missing: the run is marked failed, naming them. */
  partial?: boolean;
}

/**
 * Merges run directories into `outDir/<id>`.
 * @throws InputError when a directory is not a readable run, the runs do not belong together, or a segment is missing.
 */
export async function mergeRuns(dirs: readonly string[], outDir: string, options: MergeOptions = {}): Promise<MergeResult> {
  if (dirs.length === 0) throw new InputError('MERGE_EMPTY', 'merge: expected at least one run directory');
  await refuseSameDirectoryTwice(dirs);
  const all = await Promise.all(dirs.map(async (dir) => ({ dir, run: await readRun(dir) })));
  const loads = all.filter((r) => !isCollectOnly(r.run.manifest));
  if (loads.length === 0) throw new InputError('MERGE_EMPTY', mergeMessages.onlyCollected);
  const collected = await Promise.all(all.filter((r) => isCollectOnly(r.run.manifest)).map((r) => readCollected(r.dir, r.run.manifest)));
  refuseDuplicateRuns(all.map((r) => ({ dir: r.dir, manifest: r.run.manifest })));
  const missing = missingSegments(
    'merge',
    loads.map((r) => ({ name: r.dir, segment: r.run.manifest.segment ?? r.run.manifest.plan.segment })),
  );
  if (missing.length > 0 && !options.partial) throw new InputError('MERGE_INCOMPLETE', coverageMessages.missing('merge', missing, 'run directory'));
  const mergedId = options.id ?? `${loads[0]?.run.manifest.id ?? 'run'}-merged`;
  let manifest = withCollected(mergeManifests(loads.map((r) => r.run.manifest), mergedId), collected);
  if (missing.length > 0) manifest = { ...manifest, status: 'failed', statusReason: [manifest.statusReason, coverageMessages.partialReason(missing)].filter(Boolean).join('; ') };
  const dir = path.join(outDir, mergedId);
  await mkdir(outDir, { recursive: true });
  await mkdir(dir); // never overwrite a run
  const windows = mergeWindows(loads.flatMap((r) => r.run.windows));
  await writeNdjson(path.join(dir, 'metrics.ndjson'), windows);
  // Every other stream (events, pg_activity, engine, collectors' streams) concatenated by time.
  const streams = new Map<string, TimedRecord[]>();
  for (const { dir: d } of loads) for (const file of await ndjsonFiles(d)) if (file !== 'metrics.ndjson') streams.set(file, [...(streams.get(file) ?? []), ...(await readLines(path.join(d, file)))]);
  addCollected(streams, collected, manifest);
  for (const [file, records] of streams) await writeNdjson(path.join(dir, file), byTime(records));
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return { dir, id: mergedId, runs: loads.length, windows: windows.length, missing };
}

/** Adds the collect runs' streams, clipped to the load window of `manifest`, into `streams`. */
export function addCollected(streams: Map<string, TimedRecord[]>, collected: readonly CollectedRun[], manifest: Pick<RunManifest, 'startedAt' | 'endedAt'>): void {
  const from = Date.parse(manifest.startedAt);
  const to = manifest.endedAt === undefined ? from : Date.parse(manifest.endedAt);
  for (const run of collected) {
    for (const [file, records] of clipCollected(run, from, to)) streams.set(file, [...(streams.get(file) ?? []), ...records]);
  }
}

/** The same directory given twice (by any spelling: relative, trailing slash, symlink) would double count it. */
async function refuseSameDirectoryTwice(dirs: readonly string[]): Promise<void> {
  const seen = new Map<string, string>();
  for (const dir of dirs) {
    const real = await realpath(dir).catch(() => path.resolve(dir));
    const first = seen.get(real);
    if (first !== undefined) throw new InputError('MERGE_DUPLICATE', mergeMessages.sameDirectory(first, dir));
    seen.set(real, dir);
  }
}

/** Copies of one run (same id), or two shards claiming the same execution segment, would double count. */
function refuseDuplicateRuns(runs: ReadonlyArray<{ dir: string; manifest: RunManifest }>): void {
  const ids = new Map<string, string>();
  const segments = new Map<string, string>();
  for (const { dir, manifest } of runs) {
    const byId = ids.get(manifest.id);
    if (byId !== undefined) throw new InputError('MERGE_DUPLICATE', mergeMessages.sameRun(byId, dir, manifest.id));
    ids.set(manifest.id, dir);
    const segment = manifest.segment ?? manifest.plan.segment;
    if (segment) {
      const key = `${segment.index}/${segment.count}`;
      const bySegment = segments.get(key);
      if (bySegment !== undefined) throw new InputError('MERGE_DUPLICATE', mergeMessages.sameSegment(bySegment, dir, key));
      segments.set(key, dir);
    }
  }
}

export const mergeMessages = {
  onlyCollected: 'merge: every directory given is a collect-only run (odoo-capacity collect); give the load runs too',
  sameDirectory: (first: string, again: string) => `merge: ${again} is the same run directory as ${first}; give each run once`,
  sameRun: (first: string, again: string, id: string) => `merge: ${again} and ${first} are both run ${id} (a copy?); give each run once`,
  sameSegment: (first: string, again: string, segment: string) => coverageMessages.duplicate('merge', first, again, segment),
};
