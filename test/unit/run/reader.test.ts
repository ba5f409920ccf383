import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listRuns, readRun } from '../../../src/run/reader.js';
import { RunWriter } from '../../../src/run/writer.js';
import { plan } from './fixtures.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'run-reader-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const windowLine = (t: number) => JSON.stringify({ v: 1, type: 'window', t, journey: 'j', step: null, ok: 1, errors: {}, latency: 'HISTFAAAAB' });

async function runWith(metrics: string): Promise<string> {
  const writer = await RunWriter.create({ root, id: 'r1', manifest: { engine: 'embedded', target: { url: 'http://x', db: 'd', login: 'l' }, plan } });
  await writer.close('completed');
  await writeFile(path.join(writer.dir, 'metrics.ndjson'), metrics);
  return writer.dir;
}

describe('readRun', () => {
  it('skips a truncated last line and says so in warnings', async () => {
    const dir = await runWith(`${windowLine(0)}\n${windowLine(1000)}\n{"v":1,"type":"wind`);
    const run = await readRun(dir);
    expect(run.windows.map((w) => w.t)).toEqual([0, 1000]);
    expect(run.warnings).toHaveLength(1);
    expect(run.warnings[0]).toMatch(/metrics\.ndjson:3: truncated last line skipped/);
  });

  it('rejects corruption in the middle with file:line and what was expected', async () => {
    const dir = await runWith(`${windowLine(0)}\n{"v":1,"ty\n${windowLine(2000)}\n`);
    await expect(readRun(dir)).rejects.toThrow(`${path.join(dir, 'metrics.ndjson')}:2: expected a MetricWindow record`);
  });

  it('rejects a record of the wrong shape even on the last line', async () => {
    const dir = await runWith(`${windowLine(0)}\n{"v":1,"type":"window","t":"soon"}\n`);
    await expect(readRun(dir)).rejects.toMatchObject({ code: 'RUN_CORRUPT', message: expect.stringMatching(/metrics\.ndjson:2: expected a MetricWindow record .*got \{"v":1/) });
  });

  it('rejects another format version', async () => {
    const dir = await runWith(`${JSON.stringify({ v: 2, type: 'window' })}\n`);
    await expect(readRun(dir)).rejects.toThrow(/metrics\.ndjson:1: .*got v: 2 \(this tool reads format version 1\)/);
  });

  it('rejects a missing or invalid manifest in one line', async () => {
    await expect(readRun(path.join(root, 'nope'))).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
    const dir = path.join(root, 'bad');
    await mkdir(dir);
    await writeFile(path.join(dir, 'manifest.json'), '{"v":1,"id":"bad"');
    await expect(readRun(dir)).rejects.toThrow(/manifest\.json: invalid JSON/);
    await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ v: 1, id: 'bad', status: 'done' }));
    await expect(readRun(dir)).rejects.toThrow(/manifest\.json: status: expected one of running, completed, aborted, interrupted, failed, got "done"/);
  });

  it('treats missing series files as empty', async () => {
    const dir = await runWith('');
    const run = await readRun(dir);
    expect(run.pgActivity).toEqual([]);
    expect(run.windows).toEqual([]);
  });
});

describe('listRuns', () => {
  it('lists runs newest first, marks unreadable ones and skips other folders', async () => {
    const old = await RunWriter.create({ root, id: 'a-old', manifest: { engine: 'embedded', target: { url: 'http://x', db: 'd', login: 'l' }, plan }, now: () => Date.UTC(2026, 0, 1) });
    await old.close('completed');
    const recent = await RunWriter.create({ root, id: 'b-new', manifest: { engine: 'k6', target: { url: 'http://x', db: 'd', login: 'l' }, plan }, now: () => Date.UTC(2026, 5, 1) });
    await recent.setStatus('running');
    await mkdir(path.join(root, 'not-a-run'));
    await mkdir(path.join(root, 'broken'));
    await appendFile(path.join(root, 'broken', 'manifest.json'), '{');
    const runs = await listRuns(root);
    expect(runs.map((r) => [r.id, r.status])).toEqual([
      ['b-new', 'running'],
      ['a-old', 'completed'],
      ['broken', 'unreadable'],
    ]);
    expect(runs[0]).toMatchObject({ profile: 'morning-order-wave', startedAt: '2026-06-01T00:00:00.000Z' });
    expect(await listRuns(path.join(root, 'missing'))).toEqual([]);
  });
});
