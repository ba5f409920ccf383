import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../../src/report/html.js';
import { MISSING } from '../../../src/report/html-appendix.js';
import { fixtureInput } from './fixtures/summary.js';

const EIGHT_JOURNEYS = ['order-to-delivery', 'barcode-pick', 'edi-import', 'stock-inquiry', 'receipt', 'invoicing', 'replenishment', 'month-end-reports'];

/** Values of attributes through which a browser may load something. */
function loadingAttributeValues(html: string): string[] {
  return [...html.matchAll(/\s(?:src|href|xlink:href|srcset|action|poster|data|background)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi)].map((m) => (m[1] ?? '').replace(/^["']|["']$/g, ''));
}

/** The body of one table, found by its caption text. */
function tableWithCaption(html: string, caption: string): string {
  const start = html.indexOf(`<caption>${caption}`);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</table>', start));
}

describe('renderReportHtml: self-contained', () => {
  it('loads nothing: no script, link, img, iframe or external url(), and no attribute points outside', async () => {
    const html = await renderReportHtml(fixtureInput({ waveFactor: 1.7 }));
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed|base)\b/i);
    expect(html).not.toMatch(/@import/i);
    expect(html).not.toMatch(/url\(\s*['"]?(?!#)/i); // only url(#fragment) references inside SVG
    for (const value of loadingAttributeValues(html)) expect(value).toMatch(/^#/);
    // The only http(s) strings are SVG namespace names and the target URL shown as text.
    const urls = [...html.matchAll(/https?:\/\/[^\s"'<)]+/g)].map((m) => m[0]);
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink', 'https://staging.example.com/odoo']));
  });

  it('shows the target URL without its credentials', async () => {
    const html = await renderReportHtml(fixtureInput());
    expect(html).toContain('<dd>https://staging.example.com/odoo · database acme_staging</dd>');
    expect(html).not.toContain('s3cr3t');
    expect(html).not.toContain('loadtest');
  });

  it('stays under 1.5 MB for a one-hour run of eight journeys', async () => {
    const html = await renderReportHtml(fixtureInput({ durationS: 3600, journeys: EIGHT_JOURNEYS }));
    expect(Buffer.byteLength(html, 'utf8')).toBeLessThan(1.5 * 1024 * 1024);
    expect(html).toContain('Points are 15-second buckets showing the worst window in each bucket.');
  });
});

describe('renderReportHtml: executive summary', () => {
  it('says Ready for the passing fixture', async () => {
    const html = await renderReportHtml(fixtureInput());
    expect(html).toContain('<p class="verdict verdict--ready"><strong>Ready:</strong> every flow met its objective</p>');
    expect(html).not.toContain('Partial run');
  });

  it('says Not ready with the worst misses for the failing fixture', async () => {
    const html = await renderReportHtml(fixtureInput({ waveFactor: 1.7 }));
    expect(html).toContain(
      '<p class="verdict verdict--not-ready"><strong>Not ready:</strong> barcode-pick p95 775 ms against 500 ms in order-wave; order-to-delivery p95 3.43 s against 2.5 s in order-wave and 1 more flow at 3× business volume</p>',
    );
  });

  it('gives each flow a light with a word, not colour alone', async () => {
    const html = await renderReportHtml(fixtureInput());
    const lights = tableWithCaption(html, 'Each business flow against its objective');
    expect(lights).toContain(
      '<tr><th scope="row">barcode-pick</th><td><span class="light light--amber"><span class="light__dot" aria-hidden="true">!</span>At risk</span></td><td>p95 456 ms against 500 ms in order-wave</td></tr>',
    );
    expect(lights.match(/class="light light--green"/g)).toHaveLength(2);
    expect(lights.match(/>Met</g)).toHaveLength(2);
  });

  it('shows the recommended HTTP workers with the reason', async () => {
    const html = await renderReportHtml(fixtureInput());
    expect(html).toContain('<p class="value">9 HTTP workers</p>');
    expect(html).toContain('The order wave needs 6.1 busy workers on average; 9 keeps worker utilisation under 70 % so p95 stays within the objective.');
  });

  it('says what was tested, and that a run was partial', async () => {
    const html = await renderReportHtml(fixtureInput({ status: 'aborted', statusReason: 'operator pressed Ctrl-C' }));
    expect(html).toContain('<dt>Profile</dt><dd>morning-wave</dd>');
    expect(html).toContain('<dt>Scale</dt><dd>3× business volume</dd>');
    expect(html).toContain('<dt>Time compression</dt><dd>18× faster than business time, keeping peak arrival rates</dd>');
    expect(html).toContain('<dt>Duration</dt><dd>10 min (from 2026-03-02T07:58:11.000Z to 2026-03-02T08:08:11.000Z)</dd>');
    expect(html).toContain('<dt>Odoo version</dt><dd>17.0-20250110</dd>');
    expect(html).toContain('<dt>Status</dt><dd>aborted — partial run: operator pressed Ctrl-C</dd>');
    expect(html).toContain('<p class="partial" role="note">Partial run: status &quot;aborted&quot; (operator pressed Ctrl-C). Results cover only the 10 min that ran.</p>');
    expect(html).toContain('<strong>Not confirmed:</strong>');
  });
});

describe('renderReportHtml: engineering detail', () => {
  it('has a per-phase table with one row per phase and flow, whole run included', async () => {
    const html = await renderReportHtml(fixtureInput({ waveFactor: 1.7 }));
    const table = tableWithCaption(html, 'Whole-flow throughput');
    expect(table.match(/<tr><th scope="row">/g)).toHaveLength(4 * 3);
    // order-wave, order-to-delivery: 1440 iterations over 360 s, p50 = 420 × 3.4 ms, 37 dropped.
    expect(table).toContain(
      '<tr><th scope="row">order-wave</th><td>order-to-delivery</td><td class="num">4</td><td class="num">1.43 s</td><td class="num">3.43 s</td><td class="num">5.57 s</td><td class="num">6</td><td class="num">0.42 %</td><td class="num">37</td></tr>',
    );
  });

  it('inlines every chart with evidence as a labelled figure, and the wait-event table', async () => {
    const html = await renderReportHtml(fixtureInput());
    // Latency, throughput, arrivals and waits; no distribution, USL, Odoo time or worker data in this fixture.
    expect(html.match(/<figure class="chart chart--[a-z-]+">\n<svg /g)).toHaveLength(4);
    expect(html).toContain('<title>Latency over time</title>');
    expect(html).toContain('<title>Where PostgreSQL sessions spent their time</title>');
    const waits = tableWithCaption(html, 'Top wait events');
    expect(waits).toContain('<tr><th scope="row">Client: ClientRead</th><td>idle in transaction</td><td>odoo-python</td><td class="num">2016</td><td class="num">3.36</td></tr>');
    expect(waits).toContain('<th scope="row">on CPU (no wait event)</th>');
  });

  it('explains a missing wait chart instead of showing an empty one', async () => {
    const html = await renderReportHtml(fixtureInput({ withWaits: false }));
    expect(html.match(/<figure /g)).toHaveLength(3);
    expect(html).not.toContain('chart--wait-events');
    expect(html).toContain(`<p class="missing" role="note">${MISSING.database}</p>`);
  });

  it('lists every recommendation with its inputs, and the notes', async () => {
    const html = await renderReportHtml(fixtureInput());
    const table = tableWithCaption(html, 'Every recommended value');
    expect(table).toContain('<th scope="row">httpWorkers</th><td>9 workers</td>');
    expect(table).toContain('<th scope="row">postgresMaxConnections</th><td>64 connections</td>');
    expect(table).toContain('<td>busyWorkers = 6.1, targetUtilisation = 0.7, peakArrivalsPerS = 12</td>');
    expect(html).toContain('<li>Odoo request log not collected: no --odoo-log given.</li>');
  });

  it('uses semantic structure: one h1, header/main/footer, captions on every table', async () => {
    const html = await renderReportHtml(fixtureInput());
    expect(html.match(/<h1>/g)).toHaveLength(1);
    for (const tag of ['<header', '<main>', '<footer', '<section class="executive"', '<section class="engineer"']) expect(html).toContain(tag);
    expect(html.match(/<table/g)?.length).toBe(html.match(/<caption>/g)?.length);
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
  });
});

describe('renderReportHtml: escaping', () => {
  it('escapes every text that comes from the run', async () => {
    const input = fixtureInput({ journeys: ['<script>alert(1)</script>', 'order-to-delivery'] });
    input.summary.profile = 'wave "A" & <B>';
    input.summary.notes = ['<img src=x onerror=alert(2)>'];
    input.recommendation.httpWorkers!.reason = 'because <b>reasons</b>';
    const html = await renderReportHtml(input);
    expect(html).not.toMatch(/<script|<img|<b>/i);
    expect(html).toContain('<th scope="row">&lt;script&gt;alert(1)&lt;/script&gt;</th>');
    expect(html).toContain('<title>Capacity report: wave &quot;A&quot; &amp; &lt;B&gt; on acme_staging</title>');
    expect(html).toContain('<li>&lt;img src=x onerror=alert(2)&gt;</li>');
    expect(html).toContain('because &lt;b&gt;reasons&lt;/b&gt;');
  });
});

describe('renderReportHtml: a run that never closed', () => {
  it('says the process stopped without finishing instead of quoting the raw status', async () => {
    const input = fixtureInput({});
    input.summary.status = 'running';
    const html = await renderReportHtml(input);
    expect(html).toContain('Partial run: the run did not close (its process stopped without finishing, or it is still running).');
  });
});
