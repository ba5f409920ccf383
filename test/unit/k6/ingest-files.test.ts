/**
 * `ingest k6`: several k6 outputs of one plan → one run directory, losslessly. The real k6 v0.48
 * output (test/fixtures/k6-0.48-odoo17) is dealt out point by point into three "runner" files;
 * ingesting the three must give exactly what ingesting the one gives — counts and HDR histograms —
 * and percentiles within HDR's precision of the raw values k6 wrote.
 */
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { LoadPlan } from '../../../src/plan/plan.js';
import { ingestK6, readK6Output } from '../../../src/k6/ingest-files.js';
import { decodeHistogram, mergeEncoded, newHistogram, type Histogram } from '../../../src/run/histogram.js';
import { readRun } from '../../../src/run/reader.js';
import type { MetricWindow } from '../../../src/run/records.js';
import { RunWriter } from '../../../src/run/writer.js';
import { planOf } from '../engine/fake-odoo.js';

const FIXTURE = new URL('../../fixtures/k6-0.48-odoo17/out.ndjson', import.meta.url).pathname;
const lines = readFileSync(FIXTURE, 'utf8').split('\n').filter((l) => l.trim() !== '');
const root = await mkdtemp(path.join(tmpdir(), 'ingest-k6-'));
afterAll(() => rm(root, { recursive: true, force: true }));

/** The script of the fixture: one ramping-arrival-rate scenario `stock_inquiry` of journey stock-inquiry. */
const plan: LoadPlan = {
  ...planOf({ name: 'stock_inquiry', startRate: 2, stages: [{ durationS: 10, target: 10 }], preAllocatedVUs: 2, maxVUs: 4 }, 10),
  profile: 'k6-fixture',
};

/** Deals the fixture's points into `n` files (Metric lines into every file), optionally tagging each point as k6-operator runner i of n. */
async function deal(dir: string, n: number, name: (i: number) => string, tag = false): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const parts: string[][] = Array.from({ length: n }, () => []);
  let k = 0;
  for (const line of lines) {
    const record = JSON.parse(line) as { type: string; data: { tags?: Record<string, string> } };
    if (record.type !== 'Point') {
      for (const part of parts) part.push(line);
      continue;
    }
    const i = k++ % n;
    if (tag) record.data.tags = { ...record.data.tags, instance_id: String(i + 1), odoo_capacity_segments: String(n) };
    parts[i]!.push(tag ? JSON.stringify(record) : line);
  }
  const files = parts.map((_, i) => path.join(dir, name(i + 1)));
  await Promise.all(files.map((f, i) => writeFile(f, parts[i]!.join('\n') + '\n')));
  return files;
}

/** Per (journey, step): counts and the merged latency histogram. */
function totals(windows: MetricWindow[]) {
  const by = new Map<string, { ok: number; errors: number; scheduled: number; dropped: number; latency: Histogram }>();
  for (const w of windows) {
    const key = `${w.journey}/${w.step ?? '(iteration)'}`;
    const t = by.get(key) ?? { ok: 0, errors: 0, scheduled: 0, dropped: 0, latency: newHistogram() };
    t.ok += w.ok;
    t.errors += Object.values(w.errors).reduce((a, b) => a + (b ?? 0), 0);
    t.scheduled += w.scheduled ?? 0;
    t.dropped += w.dropped ?? 0;
    const h = decodeHistogram(w.latency);
    t.latency.add(h);
    by.set(key, t);
  }
  return by;
}

const single = await (async () => {
  const dir = path.join(root, 'single');
  const [file] = await deal(dir, 1, () => 'out.ndjson');
  const result = await ingestK6({ paths: [file!], plan, outDir: path.join(root, 'runs'), id: 'single' });
  return readRun(result.dir);
})();

describe('ingest k6: three runners, one run', () => {
  it('adds up to exactly what one output gives: counts, scheduled, dropped and every histogram', async () => {
    await deal(path.join(root, 'three'), 3, (i) => `segment-${i}-of-3.ndjson`);
    const result = await ingestK6({ paths: [path.join(root, 'three')], plan, outDir: path.join(root, 'runs'), id: 'three' });
    expect(result).toMatchObject({ files: 3, iterations: 79, droppedIterations: 1, missing: [] }); // k6's own summary: 79 iterations, 1 dropped
    const run = await readRun(result.dir);
    const a = totals(single.windows);
    const b = totals(run.windows);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [key, one] of a) {
      const merged = b.get(key)!;
      expect({ ...merged, latency: undefined }, key).toEqual({ ...one, latency: undefined });
      for (const p of [50, 90, 95, 99, 100]) expect(merged.latency.getValueAtPercentile(p), `${key} p${p}`).toBe(one.latency.getValueAtPercentile(p));
      expect(merged.latency.totalCount).toBe(one.latency.totalCount);
    }
    expect(a.get('stock-inquiry/(iteration)')).toMatchObject({ ok: 79, scheduled: 80, dropped: 1 });
    expect(run.manifest).toMatchObject({ engine: 'k6', status: 'completed', plan: { profile: 'k6-fixture' } });
    expect(run.manifest.mergedFrom?.map((m) => [m.id, m.segment])).toEqual([1, 2, 3].map((i) => [`segment-${i}-of-3.ndjson`, { index: i, count: 3 }]));
    expect(Date.parse(run.manifest.startedAt)).toBeLessThanOrEqual(Math.min(...run.windows.map((w) => w.t)));
    expect(Date.parse(run.manifest.endedAt!)).toBeGreaterThan(Date.parse(run.manifest.startedAt));
  });

  it('counts iterations one way for all files: journey_duration, even in a file that holds none of them', async () => {
    // Dealt in two, this fixture's points fall so that every journey_duration point is in one file
    // and k6's iteration_duration points of the same iterations in the other.
    const files = await deal(path.join(root, 'two'), 2, (i) => `segment-${i}-of-2.ndjson`);
    const [a, b] = await Promise.all(files.map((f) => readK6Output(f, plan)));
    expect([a!.journeyDuration, b!.journeyDuration]).toEqual([true, false]);
    const result = await ingestK6({ paths: files, plan, outDir: path.join(root, 'runs'), id: 'two' });
    const run = await readRun(result.dir);
    expect(totals(run.windows).get('stock-inquiry/(iteration)')).toMatchObject({ ok: 79, scheduled: 80, dropped: 1 });
  });

  it('keeps percentiles within HDR precision (0.1 %) of the raw journey durations k6 wrote', async () => {
    const raw = lines
      .map((l) => JSON.parse(l) as { type: string; metric: string; data: { value: number } })
      .filter((r) => r.type === 'Point' && r.metric === 'journey_duration')
      .map((r) => r.data.value * 1000)
      .sort((x, y) => x - y);
    const run = await readRun(path.join(root, 'runs', 'three'));
    const merged = mergeEncoded(run.windows.filter((w) => w.step === null).map((w) => w.latency));
    expect(merged.totalCount).toBe(raw.length);
    for (const p of [50, 90, 95, 99]) {
      const exact = raw[Math.ceil((p / 100) * raw.length) - 1]!;
      expect(Math.abs(merged.getValueAtPercentile(p) - exact) / exact, `p${p}`).toBeLessThan(0.001);
    }
  });

  it('reads k6-operator runners by their tags (instance_id, odoo_capacity_segments), gzip included', async () => {
    const dir = path.join(root, 'operator');
    const files = await deal(dir, 3, (i) => `odoo-capacity-k6-fixture-${i}-x${i}k2p.ndjson`, true);
    await pipeline(createReadStream(files[1]!), createGzip(), createWriteStream(`${files[1]}.gz`));
    await rm(files[1]!);
    const result = await ingestK6({ paths: [dir], plan, outDir: path.join(root, 'runs'), id: 'operator' });
    const run = await readRun(result.dir);
    expect(run.manifest.mergedFrom?.map((m) => m.segment?.index).sort()).toEqual([1, 2, 3]);
    expect(totals(run.windows).get('stock-inquiry/(iteration)')).toMatchObject({ ok: 79, scheduled: 80, dropped: 1 });
  });

  it('keeps what a killed runner wrote before its gzip stream ends, with a warning', async () => {
    const dir = path.join(root, 'torn');
    const [file] = await deal(dir, 1, () => 'segment-1-of-1.ndjson');
    await pipeline(createReadStream(file!), createGzip(), createWriteStream(`${file}.gz`));
    const gz = await readFile(`${file}.gz`);
    await writeFile(`${file}.gz`, gz.subarray(0, Math.floor(gz.length * 0.6)));
    await rm(file!);
    const output = await readK6Output(`${file}.gz`, plan);
    expect(output.truncated).toBe(true);
    expect(output.iterations).toBeGreaterThan(10);
    expect(output.iterations).toBeLessThan(79);
    expect(output.badLines).toBe(0); // the torn last line is the cut, not bad data
    const result = await ingestK6({ paths: [dir], plan, outDir: path.join(root, 'runs'), id: 'torn' });
    const run = await readRun(result.dir);
    expect(run.events.filter((e) => e.type === 'warning').map((e) => (e.type === 'warning' ? e.message : ''))).toEqual([
      'segment-1-of-1.ndjson.gz ends early (its writer was stopped): read up to where it ends',
    ]);
  });
});

describe('ingest k6: bad input, one line each', () => {
  it('names a missing segment, and with --partial marks the run failed naming it', async () => {
    const files = await deal(path.join(root, 'gap'), 3, (i) => `segment-${i}-of-3.ndjson`);
    const given = [files[0]!, files[2]!];
    await expect(ingestK6({ paths: given, plan, outDir: path.join(root, 'runs'), id: 'gap' })).rejects.toThrow(
      "ingest k6: segment 2/3 missing; give every segment's k6 output (or --partial to use what there is)",
    );
    const result = await ingestK6({ paths: given, plan, outDir: path.join(root, 'runs'), id: 'gap', partial: true });
    const run = await readRun(result.dir);
    expect(run.manifest).toMatchObject({ status: 'failed', statusReason: 'segment 2/3 missing: the run covers part of the plan' });
  });

  it('refuses one segment twice, a runner named one segment but tagged another, and a file given twice', async () => {
    const files = await deal(path.join(root, 'twice'), 2, (i) => `segment-${i}-of-2.ndjson`);
    const copy = path.join(root, 'twice', 'again-1-of-2.ndjson');
    await copyFile(files[0]!, copy);
    await expect(ingestK6({ paths: [...files, copy], plan, outDir: root })).rejects.toThrow(`ingest k6: ${copy} and ${files[0]} both ran segment 1/2; give each segment once`);
    await expect(ingestK6({ paths: [files[0]!, files[0]!], plan, outDir: root })).rejects.toThrow(`ingest k6: ${files[0]} is the same file as ${files[0]}; give each output once`);
    const tagged = await deal(path.join(root, 'misnamed'), 2, (i) => `segment-${3 - i}-of-2.ndjson`, true);
    await expect(ingestK6({ paths: tagged, plan, outDir: root })).rejects.toThrow(`${tagged[0]}: named segment 2/2 but its points carry k6-operator instance_id 1`);
  });

  it('says when the profile is not the one the script was exported from, or the file is not k6 output', async () => {
    const [file] = await deal(path.join(root, 'wrong'), 1, () => 'out.ndjson');
    const other: LoadPlan = { ...plan, profile: 'morning-order-wave', scenarios: [{ ...plan.scenarios[0]!, journey: 'order-to-delivery', name: 'order_to_delivery' }] };
    await expect(ingestK6({ paths: [file!], plan: other, outDir: root })).rejects.toThrow(
      `${file}: journey 'stock-inquiry' is not in profile morning-order-wave (order-to-delivery); give the --profile the k6 script was exported from`,
    );
    const notK6 = path.join(root, 'wrong', 'metrics.ndjson');
    await writeFile(notK6, '{"v":1,"type":"window","t":1,"journey":"j","step":null,"ok":1,"errors":{},"latency":"x"}\n');
    await expect(ingestK6({ paths: [notK6], plan, outDir: root })).rejects.toThrow(`${notK6}: no k6 points (expected k6 --out json NDJSON lines`);
    await expect(ingestK6({ paths: [path.join(root, 'nowhere')], plan, outDir: root })).rejects.toThrow(`${path.join(root, 'nowhere')}: no such file or directory`);
    await mkdir(path.join(root, 'empty'));
    await expect(ingestK6({ paths: [path.join(root, 'empty')], plan, outDir: root })).rejects.toThrow(`${path.join(root, 'empty')}: no *.ndjson or *.ndjson.gz files`);
  });
});

describe('ingest k6 --collect', () => {
  const fixtureStart = Date.parse('2026-11-23T08:38:09Z');
  async function collectRun(id: string, fromMs: number, toMs: number): Promise<string> {
    const writer = await RunWriter.create({
      root: path.join(root, 'collected'),
      id,
      now: () => fromMs,
      manifest: { engine: 'embedded', kind: 'collect', target: { url: '', db: 'distri', login: '' }, pg: { url: 'postgres://monitor:secret@db/distri' }, plan: { ...plan, profile: 'collect', scenarios: [] }, collectors: [{ name: 'pg_activity', intervalMs: 1000 }] },
    });
    for (let t = fromMs; t <= toMs; t += 1000) writer.pgActivity({ v: 1, type: 'pg_activity', t, total: 3, sessions: [] });
    await writer.flush();
    const manifestFile = path.join(writer.dir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as Record<string, unknown>;
    await writeFile(manifestFile, JSON.stringify({ ...manifest, status: 'completed', endedAt: new Date(toMs).toISOString() }));
    return writer.dir;
  }

  it('joins the collectors of the same window, clipped to the load (± one interval)', async () => {
    const [file] = await deal(path.join(root, 'with-collect'), 1, () => 'out.ndjson');
    const collected = await collectRun('db-side', fixtureStart - 60_000, fixtureStart + 120_000);
    const result = await ingestK6({ paths: [file!], plan, outDir: path.join(root, 'runs'), id: 'with-collect', collect: [collected] });
    const run = await readRun(result.dir);
    const from = Date.parse(run.manifest.startedAt) - 1000;
    const to = Date.parse(run.manifest.endedAt!) + 1000;
    expect(run.pgActivity.length).toBe(Math.floor((to - fixtureStart + 60_000) / 1000) - Math.ceil((from - fixtureStart + 60_000) / 1000) + 1);
    expect(run.pgActivity.every((s) => s.t >= from && s.t <= to)).toBe(true);
    expect(run.manifest.collectors).toEqual([{ name: 'pg_activity', intervalMs: 1000 }]);
    expect(run.manifest.pg?.url).not.toContain('secret');
    expect(run.manifest.mergedFrom?.at(-1)).toMatchObject({ id: 'db-side', kind: 'collect' });
  });

  it('refuses a collect run of another window, and a directory that is not a collect run', async () => {
    const [file] = await deal(path.join(root, 'other-window'), 1, () => 'out.ndjson');
    const yesterday = await collectRun('yesterday', fixtureStart - 86_400_000, fixtureStart - 86_000_000);
    await expect(ingestK6({ paths: [file!], plan, outDir: root, collect: [yesterday] })).rejects.toThrow(`${yesterday}: collected from `);
    await expect(ingestK6({ paths: [file!], plan, outDir: root, collect: [path.join(root, 'runs', 'single')] })).rejects.toThrow(
      `${path.join(root, 'runs', 'single')}: not a collect-only run (made by odoo-capacity collect); --collect takes what collect wrote`,
    );
  });
});
