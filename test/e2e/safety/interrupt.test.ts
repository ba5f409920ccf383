/**
 * The built CLI stopped mid-run (issue 10, "Nothing lost", "Secrets"): Ctrl-C (SIGINT) ends the
 * run gracefully — exit 130, status `interrupted`, a report marked partial — and SIGKILL leaves a
 * run directory `report` can still read. The run's secrets come from the environment only
 * (ODOO_PASSWORD, PGPASSWORD) and appear in no file of the run directory and in no output.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Lab } from '../../../src/lab/lab.js';
import { listRunRows } from '../../../src/cli/impl/runs.js';
import { startTestLab, stopTestLab } from '../../helpers/lab-fixture.js';

const cli = path.resolve('dist/src/cli/main.js');
let dir: string;
let lab: Lab;
// Both runs start together (one lab, half the wait); each test then stops its own.
let sigintRun: Spawned;
let sigkillRun: Spawned;

beforeAll(async () => {
  if (!existsSync(cli)) return;
  ({ dir, lab } = await startTestLab());
  writeFileSync(path.join(dir, 'steady.yaml'), STEADY_PROFILE);
  sigintRun = startRun(path.join(dir, 'runs-sigint'));
  sigkillRun = startRun(path.join(dir, 'runs-sigkill'));
}, 120_000);

afterAll(async () => {
  for (const run of [sigintRun, sigkillRun]) if (run?.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
  await Promise.all([sigintRun?.exit, sigkillRun?.exit]);
  await stopTestLab(lab, dir);
});

/**
 * Half a stock inquiry a second (11 web-client requests each): windows every second from a few VUs,
 * so a run is under way within seconds of its start, and two runs share the test lab easily.
 */
const STEADY_PROFILE = [
  'name: steady-inquiries',
  'description: Stock inquiries at a steady rate, to stop a run mid-way.',
  'phases:',
  '  - name: morning',
  '    start: "07:00"',
  '    end: "08:00"',
  '    rates:',
  '      stock-inquiry: { from: 1800, to: 1800 }',
  'slos:',
  '  stock-inquiry: { p95Ms: 5000 }',
  '',
].join('\n');

interface Spawned {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `odoo-capacity run` on the lab, secrets in the environment only; the PostgreSQL URL has no password. */
function startRun(out: string): Spawned {
  const pgUrl = new URL(lab.pgUrl);
  pgUrl.password = '';
  const args = [
    // 60 s: longer than either test waits, so each run is still going when it is stopped.
    cli, 'run', '--profile', path.join(dir, 'steady.yaml'), '--duration', '60', '--seed', '5',
    '--target', lab.odoo.url, '--db', lab.odoo.db, '--login', lab.odoo.login,
    '--pg', pgUrl.toString(), '--odoo-log', lab.logFile, '--out', out,
  ];
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH, ODOO_PASSWORD: lab.odoo.password, PGPASSWORD: lab.pg.password },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

/** Resolves once the run has flushed `lines` metric windows (its load is going). */
async function loadRunning(run: Spawned, out: string, lines: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const runs = existsSync(out) ? readdirSync(out) : [];
    const metrics = runs.length === 1 ? path.join(out, runs[0] as string, 'metrics.ndjson') : '';
    if (metrics && existsSync(metrics) && readFileSync(metrics, 'utf8').split('\n').length > lines) return;
    if (Date.now() > deadline || run.child.exitCode !== null) throw new Error(`the run did not start: ${run.stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function onlyRun(out: string): string {
  const runs = readdirSync(out);
  expect(runs).toHaveLength(1);
  return path.join(out, runs[0] as string);
}

function allFiles(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const file = path.join(root, name);
    return statSync(file).isDirectory() ? allFiles(file) : [file];
  });
}

describe.skipIf(!existsSync(cli))('run stopped mid-way (built CLI against the lab)', () => {
  it('Ctrl-C: exit 130, status interrupted, a partial report, and no secret anywhere', async () => {
    const out = path.join(dir, 'runs-sigint');
    const run = sigintRun;
    await loadRunning(run, out, 6);
    run.child.kill('SIGINT');
    const { code } = await run.exit;
    expect({ code, stderr: run.stderr().slice(-400) }).toMatchObject({ code: 130 });
    const runDir = onlyRun(out);
    const manifest = JSON.parse(readFileSync(path.join(runDir, 'manifest.json'), 'utf8')) as { status: string; statusReason?: string };
    expect(manifest.status).toBe('interrupted');
    expect(manifest.statusReason).toBe('interrupted by Ctrl-C');
    const html = readFileSync(path.join(runDir, 'report.html'), 'utf8');
    expect(html).toContain('Partial run: status &quot;interrupted&quot;');
    const status = readFileSync(path.join(runDir, 'events.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; status?: string }).filter((e) => e.type === 'status');
    expect(status.at(-1)).toMatchObject({ status: 'interrupted' });
    expect(run.stdout()).toContain(`run interrupted (interrupted by Ctrl-C): ${runDir}`);

    // Secrets: every artefact of the run and both output streams.
    const secrets = [lab.odoo.password, lab.pg.password];
    const files = allFiles(runDir);
    expect(files.map((f) => path.basename(f))).toEqual(expect.arrayContaining(['manifest.json', 'metrics.ndjson', 'events.ndjson', 'pg_activity.ndjson', 'report.html', 'summary.json']));
    for (const file of files) {
      const text = readFileSync(file, 'latin1');
      for (const secret of secrets) expect(text.includes(secret), `${secret.length}-char secret in ${file}`).toBe(false);
    }
    for (const secret of secrets) {
      expect(run.stdout()).not.toContain(secret);
      expect(run.stderr()).not.toContain(secret);
    }
  }, 120_000);

  it('SIGKILL: the run directory stays readable by `report`, its manifest still says running', async () => {
    const out = path.join(dir, 'runs-sigkill');
    const run = sigkillRun;
    await loadRunning(run, out, 6);
    run.child.kill('SIGKILL');
    expect((await run.exit).signal).toBe('SIGKILL');
    const runDir = onlyRun(out);
    const manifest = JSON.parse(readFileSync(path.join(runDir, 'manifest.json'), 'utf8')) as { status: string };
    expect(manifest.status).toBe('running');

    // The run's own files as if last written two minutes ago; `report` then writes fresh files beside them.
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    for (const name of readdirSync(runDir)) utimesSync(path.join(runDir, name), twoMinutesAgo, twoMinutesAgo);
    const report = spawnSync(process.execPath, [cli, 'report', runDir], { encoding: 'utf8', env: { PATH: process.env.PATH }, timeout: 60_000 });
    expect({ status: report.status, stderr: report.stderr }).toMatchObject({ status: 0 });
    expect(report.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(runDir, 'report.html'))).toBe(true);
    expect(readFileSync(path.join(runDir, 'report.html'), 'utf8')).toContain('Partial run: the run did not close (its process stopped without finishing, or it is still running).');
    // The verdict first, as the executive page opens with it, then where the files are.
    const { verdict } = JSON.parse(readFileSync(path.join(runDir, 'summary.json'), 'utf8')) as { verdict: { headline: string } };
    expect(report.stdout.split('\n').slice(0, 2)).toEqual([`verdict: ${verdict.headline}`, `report: ${path.join(runDir, 'report.html')}`]);

    // On this host `runs` knows at once from the manifest's pid that the writer is gone.
    const [row] = await listRunRows(out);
    expect(row).toMatchObject({ id: path.basename(runDir), status: 'running', state: 'killed', profile: 'steady-inquiries' });
    // Seen from another host, silence decides — and the report just written does not count as a sign of life.
    const elsewhere = { hostname: 'another-host', isAlive: () => true };
    const [remote] = await listRunRows(out, Date.now(), elsewhere);
    expect(remote?.state).toBe('killed');
    const listed = spawnSync(process.execPath, [cli, 'runs', '--dir', out], { encoding: 'utf8', env: { PATH: process.env.PATH }, timeout: 30_000 });
    expect(listed.stdout).toMatch(new RegExp(`${path.basename(runDir)}\\s+killed`));
  }, 120_000);
});
