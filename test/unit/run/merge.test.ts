import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LoadPlan } from '../../../src/plan/plan.js';
import { segmentPlan } from '../../../src/plan/segment.js';
import { encodeHistogram, decodeHistogram, newHistogram } from '../../../src/run/histogram.js';
import { mergeMessages, mergeRuns } from '../../../src/run/merge.js';
import { coverageMessages } from '../../../src/plan/segment.js';
import { readRun } from '../../../src/run/reader.js';
import type { MetricWindow } from '../../../src/run/records.js';
import { RunWriter } from '../../../src/run/writer.js';

const root = await mkdtemp(path.join(tmpdir(), 'merge-'));
afterAll(() => rm(root, { recursive: true, force: true }));

const plan: LoadPlan = {
  version: 1, profile: 'p', seed: 1, scale: 1, compress: { factor: 1, keep: 'peak-rates' }, durationS: 10, phases: [], slos: {},
  scenarios: [{ journey: 'j', executor: 'ramping-arrival-rate', startRate: 5, stages: [{ durationS: 10, target: 5 }], preAllocatedVUs: 5, maxVUs: 11, gracefulStopS: 5 }],
};

function win(ms: number[], errors: MetricWindow['errors'] = {}): MetricWindow {
  const h = newHistogram();
  for (const v of ms) h.recordValue(v * 1000);
  const failed = Object.values(errors).reduce((a, b) => a + (b ?? 0), 0);
  return { v: 1, type: 'window', t: 1_700_000_000_000, journey: 'j', step: null, ok: ms.length - failed, errors, latency: encodeHistogram(h), service: encodeHistogram(h), scheduled: ms.length + 1, dropped: 1 };
}

describe('mergeRuns', () => {
  it('adds windows with the same key, sums the segments’ VU pools and lists the runs', async () => {
    const dirs: string[] = [];
    for (const [index, ms, errors] of [[1, [10, 20, 30], {}], [2, [40, 50], { timeout: 1 }]] as const) {
      const writer = await RunWriter.create({ root, id: `seg${index}`, manifest: { engine: 'embedded', target: { url: 'http://x', db: 'd', login: 'l' }, plan: segmentPlan(plan, { index, count: 2 }) } });
      writer.window(win([...ms], { ...errors }));
      writer.event({ v: 1, type: 'warning', t: 1_700_000_000_000 + index, source: 'engine', message: `m${index}` });
      await writer.close('completed');
      dirs.push(writer.dir);
    }
    const result = await mergeRuns(dirs, root, { id: 'merged' });
    const run = await readRun(result.dir);
    expect(run.windows).toHaveLength(1);
    const w = run.windows[0] as MetricWindow;
    expect(w).toMatchObject({ ok: 4, errors: { timeout: 1 }, scheduled: 7, dropped: 2 });
    const h = decodeHistogram(w.latency);
    expect([h.totalCount, h.minNonZeroValue, h.maxValue]).toEqual([5, 10_000, 50_015]); // 50 ms within HDR's 3 digits
    expect(run.events.map((e) => (e.type === 'warning' ? e.message : e.type))).toEqual(['m1', 'm2', 'status', 'status']);
    expect(run.manifest.plan.segment).toBeUndefined();
    expect(run.manifest.plan.scenarios[0]).toMatchObject({ preAllocatedVUs: 5, maxVUs: 11 });
    expect(run.manifest.mergedFrom?.map((m) => [m.id, m.segment])).toEqual([['seg1', { index: 1, count: 2 }], ['seg2', { index: 2, count: 2 }]]);
  });

  it('refuses the same run twice: one directory by two spellings, a copy of a run, or one segment twice', async () => {
    const writer = await RunWriter.create({ root, id: 'once', manifest: { engine: 'embedded', target: { url: 'http://x', db: 'd', login: 'l' }, plan: segmentPlan(plan, { index: 1, count: 2 }) } });
    writer.window(win([10]));
    await writer.close('completed');
    const spelledAgain = path.relative(process.cwd(), writer.dir) + '/';
    await expect(mergeRuns([writer.dir, spelledAgain], root, { id: 'twice' })).rejects.toThrow(mergeMessages.sameDirectory(writer.dir, spelledAgain));
    const copy = path.join(root, 'copy-of-once');
    await cp(writer.dir, copy, { recursive: true });
    await expect(mergeRuns([writer.dir, copy], root, { id: 'copied' })).rejects.toThrow(mergeMessages.sameRun(writer.dir, copy, 'once'));
    const other = await RunWriter.create({ root, id: 'other', manifest: { engine: 'embedded', target: { url: 'http://x', db: 'd', login: 'l' }, plan: segmentPlan(plan, { index: 1, count: 2 }) } });
    await other.close('completed');
    await expect(mergeRuns([writer.dir, other.dir], root, { id: 'same-segment' })).rejects.toThrow(mergeMessages.sameSegment(writer.dir, other.dir, '1/2'));
    expect(existsSync(path.join(root, 'twice')) || existsSync(path.join(root, 'copied')) || existsSync(path.join(root, 'same-segment'))).toBe(false);
  });

  it('names missing segments; --partial merges them into a run marked failed', async () => {
    const dirs: string[] = [];
    for (const index of [1, 3]) {
      const writer = await RunWriter.create({ root, id: `gap${index}`, manifest: { engine: 'embedded', target: { url: 'http://x', db: 'd', login: 'l' }, plan: segmentPlan(plan, { index, count: 3 }) } });
      writer.window(win([10 * index]));
      await writer.close('completed');
      dirs.push(writer.dir);
    }
    await expect(mergeRuns(dirs, root, { id: 'gap' })).rejects.toThrow(coverageMessages.missing('merge', ['2/3'], 'run directory'));
    expect(existsSync(path.join(root, 'gap'))).toBe(false);
    const run = await readRun((await mergeRuns(dirs, root, { id: 'gap', partial: true })).dir);
    expect(run.manifest).toMatchObject({ status: 'failed', statusReason: 'segment 2/3 missing: the run covers part of the plan' });
    expect(run.windows[0]).toMatchObject({ ok: 2 });
    const whole = await RunWriter.create({ root, id: 'whole', manifest: { engine: 'embedded', target: { url: 'http://x', db: 'd', login: 'l' }, plan } });
    await whole.close('completed');
    await expect(mergeRuns([dirs[0]!, whole.dir], root, { id: 'mixed' })).rejects.toThrow(`merge: ${whole.dir} ran the whole plan but ${dirs[0]} one segment`);
  });

  it('joins a collect-only run: its streams clipped to the load window, the load keeps its own start and end', async () => {
    const t0 = 1_700_000_000_000;
    const load = await RunWriter.create({ root, id: 'load', now: () => t0, manifest: { engine: 'embedded', target: { url: 'http://x', db: 'd', login: 'l' }, plan } });
    load.window(win([10]));
    await load.close('completed'); // startedAt = endedAt = t0 with this clock
    let clock = t0 - 30_000;
    const collect = await RunWriter.create({
      root,
      id: 'collect',
      now: () => clock,
      manifest: { engine: 'embedded', kind: 'collect', target: { url: '', db: 'd', login: '' }, plan: { ...plan, profile: 'collect', scenarios: [] }, collectors: [{ name: 'pg_stats', intervalMs: 5000 }] },
    });
    for (const dt of [-30_000, -6_000, -4_000, 0, 4_000, 6_000]) collect.append('pg_stats', { v: 1, type: 'pg_stats_note', t: t0 + dt, topic: 'view', message: `at ${dt}` } as never);
    clock = t0 + 30_000;
    await collect.close('completed');
    await expect(mergeRuns([collect.dir], root, { id: 'only' })).rejects.toThrow(mergeMessages.onlyCollected);
    const run = await readRun((await mergeRuns([load.dir, collect.dir], root, { id: 'joined' })).dir);
    expect(run.pgStats.map((r) => r.t - t0)).toEqual([-4_000, 0, 4_000]); // within one pg_stats interval (5 s) of the load
    expect(run.manifest.startedAt).toBe(new Date(t0).toISOString());
    expect(run.manifest.collectors).toEqual([{ name: 'pg_stats', intervalMs: 5000 }]);
    expect(run.manifest.mergedFrom?.map((m) => [m.id, m.kind])).toEqual([['load', undefined], ['collect', 'collect']]);
  });
});
