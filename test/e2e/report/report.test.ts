/**
 * The report in a real browser: headless Chromium opens report.html from disk and we check that it
 * loads nothing else, logs no error, draws every chart, and fits the executive summary on one printed page.
 * Skipped when /usr/bin/chromium is missing (CI must install Debian's `chromium` package).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../../src/report/write.js';
import { fixtureInput } from '../../unit/report/fixtures/summary.js';

const CHROMIUM = '/usr/bin/chromium';
const EIGHT_JOURNEYS = ['order-to-delivery', 'barcode-pick', 'edi-import', 'stock-inquiry', 'receipt', 'invoicing', 'replenishment', 'month-end-reports'];
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Printable area of the smaller of A4 (210 × 297 mm) and Letter (215.9 × 279.4 mm) with the report's 12 mm margins, in CSS px (96 per inch). */
const MM = 96 / 25.4;
const PRINT_WIDTH_PX = Math.floor((210 - 24) * MM);
const PRINT_HEIGHT_PX = Math.floor((279.4 - 24) * MM);

describe.skipIf(!existsSync(CHROMIUM))('report.html in headless Chromium', () => {
  let browser: Browser;
  let dir: string;
  let url: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'odoo-capacity-e2e-'));
    const { html } = await writeReport(dir, fixtureInput({ waveFactor: 1.7, status: 'aborted', statusReason: 'operator pressed Ctrl-C' }));
    url = pathToFileURL(html).href;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('loads only the file itself, logs no error and draws every chart', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(url, { waitUntil: 'load' });

    expect(requests).toEqual([url]);
    expect(problems).toEqual([]);
    const charts = await page.$$eval('figure.chart > svg', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        return { label: svg.getAttribute('aria-label') ?? '', width: box.width, height: box.height };
      }),
    );
    expect(charts).toHaveLength(2);
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
    const eight = await writeReport(join(dir, 'eight'), fixtureInput({ waveFactor: 1.7, status: 'aborted', statusReason: 'operator pressed Ctrl-C', journeys: EIGHT_JOURNEYS }));
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
