/**
 * `ingest k6 <files or directories>`: the `--out json` outputs of k6 processes that shared one plan
 * (k6-operator runners, or `k6 run --execution-segment` on several machines) → ONE run directory,
 * losslessly: each file goes through K6Ingest (./ingest.ts) into HDR windows, and the windows of
 * all files are added as `merge` adds shards (src/run/merge.ts mergeWindows).
 *
 *   files ─► K6Ingest each ─► windows ─► mergeWindows ─► runs/<id>/metrics.ndjson
 *     │                                                   manifest.json (engine k6, the plan, mergedFrom = files)
 *     └─ segment of each file: its name `…<i>-of-<n>.ndjson[.gz]`,     events.ndjson (warnings)
 *        else its tags `instance_id` (k6-operator) and               + a collect-only run's streams (--collect)
 *        `odoo_capacity_segments` (export k6-operator --results-pvc)
 *
 * Every segment of the plan must be there once (unless `partial`); every journey in the output
 * must be one of the plan's (else the wrong --profile was given).
 */
import { createReadStream } from 'node:fs';
import { mkdir, readdir, realpath, stat, writeFile } from 'node:fs/promises';
import { hostname, cpus } from 'node:os';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { InputError } from '../errors.js';
import type { ExecutionSegment, LoadPlan } from '../plan/plan.js';
import { coverageMessages, missingSegments } from '../plan/segment.js';
import { isCollectOnly, readCollected, withCollected } from '../run/collect-join.js';
import { addCollected, mergeWindows } from '../run/merge.js';
import { byTime, writeNdjson, type TimedRecord } from '../run/ndjson.js';
import { readManifest } from '../run/reader.js';
import { RUN_FORMAT_VERSION, type MetricWindow, type RunEvent, type RunManifest } from '../run/records.js';
import { redactingReplacer, redactUrl } from '../redact.js';
import { newRunId } from '../run/run-id.js';
import { K6Ingest } from './ingest.js';
import { scenarioName } from './options.js';
import { SEGMENTS_TAG } from './operator.js';

const OUTPUT = /\.ndjson(\.gz)?$/;
/** `segment-2-of-4.ndjson`, `odoo-capacity-morning-order-wave-2-of-4.ndjson.gz` … */
const SEGMENT_NAME = /(?:^|[^0-9])(\d+)-of-(\d+)\.ndjson(?:\.gz)?$/;

/** The segment a k6 output's file name says it ran, if it says. */
export function segmentOfFile(file: string): ExecutionSegment | undefined {
  const match = SEGMENT_NAME.exec(path.basename(file));
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (!(count >= 1 && index >= 1 && index <= count)) {
    throw new InputError('INGEST_SEGMENT_NAME', `${file}: the name says segment ${index} of ${count}; expected <i>-of-<n> with 1 ≤ i ≤ n`);
  }
  return { index, count };
}

/**
 * The k6 outputs named: files as given, directories by their `*.ndjson` / `*.ndjson.gz` files.
 * @throws InputError for a path that does not exist, a directory without outputs, a file given twice.
 */
export async function listK6Outputs(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => undefined);
    if (info === undefined) throw new InputError('INGEST_NOT_FOUND', `${p}: no such file or directory (expected k6 --out json files or a directory of them)`);
    if (info.isDirectory()) {
      const inside = (await readdir(p)).filter((f) => OUTPUT.test(f)).sort();
      if (inside.length === 0) throw new InputError('INGEST_EMPTY', `${p}: no *.ndjson or *.ndjson.gz files (k6 --out json outputs) in this directory`);
      files.push(...inside.map((f) => path.join(p, f)));
    } else files.push(p);
  }
  const seen = new Map<string, string>();
  for (const file of files) {
    const real = await realpath(file);
    const before = seen.get(real);
    if (before !== undefined) throw new InputError('INGEST_DUPLICATE', `ingest k6: ${file} is the same file as ${before}; give each output once`);
    seen.set(real, file);
  }
  return files;
}

/** One k6 output, read. */
export interface K6Output {
  file: string;
  segment?: ExecutionSegment;
  windows: MetricWindow[];
  points: number;
  badLines: number;
  /** A gzip stream that ended early (the writer was killed): what was there was read. */
  truncated: boolean;
  lastT: number | null;
  iterations: number;
  droppedIterations: number;
  /** The file has journey_duration points (whole journeys, as this tool's scripts report them). */
  journeyDuration: boolean;
  /** Iterations taken from k6's iteration_duration instead. */
  fromIterationDuration: number;
}

/**
 * Streams one k6 output (gzip when it ends in .gz) through K6Ingest.
 * @throws InputError when it holds no k6 point, or points of several k6-operator runners, or a
 *   runner other than the one its name says.
 */
export async function readK6Output(file: string, plan: LoadPlan, windowMs = 1000, iterations: 'auto' | 'journey_duration' = 'auto'): Promise<K6Output> {
  const windows: MetricWindow[] = [];
  const instances = new Set<string>();
  const counts = new Set<string>();
  let points = 0;
  const ingest = new K6Ingest({
    emit: (w) => windows.push(w),
    windowMs,
    iterations,
    scenarioJourneys: Object.fromEntries(plan.scenarios.map((s) => [scenarioName(s), s.journey])),
    onPoint: (p) => {
      points += 1;
      if (p.tags.instance_id !== undefined) instances.add(p.tags.instance_id);
      if (p.tags[SEGMENTS_TAG] !== undefined) counts.add(p.tags[SEGMENTS_TAG]);
    },
  });
  const raw = createReadStream(file);
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const decoder = new TextDecoder('utf-8');
  let truncated = false;
  try {
    for await (const chunk of input) ingest.write(decoder.decode(chunk as Buffer, { stream: true }));
  } catch (error) {
    // A runner killed mid-write leaves a gzip stream without its end: keep what was written.
    if ((error as NodeJS.ErrnoException).code === 'Z_BUF_ERROR') truncated = true;
    else throw new InputError('INGEST_UNREADABLE', `${file}: cannot read (${(error as Error).message.split('\n')[0]})`);
  }
  ingest.write(decoder.decode());
  ingest.end({ tornLastLine: truncated });
  if (points === 0) {
    throw new InputError('INGEST_NOT_K6', `${file}: no k6 points (expected k6 --out json NDJSON lines {"type":"Point","metric":…,"data":{"time","value","tags"}})`);
  }
  if (instances.size > 1) {
    throw new InputError('INGEST_MIXED', `${file}: points of several k6-operator runners (instance_id ${[...instances].sort().join(', ')}); give one file per runner`);
  }
  const segment = segmentOfFile(file) ?? segmentOfTags(file, [...instances][0], [...counts]);
  const instance = [...instances][0];
  if (segment !== undefined && instance !== undefined && Number(instance) !== segment.index) {
    throw new InputError('INGEST_MIXED', `${file}: named segment ${segment.index}/${segment.count} but its points carry k6-operator instance_id ${instance}`);
  }
  const { totals } = ingest;
  return {
    file,
    ...(segment !== undefined ? { segment } : {}),
    windows,
    points,
    badLines: totals.badLines,
    truncated,
    lastT: totals.lastT,
    iterations: totals.iterations,
    droppedIterations: totals.droppedIterations,
    journeyDuration: ingest.hasJourneyDuration,
    fromIterationDuration: ingest.iterationsFromIterationDuration,
  };
}

/** Segment i/n from k6-operator's `instance_id` (i) and the export's `odoo_capacity_segments` tag (n), when both are there. */
function segmentOfTags(file: string, instance: string | undefined, counts: string[]): ExecutionSegment | undefined {
  if (counts.length > 1) throw new InputError('INGEST_MIXED', `${file}: points tagged ${SEGMENTS_TAG} ${counts.join(' and ')}; give one file per runner`);
  if (instance === undefined || counts[0] === undefined) return undefined;
  const index = Number(instance);
  const count = Number(counts[0]);
  if (!(Number.isInteger(index) && Number.isInteger(count) && index >= 1 && index <= count)) {
    throw new InputError('INGEST_MIXED', `${file}: tags instance_id=${instance} and ${SEGMENTS_TAG}=${counts[0]} name no segment i of n`);
  }
  return { index, count };
}

export interface IngestK6Options {
  paths: readonly string[];
  /** The plan the k6 script was exported from (same profile, --duration, --scale, --seed). */
  plan: LoadPlan;
  /** Parent directory of run directories. */
  outDir: string;
  /** Default `newRunId(profile, start of the load)`. */
  id?: string;
  /** The Odoo the load went to, for the report (no password). */
  target?: RunManifest['target'];
  /** Collect-only run directories (`odoo-capacity collect`) of the same window. */
  collect?: readonly string[];
  /** Ingest even when segments are missing (the run is marked failed, naming them). */
  partial?: boolean;
  toolVersion?: string;
}

export interface IngestK6Result {
  dir: string;
  id: string;
  files: number;
  windows: number;
  iterations: number;
  droppedIterations: number;
  missing: string[];
}

/** Ingests k6 outputs into `<outDir>/<id>`: see the module comment. */
export async function ingestK6(o: IngestK6Options): Promise<IngestK6Result> {
  const files = await listK6Outputs(o.paths);
  const collected = [];
  for (const dir of o.collect ?? []) {
    const manifest = await readManifest(dir);
    if (!isCollectOnly(manifest)) throw new InputError('INGEST_NOT_COLLECT', `${dir}: not a collect-only run (made by odoo-capacity collect); --collect takes what collect wrote`);
    collected.push(await readCollected(dir, manifest));
  }

  // Read side by side, but report the first bad file in the order given, not whichever failed first.
  const settled = await Promise.allSettled(files.map((file) => readK6Output(file, o.plan)));
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
  const first = settled.map((r) => (r as PromiseFulfilledResult<K6Output>).value);
  // One script, one way to count iterations: when any runner reported journey_duration, a file
  // that counted some from iteration_duration (before its first journey_duration, or with none)
  // is read again counting journey_duration only.
  const journeyScript = first.some((out) => out.journeyDuration);
  const outputs: K6Output[] = [];
  const journeys = new Set(o.plan.scenarios.map((s) => s.journey));
  for (const read of first) {
    const output = journeyScript && read.fromIterationDuration > 0 ? await readK6Output(read.file, o.plan, 1000, 'journey_duration') : read;
    const file = output.file;
    const stranger = output.windows.find((w) => !journeys.has(w.journey));
    if (stranger !== undefined) {
      throw new InputError(
        'INGEST_WRONG_PROFILE',
        `${file}: journey '${stranger.journey}' is not in profile ${o.plan.profile} (${[...journeys].join(', ')}); give the --profile the k6 script was exported from`,
      );
    }
    outputs.push(output);
  }
  const missing = missingSegments('ingest k6', outputs.map((out) => ({ name: out.file, segment: out.segment })));
  if (missing.length > 0 && !o.partial) throw new InputError('INGEST_INCOMPLETE', coverageMessages.missing('ingest k6', missing, 'k6 output'));
  const windows = mergeWindows(outputs.flatMap((out) => out.windows));
  if (windows.length === 0) throw new InputError('INGEST_NOT_K6', `ingest k6: no iteration or request in ${files.join(', ')}`);
  const startMs = windows[0]!.t; // sorted by t: the window of the first arrival
  const endMs = Math.max(...outputs.map((out) => out.lastT ?? startMs));
  const id = o.id ?? newRunId(o.plan.profile, new Date(startMs));

  let manifest: RunManifest = {
    v: RUN_FORMAT_VERSION,
    id,
    tool: { name: 'odoo-capacity', version: o.toolVersion ?? '0.0.0' },
    status: missing.length > 0 ? 'failed' : 'completed',
    ...(missing.length > 0 ? { statusReason: coverageMessages.partialReason(missing) } : {}),
    startedAt: new Date(startMs).toISOString(),
    endedAt: new Date(endMs).toISOString(),
    engine: 'k6',
    target: o.target ? { ...o.target, url: redactUrl(o.target.url) } : { url: 'unknown', db: 'unknown', login: 'unknown' },
    plan: o.plan,
    collectors: [],
    windowMs: 1000,
    host: { hostname: hostname(), cpus: cpus().length, platform: process.platform, node: process.version },
    mergedFrom: outputs.map((out) => ({ id: path.basename(out.file), status: 'completed' as const, ...(out.segment ? { segment: out.segment } : {}) })),
  };
  manifest = withCollected(manifest, collected);

  const warning = (message: string): RunEvent => ({ v: RUN_FORMAT_VERSION, type: 'warning', t: endMs, source: 'k6', message });
  const events: RunEvent[] = outputs.flatMap((out) => [
    ...(out.badLines > 0 ? [warning(`${out.badLines} lines of ${path.basename(out.file)} were not JSON and were skipped`)] : []),
    ...(out.truncated ? [warning(`${path.basename(out.file)} ends early (its writer was stopped): read up to where it ends`)] : []),
  ]);
  const streams = new Map<string, TimedRecord[]>([['events.ndjson', events]]);
  addCollected(streams, collected, manifest);

  const dir = path.join(o.outDir, id);
  await mkdir(o.outDir, { recursive: true });
  await mkdir(dir); // never overwrite a run
  await writeNdjson(path.join(dir, 'metrics.ndjson'), windows);
  for (const [file, records] of streams) await writeNdjson(path.join(dir, file), byTime(records));
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, redactingReplacer, 2) + '\n');
  return {
    dir,
    id,
    files: files.length,
    windows: windows.length,
    iterations: outputs.reduce((s, out) => s + out.iterations, 0),
    droppedIterations: outputs.reduce((s, out) => s + out.droppedIterations, 0),
    missing,
  };
}
