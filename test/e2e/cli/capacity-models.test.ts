/**
 * The `model`, `simulate` and `plan` commands end to end through the CLI's parser, in-process.
 * stdout/stderr are captured; the exit code is the one runCli resolves to.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setExitCode } from '../../../src/cli/exit.js';
import { runCli } from '../../../src/cli/parser.js';
import { workersForTarget } from '../../../models/workers-needed.js';

let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  setExitCode(0);
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

/** The CLI's own parser (src/cli/parser.ts), so usage errors behave as for users. */
function cli(args: string[]): Promise<number> {
  return runCli(args);
}

const dir = mkdtempSync(path.join(tmpdir(), 'capacity-models-'));
const csv = path.join(dir, 'points.csv');
writeFileSync(csv, 'concurrency,throughput\n1,64.9\n18,995.9\n36,1652.4\n72,1853.2\n108,1828.9\n144,1775.0\n216,1702.2\n');

describe('model usl', () => {
  it('fits the SPEC SDM91 points and prints the peak', async () => {
    expect(await cli(['model', 'usl', '--data', csv])).toBe(0);
    expect(out).toContain('peak concurrency: 96');
    expect(out).toMatch(/sigma\s+0\.02773/);
  });

  it('prints JSON with --json', async () => {
    expect(await cli(['model', 'usl', '--data', csv, '--json'])).toBe(0);
    const parsed = JSON.parse(out) as { peakConcurrency: { value: number }; sigma: number };
    expect(parsed.peakConcurrency.value).toBe(96);
    expect(parsed.sigma).toBeCloseTo(0.0277, 4);
  });

  it('names the file and line of a bad CSV row (exit 1)', async () => {
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'concurrency,throughput\n1,10\n2,abc\n');
    expect(await cli(['model', 'usl', '--data', bad])).toBe(1);
    expect(err.trim()).toBe(`odoo-capacity: ${bad}:3: expected concurrency > 0 and throughput ≥ 0 as numbers, got "2,abc"`);
  });
});

describe('model workers and postgres', () => {
  it('sizes workers from a rate and a service time', async () => {
    expect(await cli(['model', 'workers', '--rate', '2.4', '--service-ms', '310', '--target-p95-ms', '1000', '--json'])).toBe(0);
    const expected = workersForTarget({ ratePerS: 2.4, serviceMeanS: 0.31, serviceScv: 1, targetP95S: 1, maxUtilization: 0.7 });
    expect((JSON.parse(out) as { workers: { value: number } }).workers.value).toBe(expected.value);
  });

  it('shows the PGTune baseline and the Odoo adjustments apart', async () => {
    expect(await cli(['model', 'postgres', '--ram', '16GB', '--cpus', '4', '--storage', 'ssd', '--connections', '300'])).toBe(0);
    expect(out).toContain('Baseline — PGTune');
    expect(out).toMatch(/shared_buffers\s+4GB/);
    expect(out).toMatch(/work_mem\s+13797kB/);
    expect(out).toContain('Odoo adjustments');
    expect(out).toContain('idle_in_transaction_session_timeout: (unset) → 1260s');
  });
});

describe('simulate', () => {
  it('compares worker counts for a built-in profile', async () => {
    expect(await cli(['simulate', 'morning-order-wave', '--workers', '2,4', '--phase', 'peak'])).toBe(0);
    expect(out).toContain('Simulated morning-order-wave');
    expect(out).toMatch(/\n2\s+order-to-delivery\s+http/);
    expect(out).toMatch(/\n4\s+order-to-delivery\s+http/);
  });

  it('refuses a bad worker list (exit 2)', async () => {
    expect(await cli(['simulate', 'morning-order-wave', '--workers', '4,x'])).toBe(2);
    expect(err).toContain('--workers: expected up to 20 comma-separated whole numbers');
  });
});

describe('plan', () => {
  it('prints every section of the recommendation for the example forecast', async () => {
    expect(await cli(['plan', '--forecast', 'examples/forecast.yaml'])).toBe(0);
    for (const section of ['## Workload at the peak hour', '## Odoo', '## PostgreSQL', '## Tenancy', '## Headroom']) expect(out).toContain(section);
    for (const item of ['workers (HTTP):', 'max_cron_threads:', 'CPU cores:', 'RAM for Odoo:', 'limit_memory_hard:', 'limit_time_real:', 'db_maxconn:', 'max_connections:', 'headroom:']) {
      expect(out).toContain(item);
    }
    // Without --run there are no counters: storage growth from the forecast, IOPS said to be missing.
    expect(out).toMatch(/ {2}storage growth: [\d.]+ GB\/year\n/);
    expect(out).toContain('  IOPS: no run with PostgreSQL counters given');
    // The example declares the database's RAM and storage, not its CPUs: the one assumption is named.
    expect(out).toContain('  Assumed for the database server (not given by the forecast): 4 CPUs; declare database.ramGb, cpus and storage in the forecast to size for yours.');
    expect(out).toContain('  headroom: 78.2 % of the forecast peak');
  });

  it('grows the recommendation with --scale', async () => {
    await cli(['plan', '--forecast', 'examples/forecast.yaml', '--json']);
    const base = JSON.parse(out) as { odoo: { httpWorkers: { value: number } }; workload: { requests: { ratePerS: number } } };
    out = '';
    await cli(['plan', '--forecast', 'examples/forecast.yaml', '--json', '--scale', '20']);
    const doubled = JSON.parse(out) as typeof base;
    expect(doubled.workload.requests.ratePerS).toBeCloseTo(20 * base.workload.requests.ratePerS, 6);
    expect(doubled.odoo.httpWorkers.value).toBeGreaterThan(base.odoo.httpWorkers.value);
  });

  it('reports every forecast problem on its own line naming file and field (exit 1)', async () => {
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: x\nwarehouses: 0\nordersPerDay: 10\nlinesPerOrder: { mean: 3 }\npeakHourShare: 2\nscanners: 1\nedi: { partners: 1, batchSize: 5, intervalMinutes: 30 }\nmonthEnd: { invoices: 1, hours: 1 }\ngrowth: { annualRate: 0, horizonYears: 0 }\nslos: { requestP95Ms: 1000 }\ncolour: red\n');
    expect(await cli(['plan', '--forecast', bad])).toBe(1);
    expect(err).toContain(`${bad}: warehouses: expected a whole number of warehouses ≥ 1, got 0`);
    expect(err).toContain(`${bad}: peakHourShare: expected a share between 0 and 1, got 2`);
    expect(err).toContain(`${bad}: colour: expected one of`);
  });
});
