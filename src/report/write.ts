/**
 * Write a run's report files: report.html, summary.json and junit.xml side by side
 * (default in the run directory; `out` puts the HTML elsewhere and the other two next to it).
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { renderReportHtml } from './html.js';
import { renderJunitXml } from './junit.js';
import { buildSummaryJson } from './summary-json.js';
import type { ReportInput } from './types.js';

export interface WriteReportOptions {
  /** Path of the HTML file; default `<runDir>/report.html`. */
  out?: string;
}

export interface WrittenReport {
  html: string;
  summaryJson: string;
  junitXml: string;
  /** The verdict's one-line headline, as the executive page opens with it. */
  headline: string;
}

/**
 * Render and write both files; each is written to a temporary name and renamed, so a reader never
 * sees half a report. Returns their absolute paths.
 */
export async function writeReport(runDir: string, input: ReportInput, options: WriteReportOptions = {}): Promise<WrittenReport> {
  const html = resolve(options.out ?? join(runDir, 'report.html'));
  const summaryJson = join(dirname(html), 'summary.json');
  const junitXml = join(dirname(html), 'junit.xml');
  await mkdir(dirname(html), { recursive: true });
  const htmlText = await renderReportHtml(input);
  const json = buildSummaryJson(input);
  await writeAtomically(html, htmlText);
  // Compact: a one-hour run's timeline is tens of thousands of points; use jq to read it.
  await writeAtomically(summaryJson, `${JSON.stringify(json)}\n`);
  await writeAtomically(junitXml, renderJunitXml(input.summary));
  return { html, summaryJson, junitXml, headline: json.verdict.headline };
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text, 'utf8');
  await rename(tmp, path);
}
