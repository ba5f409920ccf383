import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LoadPlan } from '../../../src/engine/plan.js';
import { segmentPlan } from '../../../src/engine/segment.js';
import { encodeHistogram, decodeHistogram, newHistogram } from '../../../src/run/histogram.js';
import { mergeMessages, mergeRuns } from '../../../src/run/merge.js';
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
    const result = await mergeRuns(dirs, root, 'merged');
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
    await expect(mergeRuns([writer.dir, spelledAgain], root, 'twice')).rejects.toThrow(mergeMessages.sameDirectory(writer.dir, spelledAgain));
    const copy = path.join(root, 'copy-of-once');
    await cp(writer.dir, copy, { recursive: true });
    await expect(mergeRuns([writer.dir, copy], root, 'copied')).rejects.toThrow(mergeMessages.sameRun(writer.dir, copy, 'once'));
    const other = await RunWriter.create({ root, id: 'other', manifest: { engine: 'embedded', target: { url: 'http://x', db: 'd', login: 'l' }, plan: segmentPlan(plan, { index: 1, count: 2 }) } });
    await other.close('completed');
    await expect(mergeRuns([writer.dir, other.dir], root, 'same-segment')).rejects.toThrow(mergeMessages.sameSegment(writer.dir, other.dir, '1/2'));
    expect(existsSync(path.join(root, 'twice')) || existsSync(path.join(root, 'copied')) || existsSync(path.join(root, 'same-segment'))).toBe(false);
  });
});
