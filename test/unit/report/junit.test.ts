import { describe, expect, it } from 'vitest';
import { escapeXml, renderJunitXml } from '../../../src/report/junit.js';
import { buildSummary } from './fixtures/summary.js';

describe('renderJunitXml', () => {
  it('has one test case per SLO verdict and threshold, failures with the measured value', () => {
    const summary = buildSummary({ waveFactor: 1.7 });
    summary.thresholds = [
      { source: 'order-to-delivery:p(95)<=2500', value: 3430, pass: false },
      { source: 'barcode-pick:rate<=0.01', value: 0.004, pass: true },
    ];
    const xml = renderJunitXml(summary);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expect(xml.match(/<testcase /g)).toHaveLength(summary.slos.length + 2);
    expect(xml).toContain(`<testsuites name="odoo-capacity ${summary.runId}" tests="8" failures="4" errors="0" time="600">`);
    expect(xml).toContain('<testsuite name="slos" tests="6" failures="3"');
    expect(xml).toContain(
      '<testcase classname="morning-wave.barcode-pick" name="order-wave: p95 &lt; 500 ms" time="0">\n      <failure message="barcode-pick p95 775 ms against 500 ms in order-wave" type="objective-missed">',
    );
    expect(xml).toContain('<testcase classname="morning-wave.thresholds" name="order-to-delivery:p(95)&lt;=2500" time="0">\n      <failure message="threshold order-to-delivery:p(95)&lt;=2500 crossed: value 3430"');
    expect(xml).toContain('<testcase classname="morning-wave.thresholds" name="barcode-pick:rate&lt;=0.01" time="0">\n      <system-out>value 0.004</system-out>');
  });

  it('writes empty suites when there is nothing to judge', () => {
    const summary = buildSummary({ durationS: 10 });
    summary.slos = [];
    expect(renderJunitXml(summary)).toContain('<testsuite name="thresholds" tests="0" failures="0" errors="0" skipped="0" timestamp="2026-03-02T07:58:11.000"></testsuite>');
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    expect(escapeXml(`a<b>&"c'\u0001`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
  });
});
