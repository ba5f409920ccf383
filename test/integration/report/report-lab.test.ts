/**
 * The report of a REAL run: a short morning wave against the lab (embedded PostgreSQL + the
 * Odoo-compatible lab server, with its Odoo-format log followed), the report built from the run
 * directory, then opened in headless Chromium: no network request, no console error, every chart
 * drawn; a screenshot goes to test-output/. summary.json must parse with its zod schema and
 * junit.xml must hold one test case per objective and threshold.
 *
 * The committed sample report (reports/samples/) comes from a real Odoo 17 run and is compared in
 * test/unit/report/sample.test.ts.
 * The browser part is skipped when /usr/bin/chromium is missing.
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeys } from '../../../scenarios/journeys/index.js';
import { getProfile } from '../../../scenarios/profiles/index.js';
import { compileProfile } from '../../../src/engine/compile.js';
import type { Lab } from '../../../src/lab/lab.js';
import { buildReport, type BuiltReport } from '../../../src/pipeline/build-report.js';
import { runLoad } from '../../../src/pipeline/run-load.js';
import { summaryJsonSchema } from '../../../src/report/summary-schema.js';
import { HAS_CHROMIUM, launchChromium, openRecorded } from '../../helpers/chromium.js';
import { startTestLab, stopTestLab } from '../../helpers/lab-fixture.js';


let dir: string;
let lab: Lab;
let report: BuiltReport;

beforeAll(async () => {
  ({ dir, lab } = await startTestLab());
  // scale 4: each order is keyed through the web client (~70 requests), ~9× the API-shaped flow's cost
  const plan = compileProfile(getProfile('morning-order-wave'), { scale: 4, compress: { durationS: 15, keep: 'peak-rates' }, seed: 11 });
  const result = await runLoad({
    plan,
    journeys,
    target: { url: lab.odoo.url, db: lab.odoo.db, login: lab.odoo.login, password: lab.odoo.password },
    pgUrl: lab.pgUrl,
    odooLogFile: lab.logFile,
    statsIntervalMs: 2000,
    runsDir: path.join(dir, 'runs'),
  });
  expect(result.status).toBe('completed');
  report = await buildReport(result.runDir, { generatedAt: '2026-03-02T08:10:00.000Z' });
}, 180_000);

afterAll(() => stopTestLab(lab, dir));

describe('the report of a real lab run', () => {
  it('writes summary.json that parses with its schema and carries the run’s database and Odoo-log evidence', () => {
    const json = summaryJsonSchema.parse(JSON.parse(readFileSync(report.json, 'utf8')));
    const s = json.summary;
    expect(s.status).toBe('completed');
    expect(s.waits?.samples ?? 0).toBeGreaterThan(5);
    expect(s.database?.run?.commits ?? 0).toBeGreaterThan(0);
    expect(s.odoo?.summary.requests.count ?? 0).toBeGreaterThan(0);
    // The lab was started with two workers; every worker that served a request is listed once.
    expect(s.odoo?.workers.length).toBeGreaterThanOrEqual(1);
    expect(s.odoo?.workers.length).toBeLessThanOrEqual(2);
    expect(json.configuration?.costDrivers.map((d) => d.tier)).toEqual(expect.arrayContaining(['Tenancy', 'Odoo application server', 'PostgreSQL']));
    expect(json.recommendation.headroom).toBeDefined();
    expect(json.whatIf?.rows.map((r) => r.workers)).toEqual(expect.arrayContaining([2, 4, 6, 8]));
    expect(json.risks).toBeDefined();
  });

  it('writes junit.xml with one test case per objective and threshold', () => {
    const xml = readFileSync(report.junit, 'utf8');
    const cases = xml.match(/<testcase /g)?.length ?? 0;
    expect(cases).toBe(report.summary.slos.length + (report.summary.thresholds?.length ?? 0));
    expect(cases).toBeGreaterThan(0);
    const failed = report.summary.slos.filter((v) => !v.pass).length + (report.summary.thresholds ?? []).filter((t) => !t.pass).length;
    expect(xml.match(/<failure /g)?.length ?? 0).toBe(failed);
  });

  it('stays small and leaks no password', () => {
    const html = readFileSync(report.html, 'utf8');
    expect(statSync(report.html).size).toBeLessThan(1.5 * 1024 * 1024);
    expect(html).not.toContain(lab.odoo.password);
    expect(html).not.toContain(lab.pg.password);
  });

  it.skipIf(!HAS_CHROMIUM)('opens in headless Chromium with no request, no console error, and every chart drawn', async () => {
    const html = readFileSync(report.html, 'utf8');
    const expectedCharts = html.match(/<figure class="chart /g)?.length ?? 0;
    // Latency, throughput, arrivals, distribution, USL, waits, Odoo time, workers: all have evidence here.
    expect(expectedCharts).toBe(8);
    const browser = await launchChromium();
    try {
      const url = pathToFileURL(report.html).href;
      const { page, requests, problems } = await openRecorded(browser, url);
      expect(requests).toEqual([url]);
      expect(problems).toEqual([]);
      const charts = await page.$$eval('figure.chart > svg', (svgs) =>
        svgs.map((svg) => {
          const box = svg.getBoundingClientRect();
          return { label: svg.getAttribute('aria-label') ?? '', title: svg.querySelector('title')?.textContent ?? '', width: box.width, height: box.height, marks: svg.querySelectorAll('.role-mark').length };
        }),
      );
      expect(charts).toHaveLength(expectedCharts);
      for (const c of charts) {
        expect(c.label).not.toBe('');
        expect(c.title).not.toBe('');
        expect(c.width).toBeGreaterThan(300);
        expect(c.height).toBeGreaterThan(100);
        expect(c.marks).toBeGreaterThan(0);
      }
      mkdirSync(path.resolve('test-output'), { recursive: true });
      await page.screenshot({ path: path.resolve('test-output/report-lab.png'), fullPage: true });
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({ path: path.resolve('test-output/report-lab-print.png'), fullPage: false });
    } finally {
      await browser.close();
    }
  }, 60_000);
});
