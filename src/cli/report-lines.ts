/** What the commands that write a report print about it: the verdict first, then where the files are. */
import type { BuiltReport } from '../pipeline/build-report.js';
import { stripControl } from './terminal-text.js';

export function reportLines(report: Pick<BuiltReport, 'headline' | 'html' | 'json' | 'junit'>): string {
  return `verdict: ${stripControl(report.headline, true)}\nreport: ${report.html}\nsummary: ${report.json}\njunit: ${report.junit}\n`;
}
