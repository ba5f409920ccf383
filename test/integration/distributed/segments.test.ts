/**
 * A distributed run without a cluster: the plan split into 3 execution segments, each run by its
 * own process of the embedded engine against the lab, while a 4th process runs `collect` (the
 * database and Odoo side, no load); `merge` joins the four directories and `report` reads the
 * result. Checked against the plan one process would run: the same scheduled, completed and
 * dropped counts (its arrivals are deterministic), and percentiles equal to those of one histogram
 * of every latency the three processes measured (and within HDR precision of the raw values). The
 * three start their load together after their setup (`run --start-at`, as the Job's pods do).
 * When `k6` is on PATH the same is done with k6 `--execution-segment` and `ingest k6`.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '../../../scenarios/profiles/load.js';
import { arrivalTimes } from '../../../src/plan/arrivals.js';
import { levelCurve } from '../../../src/plan/shape.js';
import { compileProfile } from '../../../src/engine/compile.js';
import type { LoadPlan } from '../../../src/plan/plan.js';
import { bundleK6Script } from '../../../src/k6/bundle.js';
import { ingestK6 } from '../../../src/k6/ingest-files.js';
import { findK6, k6SegmentArgs } from '../../../src/k6/run.js';
import type { Lab } from '../../../src/lab/lab.js';
import { buildReport } from '../../../src/pipeline/build-report.js';
import { mergeEncoded, newHistogram, type Histogram } from '../../../src/run/histogram.js';
import { mergeRuns } from '../../../src/run/merge.js';
import { readRun } from '../../../src/run/reader.js';
import type { MetricWindow } from '../../../src/run/records.js';
import { startTestLab, stopTestLab } from '../../helpers/lab-fixture.js';
import type { SegmentChildInput, SegmentChildOutput } from '../../helpers/segment-child.js';

const CHILD = new URL('../../helpers/segment-child.ts', import.meta.url).pathname;
const CLI = new URL('../../../src/cli/main.ts', import.meta.url).pathname;
const SEGMENTS = 3;
/**
 * 15 stock inquiries of one business hour, compressed into 10 s (keep totals: 1.5/s) — each one the
 * web client's 11 requests since issue 15. The SLO sizes the VU pools (2 × rate × p95 = 18 VUs,
 * split 6/6/6 over the segments), which log in before the
 * load starts: a login is a real PBKDF2 (~0.3 s of lab CPU, seconds on a busy machine), so VUs
 * started mid-run would measure logins, not inquiries.
 */
const PROFILE = `name: distributed-check
description: Stock inquiries only, short.
phases:
  - name: peak
    start: "09:00"
    end: "10:00"
    rates:
      stock-inquiry: { from: 15, to: 15 }
slos:
  stock-inquiry: { p95Ms: 6000 }
`;
const COMPILE = { durationS: 10, keep: 'totals' as const, seed: 3 };

let dir: string;
let lab: Lab;
let work: string;
let profileFile: string;
let plan: LoadPlan;

beforeAll(async () => {
  ({ dir, lab } = await startTestLab());
  work = await mkdtemp(path.join(dir, 'distributed-'));
  profileFile = path.join(work, 'distributed-check.yaml');
  await writeFile(profileFile, PROFILE);
  plan = compileProfile(await loadProfile(profileFile), { compress: { durationS: COMPILE.durationS, keep: COMPILE.keep }, seed: COMPILE.seed });
}, 120_000);

afterAll(() => stopTestLab(lab, dir));

/** Arrivals of the whole plan (deterministic: the engine schedules exactly these). */
function plannedArrivals(p: LoadPlan): number {
  return p.scenarios.reduce((n, s) => (s.executor === 'ramping-arrival-rate' ? n + [...arrivalTimes(levelCurve(s))].length : n), 0);
}

const target = () => ({ url: lab.odoo.url, db: lab.odoo.db, login: lab.odoo.login });

/** Runs a process to its end; resolves with its stdout (rejects with its stderr on a non-zero exit). */
function child(args: string[], env: NodeJS.ProcessEnv, onStderr?: (text: string) => void): { done: Promise<string>; kill: (signal: NodeJS.Signals) => void } {
  const proc = spawn(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr.on('data', (c: Buffer) => {
    err += c.toString();
    onStderr?.(err);
  });
  const done = new Promise<string>((resolve, reject) =>
    proc.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')} exited ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`)))),
  );
  return { done, kill: (signal) => proc.kill(signal) };
}

function segmentProcess(segment: { index: number; count: number }, runsDir: string, startAt: number): Promise<SegmentChildOutput> {
  const input: SegmentChildInput = { profileFile, ...COMPILE, segment, startAt, runsDir, target: target() };
  return child([CHILD, JSON.stringify(input)], { ODOO_PASSWORD: lab.odoo.password }).done.then((out) => JSON.parse(out.trim().split('\n').pop() ?? '{}') as SegmentChildOutput);
}

/** Whole-iteration counts of a run's windows. */
function counts(windows: MetricWindow[]) {
  const whole = windows.filter((w) => w.step === null);
  const errors = whole.reduce((n, w) => n + Object.values(w.errors).reduce((a, b) => a + (b ?? 0), 0), 0);
  return {
    scheduled: whole.reduce((n, w) => n + (w.scheduled ?? 0), 0),
    completed: whole.reduce((n, w) => n + w.ok, 0) + errors,
    dropped: whole.reduce((n, w) => n + (w.dropped ?? 0), 0),
    errors,
  };
}

/** HDR percentiles equal, and within HDR's 3 significant digits of the exact rank percentile of the raw values. */
function expectPercentilesOf(merged: Histogram, raw: number[]): void {
  const single = newHistogram();
  for (const v of raw) single.recordValue(v);
  const sorted = [...raw].sort((a, b) => a - b);
  expect(merged.totalCount).toBe(raw.length);
  for (const p of [50, 90, 95, 99]) {
    expect(merged.getValueAtPercentile(p), `p${p}`).toBe(single.getValueAtPercentile(p));
    const exact = sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
    expect(Math.abs(merged.getValueAtPercentile(p) - exact), `p${p} vs raw`).toBeLessThanOrEqual(exact * 0.001 + 1);
  }
  // A decoded histogram knows its maximum to its bucket only: within HDR precision of the largest value.
  expect(Math.abs(merged.maxValue - sorted[sorted.length - 1]!)).toBeLessThanOrEqual(sorted[sorted.length - 1]! * 0.001 + 1);
}

describe('three processes of the embedded engine, one run', () => {
  it('merges into the single-process plan’s counts, the histogram of every measured latency, and the database side from collect', async () => {
    const planned = plannedArrivals(plan);
    expect(planned).toBeGreaterThanOrEqual(14);
    // What one process running the whole plan schedules (deterministic) and, unsaturated, completes.
    const planCounts = { scheduled: planned, completed: planned, dropped: 0, errors: 0 };

    // collect (the CLI, Ctrl-C ends it) while three processes each run one segment.
    const runs = path.join(work, 'runs');
    await mkdir(runs);
    let collecting!: () => void;
    const started = new Promise<void>((resolve) => (collecting = resolve));
    const collect = child([CLI, 'collect', '--odoo-log', lab.logFile, '--out', runs, '--id', 'db-side', '--sample-interval', '500', '--stats-interval', '1000'], { PG_URL: lab.pgUrl }, (err) => {
      if (err.includes('collecting')) collecting();
    });
    await started;
    // All three do their setup and logins, then start together (run --start-at, as the Job's pods do).
    const startAt = Date.now() + 12_000;
    const parts = await Promise.all(Array.from({ length: SEGMENTS }, (_, i) => segmentProcess({ index: i + 1, count: SEGMENTS }, runs, startAt)));
    collect.kill('SIGINT');
    expect(await collect.done).toContain('collect completed');
    expect(parts.map((p) => p.status)).toEqual(['completed', 'completed', 'completed']);
    expect(parts.map((p) => p.scheduled).reduce((a, b) => a + b, 0)).toBe(planned);

    const merged = await mergeRuns([...parts.map((p) => p.runDir), path.join(runs, 'db-side')], path.join(work, 'merged'), { id: 'all' });
    expect(merged.missing).toEqual([]);
    const run = await readRun(merged.dir);
    expect(counts(run.windows)).toEqual(planCounts);
    expectPercentilesOf(
      mergeEncoded(run.windows.filter((w) => w.step === null).map((w) => w.latency)),
      parts.flatMap((p) => p.latenciesUs),
    );
    // The plan is the whole one again; the database and Odoo side came from collect.
    expect(run.manifest.plan.segment).toBeUndefined();
    expect(run.manifest.mergedFrom?.map((m) => m.segment?.index ?? m.kind)).toEqual([1, 2, 3, 'collect']);
    expect(run.manifest.collectors.map((c) => c.name).sort()).toEqual(['odoo_log', 'pg_activity', 'pg_stats']);
    const from = Date.parse(run.manifest.startedAt) - 1000;
    const to = Date.parse(run.manifest.endedAt!) + 1000;
    expect(run.pgActivity.length).toBeGreaterThanOrEqual(4);
    expect(run.pgActivity.every((s) => s.t >= from && s.t <= to)).toBe(true);
    expect(run.odooLog.filter((r) => r.type === 'odoo_request').length).toBeGreaterThanOrEqual(planned);

    const report = await buildReport(merged.dir);
    const whole = report.summary.overall.stats.find((s) => s.journey === 'stock-inquiry' && s.step === null);
    expect(whole?.count).toBe(planned);
    expect(report.summary.database).toBeDefined();
    const html = await readFile(report.html, 'utf8');
    expect(html).not.toContain(lab.odoo.password);
    expect(html).not.toContain(lab.pg.password);
  }, 150_000);
});

describe.skipIf(findK6() === undefined)('three k6 processes with --execution-segment, one run', () => {
  it('ingests into the plan’s counts and the histogram of every journey duration k6 wrote', async () => {
    const out = path.join(work, 'k6-results');
    await mkdir(out, { recursive: true });
    const script = path.join(work, 'script.js');
    await writeFile(script, (await bundleK6Script({ plan, thresholds: [] })).code);
    const env = { ODOO_URL: lab.odoo.url, ODOO_DB: lab.odoo.db, ODOO_LOGIN: lab.odoo.login, ODOO_PASSWORD: lab.odoo.password };
    await Promise.all(
      Array.from({ length: SEGMENTS }, (_, i) => {
        const file = path.join(out, `segment-${i + 1}-of-${SEGMENTS}.ndjson`);
        const k6 = spawn(findK6()!, ['run', '--quiet', '--out', `json=${file}`, ...k6SegmentArgs({ index: i + 1, count: SEGMENTS }), script], { env: { ...process.env, ...env }, stdio: 'ignore' });
        return new Promise((resolve) => k6.on('close', resolve));
      }),
    );
    const result = await ingestK6({ paths: [out], plan, outDir: path.join(work, 'k6-runs'), id: 'k6' });
    const run = await readRun(result.dir);
    const c = counts(run.windows);
    expect(c.scheduled).toBe(plannedArrivals(plan));
    expect(c.completed + c.dropped).toBe(c.scheduled);
    const raw: number[] = [];
    for (let i = 1; i <= SEGMENTS; i++) {
      for (const line of (await readFile(path.join(out, `segment-${i}-of-${SEGMENTS}.ndjson`), 'utf8')).split('\n')) {
        if (!line.includes('"journey_duration"')) continue;
        const r = JSON.parse(line) as { type: string; data: { value: number } };
        if (r.type === 'Point') raw.push(Math.max(0, Math.round(r.data.value * 1000)));
      }
    }
    expectPercentilesOf(mergeEncoded(run.windows.filter((w) => w.step === null).map((w) => w.latency)), raw);
  }, 240_000);
});
