/**
 * The report in a real browser: headless Chromium opens report.html from disk and we check that it
 * loads nothing else, logs no error, draws every chart, and fits the executive summary on one printed page.
 * Skipped when /usr/bin/chromium is missing (CI must install Debian's `chromium` package).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessRisks } from '../../../src/analyze/risks.js';
import { writeReport } from '../../../src/report/write.js';
import { HAS_CHROMIUM, launchChromium, openRecorded } from '../../helpers/chromium.js';
import { fixtureInput } from '../../unit/report/fixtures/summary.js';

const EIGHT_JOURNEYS = ['order-to-delivery', 'barcode-pick', 'edi-import', 'stock-inquiry', 'receipt', 'invoicing', 'replenishment', 'month-end-reports'];

/** Printable area of the smaller of A4 (210 × 297 mm) and Letter (215.9 × 279.4 mm) with the report's 12 mm margins, in CSS px (96 per inch). */
const MM = 96 / 25.4;
const PRINT_WIDTH_PX = Math.floor((210 - 24) * MM);
const PRINT_HEIGHT_PX = Math.floor((279.4 - 24) * MM);

describe.skipIf(!HAS_CHROMIUM)('report.html in headless Chromium', () => {
  let browser: Browser;
  let dir: string;
  let url: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'odoo-capacity-e2e-'));
    const { html } = await writeReport(dir, fixtureInput({ waveFactor: 1.7, status: 'aborted', statusReason: 'operator pressed Ctrl-C' }));
    url = pathToFileURL(html).href;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('loads only the file itself, logs no error and draws every chart', async () => {
    const { page, requests, problems } = await openRecorded(browser, url);

    expect(requests).toEqual([url]);
    expect(problems).toEqual([]);
    const charts = await page.$$eval('figure.chart > svg', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        return { label: svg.getAttribute('aria-label') ?? '', width: box.width, height: box.height };
      }),
    );
    // Latency, throughput, arrivals and waits: the charts this fixture has evidence for.
    expect(charts).toHaveLength(4);
    for (const c of charts) {
      expect(c.label).not.toBe('');
      expect(c.width).toBeGreaterThan(300);
      expect(c.height).toBeGreaterThan(150);
    }
    await mkdir(resolve('test-output'), { recursive: true });
    await page.screenshot({ path: resolve('test-output/report.png'), fullPage: true });
    await page.close();
  });

  it('fits the header and executive summary on one printed A4 or Letter page, even with eight flows', async () => {
    const eightInput = fixtureInput({ waveFactor: 1.7, status: 'aborted', statusReason: 'operator pressed Ctrl-C', journeys: EIGHT_JOURNEYS });
    // Page one at its fullest: the configuration per tier and three risks with their actions.
    eightInput.risks = assessRisks(eightInput.summary);
    eightInput.configuration = {
      source: 'run',
      sizedFor: 'the tested peak (phase order-wave, 3× business volume)',
      costDrivers: [
        { tier: 'Tenancy', configuration: 'dedicated', driver: 'Score 5 (≥ 5 dedicated, 2–4 hybrid, ≤ 1 multi-tenant): peak worker need 12 workers, bursty arrivals. More text follows.' },
        { tier: 'Odoo application server', configuration: '12 HTTP workers + 2 cron, 8 CPU cores, 4.2 GB RAM for workers', driver: 'Workers: 12 keep p95 under 1 s at 70 % utilisation. Cores: Peak CPU demand 5.1 CPU-seconds/s at ≤ 70 % utilisation. More.' },
        { tier: 'PostgreSQL', configuration: '4 CPU cores, 16 GB RAM, max_connections 60', driver: 'Measured database demand 2.1 CPU-seconds/s at the peak, at ≤ 70 % utilisation. 16 GB assumed.' },
        { tier: 'Integration pool (optional)', configuration: '2 workers', driver: 'EDI batches need 2 workers for a 3 s p95. More.' },
      ],
      notes: [],
    };
    expect(eightInput.risks.length).toBeGreaterThanOrEqual(3);
    const eight = await writeReport(join(dir, 'eight'), eightInput);
    for (const target of [url, pathToFileURL(eight.html).href]) {
      const page = await browser.newPage({ viewport: { width: PRINT_WIDTH_PX, height: PRINT_HEIGHT_PX } });
      await page.emulateMedia({ media: 'print' });
      await page.goto(target, { waitUntil: 'load' });
      // Freshly loaded, so not scrolled: the rect's bottom is the distance from the top of the document.
      const bottom = await page.$eval('section.executive', (el) => el.getBoundingClientRect().bottom);
      expect(bottom).toBeGreaterThan(PRINT_HEIGHT_PX / 3);
      expect(bottom).toBeLessThanOrEqual(PRINT_HEIGHT_PX);
      await page.close();
    }
  });
});
