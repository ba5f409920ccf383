/**
 * junit.xml for CI: one test case per SLO verdict (flow × phase × objective) and one per threshold
 * the run was gated on; a missed one is a <failure> whose message says what was measured against
 * what. Two suites: `slos` and `thresholds`. Format: the JUnit XML that Jenkins, GitLab and GitHub
 * test reporters read (testsuites > testsuite > testcase > failure).
 */
import type { RunSummary, SloVerdict, ThresholdVerdict } from '../analyze/types.js';
import { formatMs, formatNumber, formatRatio } from './format.js';
import { describeSlo } from './verdict.js';

/** Escape text for an XML attribute or element. */
export function escapeXml(text: string): string {
  // Characters XML 1.0 forbids (control characters other than tab, LF, CR) are dropped.
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

interface Case {
  classname: string;
  name: string;
  failure?: string;
  /** Shown as system-out: the measured value when it passed. */
  detail: string;
}

function sloCase(summary: RunSummary, v: SloVerdict): Case {
  const measured = v.unit === 'ms' ? formatMs(v.measured) : formatRatio(v.measured);
  const c: Case = { classname: `${summary.profile}.${v.journey}`, name: `${v.phase}: ${v.objective}`, detail: `measured ${measured}` };
  if (!v.pass) c.failure = `${v.journey} ${describeSlo(v)}`;
  return c;
}

function thresholdCase(summary: RunSummary, t: ThresholdVerdict): Case {
  const value = t.value === null ? 'no data' : formatNumber(t.value, 4);
  const c: Case = { classname: `${summary.profile}.thresholds`, name: t.source, detail: `value ${value}` };
  if (!t.pass) c.failure = `threshold ${t.source} crossed: value ${value}`;
  return c;
}

function suite(name: string, cases: Case[], timestamp: string): string {
  const failures = cases.filter((c) => c.failure !== undefined).length;
  const body = cases
    .map((c) => {
      const head = `    <testcase classname="${escapeXml(c.classname)}" name="${escapeXml(c.name)}" time="0">`;
      const inner = c.failure === undefined ? '' : `\n      <failure message="${escapeXml(c.failure)}" type="objective-missed">${escapeXml(c.failure)}</failure>`;
      return `${head}${inner}\n      <system-out>${escapeXml(c.detail)}</system-out>\n    </testcase>`;
    })
    .join('\n');
  return `  <testsuite name="${escapeXml(name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" timestamp="${escapeXml(timestamp)}">${cases.length > 0 ? `\n${body}\n  ` : ''}</testsuite>`;
}

/** The junit.xml text for a run (UTF-8, ends with a newline). */
export function renderJunitXml(summary: RunSummary): string {
  const slos = summary.slos.map((v) => sloCase(summary, v));
  const thresholds = (summary.thresholds ?? []).map((t) => thresholdCase(summary, t));
  const tests = slos.length + thresholds.length;
  const failures = [...slos, ...thresholds].filter((c) => c.failure !== undefined).length;
  const timestamp = summary.startedAt.replace(/Z$/, '');
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="odoo-capacity ${escapeXml(summary.runId)}" tests="${tests}" failures="${failures}" errors="0" time="${formatNumber(summary.durationS, 3)}">
${suite('slos', slos, timestamp)}
${suite('thresholds', thresholds, timestamp)}
</testsuites>
`;
}
