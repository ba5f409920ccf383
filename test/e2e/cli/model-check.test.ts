/**
 * `model check` end to end through the CLI's parser, in-process, on two real Odoo 17 runs
 * (test/fixtures/odoo17-runs): the error table of every run predicting every run.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setExitCode } from '../../../src/cli/exit.js';
import { runCli } from '../../../src/cli/parser.js';

const FIXTURES = new URL('../../fixtures/odoo17-runs/', import.meta.url).pathname;
const W4 = `${FIXTURES}morning-wave-scale15-workers4`;
const W2 = `${FIXTURES}morning-wave-scale15-workers2`;

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

describe('model check', () => {
  it('predicts each run from each run, within ±25 % on these two real Odoo 17 runs (--json)', async () => {
    expect(await runCli(['model', 'check', W4, W2, '--odoo-cores', '2', '--json'])).toBe(0);
    const result = JSON.parse(out) as { rows: Array<{ from: string; to: string; workers: number; p95Error: number; throughputError: number }>; models: Array<{ testedWorkers: number }> };
    expect(result.rows).toHaveLength(4);
    expect(result.models.map((m) => m.testedWorkers)).toEqual([4, 2]);
    for (const row of result.rows) {
      expect(Math.abs(row.p95Error)).toBeLessThanOrEqual(0.25);
      expect(Math.abs(row.throughputError)).toBeLessThanOrEqual(0.25);
    }
  });

  it('prints a table and a count of predictions within tolerance', async () => {
    expect(await runCli(['model', 'check', W2, '--odoo-cores', '2'])).toBe(0);
    expect(out).toContain('p95 predicted s');
    // A table: header, rule, one row per prediction, then the summary lines — not one folded line.
    expect(out.split('\n')[1]).toMatch(/^-+ /);
    expect(out).toMatch(/1 of 1 predictions within ±25 %/);
  });

  it('refuses a directory that is not a run with one line, and a run named twice as a usage error', async () => {
    expect(await runCli(['model', 'check', FIXTURES])).toBe(1);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain('not a run directory');
    err = '';
    expect(await runCli(['model', 'check', W2, `${W2}/`])).toBe(2);
    expect(err).toContain('the same run directory is named twice');
  });
});
