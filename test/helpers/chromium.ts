/**
 * Headless Chromium for the report tests: Debian's `chromium` package driven by playwright-core.
 * Tests skip when it is not installed (`HAS_CHROMIUM`).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
/** No network beyond the page itself (no QUIC, updates, sync or background fetches). */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** A page opened on `url`, with every request it made and every console error, warning and page error. */
export interface RecordedPage {
  page: Page;
  requests: string[];
  problems: string[];
}

/** Opens `url` in a new 1100 × 900 px page and waits for `load`, recording requests and problems from the start. */
export async function openRecorded(browser: Browser, url: string): Promise<RecordedPage> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(url, { waitUntil: 'load' });
  return { page, requests, problems };
}
