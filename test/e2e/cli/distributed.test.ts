/**
 * The commands of a distributed run through the built CLI, as a user types them: `export
 * k6-operator|k8s-job`, `collect`, `ingest k6`, `merge`, `report` — and their bad input (one line,
 * exit 1) and usage errors (one line, exit 2, nothing written).
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = path.resolve('dist/src/cli/main.js');
const FIXTURE = path.resolve('test/fixtures/k6-0.48-odoo17/out.ndjson');
const run = (args: string[], cwd = process.cwd()) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd, env: { PATH: process.env.PATH }, timeout: 60_000 });
const oneLine = (text: string) => text.trim().split('\n');

/** A profile whose only journey is the fixture's (scenario stock_inquiry is named after the journey). */
const PROFILE = 'name: k6-fixture\ndescription: The recorded k6 run.\nphases:\n  - name: all\n    start: "08:00"\n    end: "09:00"\n    rates:\n      stock-inquiry: { from: 3600, to: 3600 }\nslos:\n  stock-inquiry: { p95Ms: 3000 }\n';

describe.skipIf(!existsSync(cli))('distributed run commands', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'distributed-cli-'));
  writeFileSync(path.join(dir, 'k6-fixture.yaml'), PROFILE);

  it('ingest k6: two runners’ outputs become one run and its report', () => {
    const lines = readFileSync(FIXTURE, 'utf8').split('\n').filter((l) => l !== '');
    const results = path.join(dir, 'k6-results');
    mkdirSync(results);
    let k = 0;
    const parts: string[][] = [[], []];
    for (const line of lines) {
      if (!line.includes('"type":"Point"')) parts.forEach((p) => p.push(line));
      else parts[k++ % 2]!.push(line);
    }
    parts.forEach((p, i) => writeFileSync(path.join(results, `segment-${i + 1}-of-2.ndjson`), p.join('\n') + '\n'));
    const out = run(['ingest', 'k6', 'k6-results', '--profile', './k6-fixture.yaml', '--out', 'runs', '--id', 'fixture'], dir);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('ingested 2 k6 outputs (79 iterations, 1 dropped)');
    const summary = JSON.parse(readFileSync(path.join(dir, 'runs', 'fixture', 'summary.json'), 'utf8')) as { summary: { overall: { stats: Array<{ journey: string; step: string | null; count: number }> } } };
    expect(summary.summary.overall.stats.find((s) => s.journey === 'stock-inquiry' && s.step === null)?.count).toBe(79);
  });

  it('ingest k6: a missing segment, a wrong profile, a file that is not k6 output: one line, exit 1', () => {
    const missing = run(['ingest', 'k6', 'k6-results/segment-1-of-2.ndjson', '--profile', './k6-fixture.yaml', '--out', 'runs', '--no-report'], dir);
    expect(missing.status).toBe(1);
    expect(oneLine(missing.stderr)).toEqual(["odoo-capacity: ingest k6: segment 2/2 missing; give every segment's k6 output (or --partial to use what there is)"]);
    const wrong = run(['ingest', 'k6', 'k6-results', '--profile', 'morning-order-wave', '--out', 'runs', '--no-report'], dir);
    expect(wrong.status).toBe(1);
    expect(oneLine(wrong.stderr)).toHaveLength(1);
    expect(wrong.stderr).toContain("journey 'stock-inquiry' is not in profile morning-order-wave");
    const notK6 = run(['ingest', 'k6', 'k6-fixture.yaml', '--profile', './k6-fixture.yaml', '--out', 'runs', '--no-report'], dir);
    expect(notK6.status).toBe(1);
    expect(oneLine(notK6.stderr)).toHaveLength(1);
  });

  it('collect --odoo-log: the log lines of the window, in a collect-only run that report refuses alone', async () => {
    const log = path.join(dir, 'odoo.log');
    writeFileSync(log, '');
    const child = spawn(process.execPath, [cli, 'collect', '--odoo-log', log, '--out', 'runs', '--id', 'db-side', '--duration', '3'], { cwd: dir, env: { PATH: process.env.PATH } });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (!stderr.includes('collecting')) return;
        clearInterval(poll);
        resolve();
      }, 50);
    });
    const now = new Date();
    const month = now.toLocaleString('en', { month: 'short', timeZone: 'UTC' });
    const hms = now.toISOString().slice(11, 19);
    const stamp = `${now.toISOString().slice(0, 10)} ${hms},${now.toISOString().slice(20, 23)}`;
    const access = `[${now.toISOString().slice(8, 10)}/${month}/${now.getUTCFullYear()} ${hms}]`;
    const line = `${stamp} 4242 INFO distri werkzeug: 127.0.0.1 - - ${access} "POST /web/dataset/call_kw/res.partner/search_read HTTP/1.1" 200 - 3 0.004 0.010\n`;
    appendFileSync(log, line);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stdout).toContain('collect completed');
    const records = readFileSync(path.join(dir, 'runs', 'db-side', 'odoo_log.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; path: string });
    expect(records).toMatchObject([{ type: 'odoo_request', path: '/web/dataset/call_kw/res.partner/search_read' }]);
    const report = run(['report', 'runs/db-side'], dir);
    expect(report.status).toBe(1);
    expect(oneLine(report.stderr)).toHaveLength(1);
    expect(report.stderr).toContain('a collect-only run (odoo-capacity collect) has no load to report');
  });

  it('export k6-operator --results-pvc and export k8s-job write manifests and print what to do next', () => {
    const operator = run(['export', 'k6-operator', 'morning-order-wave', '--duration', '300', '--parallelism', '3', '--results-pvc', 'load-results', '--out', 'k8s-operator'], dir);
    expect(operator.status).toBe(0);
    expect(operator.stdout).toContain('then: odoo-capacity ingest k6 k6-results --profile morning-order-wave --duration 300 --out runs');
    expect(readdirSync(path.join(dir, 'k8s-operator')).sort()).toEqual(['results-pod.yaml', 'testrun.yaml']);
    const job = run(['export', 'k8s-job', 'morning-order-wave', '--duration', '300', '--parallelism', '3', '--results-pvc', 'load-results', '--image', 'odoo-capacity:0.1.0', '--out', 'k8s-job'], dir);
    expect(job.status).toBe(0);
    expect(readFileSync(path.join(dir, 'k8s-job', 'job.yaml'), 'utf8')).toContain('completionMode: Indexed');
  });

  it.each([
    [['export', 'k8s-job', 'morning-order-wave', '--results-pvc', 'r', '--out', 'nowhere'], 'odoo-capacity: export k8s-job: give --image <image>'],
    [['export', 'k8s-job', 'morning-order-wave', '--image', 'i', '--out', 'nowhere'], 'odoo-capacity: export k8s-job: give --results-pvc <claim>'],
    [['collect', '--out', 'nowhere'], 'odoo-capacity: collect: nothing to collect'],
    [['collect', '--odoo-log', 'x.log', '--duration', '-1', '--out', 'nowhere'], 'odoo-capacity: --duration: expected a number of seconds > 0'],
    [['merge', 'runs/fixture', '--id', '../escape', '--out', 'nowhere'], "odoo-capacity: --id: expected a directory name"],
    [['ingest', 'k6', 'k6-results', '--out', 'nowhere'], 'odoo-capacity: Missing required argument: profile'],
    [['run', 'morning-order-wave', '--target', 'http://127.0.0.1:9', '--db', 'x', '--login', 'y', '--start-at', '2001-01-01T00:00:00Z'], 'odoo-capacity: --start-at: 2001-01-01T00:00:00.000Z is in the past'],
  ])('usage error, one line, exit 2, nothing written: %j', (args, message) => {
    const out = run(args, dir);
    expect(out.status).toBe(2);
    expect(oneLine(out.stderr)).toHaveLength(1);
    expect(out.stderr.trim().startsWith(message)).toBe(true);
    expect(existsSync(path.join(dir, 'nowhere'))).toBe(false);
  });
});
