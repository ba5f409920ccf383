import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { summaryJsonSchema } from '../../../src/report/summary-schema.js';
import { writeReport } from '../../../src/report/write.js';
import { fixtureInput } from './fixtures/summary.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'odoo-capacity-report-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeReport', () => {
  it('writes report.html, summary.json and junit.xml into the run directory by default', async () => {
    const paths = await writeReport(dir, fixtureInput());
    expect(paths).toEqual({ html: join(dir, 'report.html'), summaryJson: join(dir, 'summary.json'), junitXml: join(dir, 'junit.xml'), headline: 'Ready: every flow met its objective' });
    expect((await readFile(paths.html, 'utf8')).startsWith('<!doctype html>')).toBe(true);
    const json = summaryJsonSchema.parse(JSON.parse(await readFile(paths.summaryJson, 'utf8')));
    expect(json.verdict.level).toBe('ready');
    expect((await readdir(dir)).sort()).toEqual(['junit.xml', 'report.html', 'summary.json']); // no temporary files left
  });

  it('writes to --out, creating its folder, with summary.json and junit.xml next to it', async () => {
    const out = join(dir, 'published', 'peak.html');
    const paths = await writeReport(join(dir, 'run'), fixtureInput(), { out });
    expect(paths).toEqual({ html: out, summaryJson: join(dir, 'published', 'summary.json'), junitXml: join(dir, 'published', 'junit.xml'), headline: expect.stringMatching(/^Ready/) });
    expect((await readdir(join(dir, 'published'))).sort()).toEqual(['junit.xml', 'peak.html', 'summary.json']);
  });
});
