/**
 * Damaged run directories fed to the built CLI's `report` (issue 10, "Bad input", "Nothing lost"):
 * a torn last line is skipped with a warning and the report is written; anything else — a
 * truncated manifest, garbage in the middle of a series, binary junk, a missing manifest — is one
 * clear line and exit 1, never a stack trace.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compileProfile } from '../../../src/engine/compile.js';
import { getProfile } from '../../../scenarios/profiles/index.js';
import { RunWriter } from '../../../src/run/writer.js';
import { encodeHistogram, newHistogram } from '../../../src/run/histogram.js';

const cli = path.resolve('dist/src/cli/main.js');
let root: string;
let good: string;

const report = (dir: string) => spawnSync(process.execPath, [cli, 'report', dir], { encoding: 'utf8', env: { PATH: process.env.PATH }, timeout: 60_000 });

/** A small completed run: 10 one-second windows of order-to-delivery, 3 iterations each. */
async function writeRun(parent: string): Promise<string> {
  const plan = compileProfile(getProfile('morning-order-wave'), { scale: 8, compress: { durationS: 10, keep: 'peak-rates' }, seed: 1 });
  const t0 = Date.UTC(2026, 10, 23, 8, 0, 0);
  let now = t0;
  const writer = await RunWriter.create({
    root: parent,
    id: 'sample',
    now: () => now,
    manifest: { engine: 'embedded', target: { url: 'http://127.0.0.1:8069', db: 'distri', login: 'admin' }, plan },
  });
  for (let s = 0; s < 10; s++) {
    const h = newHistogram();
    for (const ms of [300, 450, 900]) h.recordValue(ms * 1000);
    const latency = encodeHistogram(h);
    writer.window({ v: 1, type: 'window', t: t0 + s * 1000, journey: 'order-to-delivery', step: null, ok: 3, errors: {}, latency, service: latency, scheduled: 3, dropped: 0 });
    writer.window({ v: 1, type: 'window', t: t0 + s * 1000, journey: 'order-to-delivery', step: 'create-order', ok: 3, errors: {}, latency });
    h.destroy();
  }
  now = t0 + 10_000;
  await writer.close('completed');
  return writer.dir;
}

function copy(name: string): string {
  const dir = path.join(root, name);
  cpSync(good, dir, { recursive: true });
  rmSync(path.join(dir, 'report.html'), { force: true });
  return dir;
}

function expectOneLine(out: ReturnType<typeof report>, pattern: RegExp): void {
  expect({ status: out.status, stderr: out.stderr }).toMatchObject({ status: 1 });
  expect(out.stderr.trim().split('\n')).toHaveLength(1);
  expect(out.stderr.trim()).toMatch(pattern);
  expect(out.stderr).not.toMatch(/^\s+at /m);
  expect(out.stderr).not.toContain('unexpected error');
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'corrupt-runs-'));
  good = await writeRun(root);
});

describe.skipIf(!existsSync(cli))('report on damaged run directories (built CLI)', () => {
  it('reports the intact run', () => {
    const out = report(copy('intact'));
    expect({ status: out.status, stderr: out.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('skips a torn last line with a warning and still writes the report', () => {
    const dir = copy('torn');
    appendFileSync(path.join(dir, 'metrics.ndjson'), '{"v":1,"type":"window","t":17');
    const out = report(dir);
    expect(out.status).toBe(0);
    expect(out.stderr).toMatch(/^warning: .*metrics\.ndjson:\d+: truncated last line skipped \(not JSON .*\); the run probably stopped while writing it\n$/);
    expect(existsSync(path.join(dir, 'report.html'))).toBe(true);
  });

  it('refuses a truncated manifest in one line', () => {
    const dir = copy('manifest-cut');
    const text = readFileSync(path.join(dir, 'manifest.json'), 'utf8');
    writeFileSync(path.join(dir, 'manifest.json'), text.slice(0, Math.floor(text.length / 2)));
    expectOneLine(report(dir), /^odoo-capacity: .*manifest\.json: invalid JSON \(.*\); the run directory is damaged$/);
  });

  it('refuses garbage in the middle of a series, naming the file and line', () => {
    const dir = copy('garbage');
    const lines = readFileSync(path.join(dir, 'metrics.ndjson'), 'utf8').split('\n');
    lines.splice(3, 0, 'this is not a record');
    writeFileSync(path.join(dir, 'metrics.ndjson'), lines.join('\n'));
    expectOneLine(report(dir), /^odoo-capacity: .*metrics\.ndjson:4: expected a MetricWindow record .*, not JSON .*; the run directory is damaged$/);
  });

  it('refuses binary junk in the events', () => {
    const dir = copy('binary');
    writeFileSync(path.join(dir, 'events.ndjson'), Buffer.concat([Buffer.from([0, 255, 1, 10, 200, 13, 10]), Buffer.from('{"v":1,"type":"status","t":1,"status":"completed"}\n')]));
    expectOneLine(report(dir), /^odoo-capacity: .*events\.ndjson:\d+: expected a RunEvent record .*; the run directory is damaged$/);
  });

  it('refuses a directory without its manifest, and reads one whose series are missing', () => {
    const dir = copy('no-manifest');
    rmSync(path.join(dir, 'manifest.json'));
    expectOneLine(report(dir), /^odoo-capacity: .*: not a run directory \(no manifest\.json\)/);
    const empty = copy('no-series');
    for (const f of ['metrics.ndjson', 'events.ndjson']) rmSync(path.join(empty, f));
    const out = report(empty);
    expect(out.stderr).not.toMatch(/^\s+at /m);
    expect(out.stderr).not.toContain('unexpected error');
    expect(out.status === 0 || out.stderr.trim().split('\n').length === 1).toBe(true);
  });
});
