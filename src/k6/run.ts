/**
 * `run --engine k6`: bundles the plan's script into the run directory, runs `k6 run --out json=…`
 * and streams k6's NDJSON into the run directory's windows as k6 writes it (./ingest.ts), so
 * collectors, analysis and report work unchanged.
 *
 *   bundle → runs/<id>/k6/script.js → spawn k6 (env ODOO_*) → tail runs/<id>/k6/out.ndjson every
 *   200 ms → MetricWindow records → on exit: the rest, status (0 completed, 99 thresholds crossed)
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, open, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';
import type { LoadPlan } from '../plan/plan.js';
import { ThresholdTracker, type Threshold, type ThresholdResult } from '../run/thresholds.js';
import type { OdooTarget } from '../odoo/types.js';
import { RUN_FORMAT_VERSION, type RunStatus } from '../run/records.js';
import type { RunWriter } from '../run/writer.js';
import type { JourneySource } from '../../scenarios/journeys/load.js';
import { bundleK6Script } from './bundle.js';
import { K6Ingest } from './ingest.js';
import { scenarioName } from './options.js';

export const k6NotFoundMessage = 'k6 is not on PATH; install it or use --engine embedded';

/** The k6 executable on PATH (no shell), or undefined. */
export function findK6(envPath = process.env.PATH ?? ''): string | undefined {
  const names = process.platform === 'win32' ? ['k6.exe', 'k6.cmd'] : ['k6'];
  for (const dir of envPath.split(path.delimiter)) {
    if (dir === '') continue;
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

/** k6's `--execution-segment` and `--execution-segment-sequence` for segment i/n. */
export function k6SegmentArgs(segment: { index: number; count: number } | undefined): string[] {
  if (segment === undefined) return [];
  const { index, count } = segment;
  const at = (i: number) => (i === 0 ? '0' : i === count ? '1' : `${i}/${count}`);
  return ['--execution-segment', `${at(index - 1)}:${at(index)}`, '--execution-segment-sequence', Array.from({ length: count + 1 }, (_, i) => at(i)).join(',')];
}

export interface RunK6Options {
  plan: LoadPlan;
  thresholds: readonly Threshold[];
  target: OdooTarget;
  /** Receives windows and events (created by the caller with engine 'k6'). */
  writer: RunWriter;
  /** Default: `k6` found on PATH. */
  k6Path?: string;
  signal?: AbortSignal;
  /** Poll interval of the NDJSON file, ms. Default 200. */
  pollMs?: number;
  /** The target's major version, passed to the script as ODOO_MAJOR (JourneyContext.serverMajor). */
  serverMajor?: number;
  /** The profile's own journey files, bundled beside the shipped journeys. */
  journeySources?: readonly JourneySource[];
}

export interface RunK6Result {
  status: RunStatus;
  reason?: string;
  exitCode: number | null;
  thresholds: ThresholdResult[];
  /** k6 exited 99: its own thresholds were crossed. */
  k6ThresholdsCrossed: boolean;
  iterations: number;
  dropped: number;
}

/**
 * Runs k6 on the plan. Never throws for k6's own failures (they become status `failed` with k6's
 * last stderr line); throws InputError `K6_NOT_FOUND` when k6 is missing.
 */
export async function runK6(o: RunK6Options): Promise<RunK6Result> {
  const k6 = o.k6Path ?? findK6();
  if (k6 === undefined) throw new InputError('K6_NOT_FOUND', k6NotFoundMessage);
  const dir = path.join(o.writer.dir, 'k6');
  await mkdir(dir, { recursive: true });
  const bundle = await bundleK6Script({ plan: o.plan, thresholds: o.thresholds, tag: o.writer.id, journeySources: o.journeySources });
  const script = path.join(dir, 'script.js');
  const out = path.join(dir, 'out.ndjson');
  await writeFile(script, bundle.code);
  await writeFile(out, '');

  const tracker = new ThresholdTracker(o.thresholds);
  const ingest = new K6Ingest({
    emit: (w) => {
      o.writer.window(w);
      tracker.addWindow(w);
    },
    windowMs: o.writer.manifest.windowMs,
    scenarioJourneys: Object.fromEntries(o.plan.scenarios.map((s) => [scenarioName(s), s.journey])),
  });

  const log = createWriteStream(path.join(dir, 'k6.log'));
  const child = spawn(k6, ['run', '--quiet', '--out', `json=${out}`, ...k6SegmentArgs(o.plan.segment), script], {
    env: { ...process.env, ODOO_URL: o.target.url, ODOO_DB: o.target.db, ODOO_LOGIN: o.target.login, ODOO_PASSWORD: o.target.password, ODOO_CAPACITY_TAG: o.writer.id, ...(o.serverMajor !== undefined ? { ODOO_MAJOR: String(o.serverMajor) } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let lastError = '';
  child.stdout.pipe(log, { end: false });
  child.stderr.on('data', (chunk: Buffer) => {
    log.write(chunk);
    const lines = chunk.toString('utf8').split('\n').filter((l) => l.trim() !== '');
    lastError = lines[lines.length - 1] ?? lastError;
  });
  const onAbort = () => child.kill('SIGINT'); // k6 stops gracefully on SIGINT and still writes its output
  o.signal?.addEventListener('abort', onAbort, { once: true });

  const exited = new Promise<{ code: number | null; error?: Error }>((resolve) => {
    child.once('error', (error) => resolve({ code: null, error }));
    child.once('close', (code) => resolve({ code }));
  });

  // Tail the NDJSON file while k6 writes it.
  const handle: FileHandle = await open(out, 'r');
  let offset = 0;
  const buffer = Buffer.alloc(1 << 16);
  const decoder = new TextDecoder('utf-8');
  const drain = async () => {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      if (bytesRead === 0) return;
      offset += bytesRead;
      ingest.write(decoder.decode(buffer.subarray(0, bytesRead), { stream: true }));
    }
  };
  let done = false;
  const exit = exited.then((r) => {
    done = true;
    return r;
  });
  while (!done) {
    await drain();
    await Promise.race([exit, new Promise((r) => setTimeout(r, o.pollMs ?? 200))]);
  }
  const { code, error } = await exit;
  await drain();
  ingest.write(decoder.decode());
  ingest.end();
  await handle.close();
  o.signal?.removeEventListener('abort', onAbort);
  await new Promise<void>((r) => log.end(r));

  const thresholds = tracker.evaluate();
  let status: RunStatus;
  let reason: string | undefined;
  if (error) {
    status = 'failed';
    reason = `could not start k6 (${k6}): ${error.message}`;
  } else if (o.signal?.aborted) {
    status = 'interrupted';
    reason = 'interrupted before the end of the plan';
  } else if (code === 0 || code === 99) {
    status = 'completed';
  } else {
    status = 'failed';
    reason = `k6 exited with code ${code ?? 'null'}${lastError ? `: ${lastError.trim()}` : ''} (see k6/k6.log)`;
  }
  if (ingest.totals.badLines > 0) {
    o.writer.event({ v: RUN_FORMAT_VERSION, type: 'warning', t: Date.now(), source: 'k6', message: `${ingest.totals.badLines} lines of k6/out.ndjson were not JSON and were skipped` });
  }
  return {
    status,
    ...(reason !== undefined ? { reason } : {}),
    exitCode: code,
    thresholds,
    k6ThresholdsCrossed: code === 99,
    iterations: ingest.totals.iterations,
    dropped: ingest.totals.droppedIterations,
  };
}
