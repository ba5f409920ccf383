/**
 * `run --engine k6` through the real child-process path with a FAKE `k6` on PATH (no k6 binary can
 * be installed here): a small node script that writes the recorded k6 v0.48 output
 * (fixtures/k6-0.48-odoo17/out.ndjson) to its `--out json=` path a few lines at a time, as k6 does.
 */
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadPlan } from '../../../src/plan/plan.js';
import { parseThreshold } from '../../../src/run/thresholds.js';
import { findK6, k6NotFoundMessage, k6SegmentArgs, runK6 } from '../../../src/k6/run.js';
import { readRun } from '../../../src/run/reader.js';
import { RunWriter } from '../../../src/run/writer.js';

const FIXTURE = new URL('../../fixtures/k6-0.48-odoo17/out.ndjson', import.meta.url).pathname;

const FAKE_K6 = `#!/usr/bin/env node
const fs = require('node:fs');
const args = process.argv.slice(2);
const out = args.find((a) => a.startsWith('json=')).slice(5);
const script = args[args.length - 1];
fs.writeFileSync(out + '.args.json', JSON.stringify({ args, env: { url: process.env.ODOO_URL, db: process.env.ODOO_DB, hasPassword: !!process.env.ODOO_PASSWORD }, scriptBytes: fs.statSync(script).size }));
const lines = fs.readFileSync(${JSON.stringify(FIXTURE)}, 'utf8').split('\\n');
let i = 0;
const timer = setInterval(() => {
  const chunk = lines.slice(i, i + 150);
  i += 150;
  // A line split across two writes, as a real writer may leave it.
  const text = chunk.join('\\n') + (i < lines.length ? '\\n' : '');
  const cut = Math.floor(text.length / 2);
  fs.appendFileSync(out, text.slice(0, cut));
  fs.appendFileSync(out, text.slice(cut));
  if (i >= lines.length) { clearInterval(timer); process.stderr.write('done\\n'); process.exit(Number(process.env.FAKE_K6_EXIT || 0)); }
}, 15);
`;

const plan: LoadPlan = {
  version: 1,
  profile: 'k6-fixture',
  seed: 1,
  scale: 1,
  compress: { factor: 1, keep: 'peak-rates' },
  durationS: 10,
  phases: [],
  scenarios: [
    { journey: 'order-to-delivery', name: 'stock_inquiry', executor: 'ramping-arrival-rate', startRate: 2, stages: [{ durationS: 5, target: 10 }, { durationS: 5, target: 10 }], preAllocatedVUs: 2, maxVUs: 4, gracefulStopS: 30 },
  ],
  slos: {},
};

let bin: string;
let runs: string;
const savedPath = process.env.PATH;
beforeAll(async () => {
  bin = await mkdtemp(path.join(tmpdir(), 'fake-k6-'));
  runs = await mkdtemp(path.join(tmpdir(), 'runs-'));
  await writeFile(path.join(bin, 'k6'), FAKE_K6);
  await chmod(path.join(bin, 'k6'), 0o755);
});
afterAll(async () => {
  process.env.PATH = savedPath;
  await rm(bin, { recursive: true, force: true });
  await rm(runs, { recursive: true, force: true });
});

const target = { url: 'http://127.0.0.1:8069', db: 'distri', login: 'admin', password: 'secret' };

describe('run --engine k6', () => {
  it('names the fix when k6 is not on PATH', async () => {
    expect(findK6('')).toBeUndefined();
    process.env.PATH = '';
    try {
      const writer = await RunWriter.create({ root: runs, id: 'no-k6', manifest: { engine: 'k6', target, plan } });
      await expect(runK6({ plan, thresholds: [], target, writer })).rejects.toThrow(k6NotFoundMessage);
      await writer.close('failed', k6NotFoundMessage);
    } finally {
      process.env.PATH = savedPath;
    }
  });

  it('spawns k6 from PATH, streams its NDJSON into the run directory, and evaluates thresholds on it', async () => {
    process.env.PATH = `${bin}${path.delimiter}${savedPath}`;
    const writer = await RunWriter.create({ root: runs, id: 'k6-run', manifest: { engine: 'k6', target, plan } });
    const result = await runK6({ plan, thresholds: [parseThreshold('stock-inquiry:p(95)<800'), parseThreshold('stock-inquiry:max<500')], target, writer, pollMs: 20 });
    await writer.close(result.status, result.reason);
    expect(result).toMatchObject({ status: 'completed', exitCode: 0, iterations: 79, dropped: 1, k6ThresholdsCrossed: false });
    expect(result.thresholds.map((t) => t.pass)).toEqual([true, false]); // max iteration ≈ 1036 ms (the first, with the worker warm-up)

    const run = await readRun(writer.dir);
    expect(run.manifest).toMatchObject({ engine: 'k6', status: 'completed' });
    const iterations = run.windows.filter((w) => w.step === null);
    expect(iterations.reduce((s, w) => s + w.ok, 0)).toBe(79);
    expect(iterations.reduce((s, w) => s + (w.dropped ?? 0), 0)).toBe(1);
    expect(run.warnings).toEqual([]);

    const seen = JSON.parse(await readFile(path.join(writer.dir, 'k6', 'out.ndjson.args.json'), 'utf8')) as { args: string[]; env: Record<string, unknown>; scriptBytes: number };
    expect(seen.args.slice(0, 2)).toEqual(['run', '--quiet']);
    expect(seen.args.at(-1)).toBe(path.join(writer.dir, 'k6', 'script.js'));
    expect(seen.env).toEqual({ url: target.url, db: 'distri', hasPassword: true });
    expect(seen.scriptBytes).toBeGreaterThan(1000);
    expect(await readFile(path.join(writer.dir, 'k6', 'k6.log'), 'utf8')).toBe('done\n');
  });

  it('reports a k6 failure with its last stderr line, and passes segments as k6 flags', async () => {
    process.env.PATH = `${bin}${path.delimiter}${savedPath}`;
    process.env.FAKE_K6_EXIT = '107';
    try {
      const writer = await RunWriter.create({ root: runs, id: 'k6-fail', manifest: { engine: 'k6', target, plan } });
      const result = await runK6({ plan, thresholds: [], target, writer, pollMs: 20 });
      await writer.close(result.status, result.reason);
      expect(result).toMatchObject({ status: 'failed', exitCode: 107, reason: 'k6 exited with code 107: done (see k6/k6.log)' });
    } finally {
      delete process.env.FAKE_K6_EXIT;
    }
    expect(k6SegmentArgs({ index: 2, count: 4 })).toEqual(['--execution-segment', '1/4:2/4', '--execution-segment-sequence', '0,1/4,2/4,3/4,1']);
  });
});
