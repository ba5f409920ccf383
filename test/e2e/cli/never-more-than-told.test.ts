/**
 * Issue 13 — a tool pointed at staging must never do more than it was told. The built CLI as a user
 * runs it, against a loopback HTTP server that counts every request: each mistake below ends in one
 * line, with the documented exit code, in bounded time, and sends nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const cli = path.resolve('dist/src/cli/main.js');
const dir = mkdtempSync(path.join(tmpdir(), 'never-more-'));
let requests = 0;
let server: http.Server;
let url = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests += 1;
    req.resume();
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface Outcome {
  status: number | null;
  stdout: string;
  stderr: string;
  lines: string[];
}

/** Runs the CLI in `dir` with a target and a password in the environment; kills it after 30 s. */
function cliRun(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH, ODOO_URL: url, ODOO_DB: 'stage', ODOO_LOGIN: 'admin', ODOO_PASSWORD: 'pw-in-env', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, lines: stderr.trim().split('\n') });
    });
  });
}

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

const YAML_PROFILE = (extra = '') => `name: launch-week
description: A small test profile.${extra}
phases:
  - name: morning
    start: "07:00"
    end: "08:00"
    rates:
      order-entry: { from: 10, to: 20 }
slos:
  order-entry: { p95Ms: 3000, maxErrorRate: 0.01 }
`;

describe.skipIf(!existsSync(cli))('usage errors stop the command: one line, exit 2, nothing sent', () => {
  it.each([
    [['run', 'morning-order-wave', '--dryrun'], 'Unknown argument: dryrun'],
    [['run', 'morning-order-wave', '--compress', '2m'], 'Unknown argument: compress'],
    [['run', 'morning-order-wave', '--password', 'S3cret', '--dry-run'], 'Unknown argument: password'],
    [['run', 'morning-order-wave', '--keep', 'bogus', '--dry-run'], 'Invalid values: Argument: keep, Given: "bogus"'],
    [['cleanup', '--run', '20261123-103512-morning-order-wave-ab12', '--all-tagged'], 'Arguments run and all-tagged are mutually exclusive'],
    [['cleanup', '--run', '2'], '--run: expected a run id such as 20261123-103512-morning-order-wave-ab12 (see odoo-capacity runs) or "data", got "2".'],
    [['cleanup', '--run', 'd'], 'got "d"'],
    [['model', 'workers', '--rate', '6', '--service-ms', '300'], '--target-p95-ms: give the p95 to keep'],
    [['model', 'workers', '--rate', '1e12', '--service-ms', '300', '--target-p95-ms', '1000'], '--rate: 1000000000000/s × --service-ms 300 keeps 3.00e+11 workers busy'],
    [['model', 'postgres', '--ram', '0', '--cpus', '4'], '--ram: expected a size from 256MB to 64TB, got "0"'],
    [['model', 'postgres', '--ram', '16GB', '--cpus', '4', '--connections', '-3'], '--connections: expected a whole number ≥ 1 and ≤ 100000, got -3'],
    [['run', 'morning-order-wave', '--scale', '1e308', '--dry-run'], '--scale: expected a number > 0 and ≤ 1000, got 1e+308'],
    [['simulate', 'morning-order-wave', '--cores', '-1'], '--cores: expected a number > 0 and ≤ 4096, got -1'],
    [['simulate', 'morning-order-wave', '--workers', '4,0'], '--workers: expected up to 20 comma-separated whole numbers from 1 to 10000'],
    [['plan', '--forecast', path.resolve('examples/forecast.yaml'), '--add-warehouses', '1e9'], '--add-warehouses: expected a whole number ≥ 0 and ≤ 1000, got 1000000000'],
    [['report'], 'Not enough non-option arguments'],
    [['runs', '--bogus'], 'Unknown argument: bogus'],
    [['profiles', '--bogus'], 'Unknown argument: bogus'],
  ])('%j', async (args, message) => {
    const before = requests;
    const out = await cliRun(args);
    expect(out.status).toBe(2);
    expect(out.lines).toHaveLength(1);
    expect(out.stderr).toContain(message);
    expect(out.stderr).not.toContain('S3cret');
    expect(requests - before).toBe(0);
  });
});

describe.skipIf(!existsSync(cli))('bad input: one line naming the file or flag, exit 1, bounded time, nothing sent', () => {
  it('a plan over a cap fails its dry run, naming the flag that raises the cap', async () => {
    const out = await cliRun(['run', 'peak-season', '--dry-run']);
    expect(out.status).toBe(1);
    expect(out.stdout).toContain('OVER A SAFETY CAP');
    expect(out.lines).toEqual(['odoo-capacity: the plan lasts 36000 s, above the safety cap of 14400 s: compress it with --duration, or raise the cap with --max-duration 36000']);
  });

  it('closed-model users with zero pacing count at what they can start, and are refused over the rate cap', async () => {
    const profile = file('zero-pacing.yaml', `name: scanners
description: 400 scanners that never pause.
phases:
  - { name: shift, start: "06:00", end: "07:00", users: { barcode-pick: 400 } }
pacing:
  barcode-pick: { thinkTimeS: 0, iterationS: 0 }
slos: {}
`);
    const out = await cliRun(['run', profile, '--dry-run']);
    expect(out.status).toBe(1);
    expect(out.stdout).toMatch(/load: peak 8000 iterations\/s \(cap 50\)/);
    expect(out.lines.at(-1)).toContain('raise the cap with --max-rate 8000');
  });

  it('a target URL that does not parse is not echoed with its password', async () => {
    const out = await cliRun(['check', '--target', 'http://loadtest:Pa ss-w0rd@[broken'], {});
    expect(out.status).toBe(1);
    expect(out.stderr).not.toContain('Pa ss-w0rd');
    expect(out.stderr).not.toContain('loadtest:');
    expect(out.lines).toEqual(['odoo-capacity: --target: expected an http(s) URL such as https://staging.example.com, got "http://…@[broken".']);
  });

  it('an unknown journey in a profile file is refused before any login', async () => {
    const before = requests;
    const profile = file('typo.yaml', YAML_PROFILE().replace('order-entry: { from', 'order-entyr: { from'));
    const out = await cliRun(['run', profile]);
    expect(out.status).toBe(1);
    expect(out.lines).toHaveLength(1);
    expect(out.stderr).toContain(`${profile}: phases[0].rates["order-entyr"]: expected a known journey (barcode-pick, `);
    expect(requests - before).toBe(0);
  });

  it('refuses a YAML alias bomb, a directory given as a file, and identical USL points, each in one line', async () => {
    const bomb = file(
      'bomb.yaml',
      ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n') + '\n',
    );
    const folder = path.join(dir, 'folder.yaml');
    mkdirSync(folder, { recursive: true });
    const same = file('same.csv', 'concurrency,throughput\n' + '4,10\n'.repeat(6));
    const outcomes = await Promise.all([
      cliRun(['profiles', 'show', bomb]),
      cliRun(['plan', '--forecast', bomb]),
      cliRun(['profiles', 'show', folder]),
      cliRun(['export', 'k6', folder, '--out', path.join(dir, 'k6')]),
      cliRun(['model', 'usl', '--data', same]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([1, 1, 1, 1, 1]);
    for (const o of outcomes) expect(o.lines).toHaveLength(1);
    expect(outcomes[0]?.stderr).toContain(`${bomb}: not valid YAML: Excessive alias count`);
    expect(outcomes[2]?.stderr).toContain(`${folder}: is a directory`);
    expect(outcomes[4]?.stderr).toContain(`${same}: expected points at 3 or more different concurrency levels`);
  });

  it('answers within the time limit for extreme volumes: a burst every 0.001 min, 1e12 orders a day, a million-year horizon', async () => {
    const burst = file('burst.yaml', YAML_PROFILE().replace('    rates:\n      order-entry: { from: 10, to: 20 }', '    bursts:\n      edi-order-import: [{ everyMin: 0.001, size: 5, spreadMin: 0.0005 }]').replace('order-entry: { p95Ms', 'edi-order-import: { p95Ms'));
    const forecast = readFileSync(path.resolve('examples/forecast.yaml'), 'utf8');
    const orders = file('orders.yaml', forecast.replace(/ordersPerDay: \d+/, 'ordersPerDay: 1e12'));
    const horizon = file('horizon.yaml', forecast.replace(/horizonYears: [\d.]+/, 'horizonYears: 1e6'));
    const outcomes = await Promise.all([cliRun(['profiles', 'show', burst]), cliRun(['plan', '--forecast', orders]), cliRun(['plan', '--forecast', horizon])]);
    expect(outcomes.map((o) => o.status)).toEqual([1, 1, 1]);
    expect(outcomes[0]?.stderr).toContain('phases[0].bursts["edi-order-import"][0].everyMin: expected minutes ≥ 1');
    expect(outcomes[1]?.stderr).toContain('ordersPerDay: expected at most 10000000 orders a day');
    expect(outcomes[2]?.stderr).toContain('growth.horizonYears: expected at most 30 years');
  });
});

describe.skipIf(!existsSync(cli))('every command that takes a profile takes a file; output is safe for a terminal', () => {
  it('export k6 accepts the YAML profile file that run accepts', async () => {
    const profile = file('launch.yaml', YAML_PROFILE());
    const out = await cliRun(['export', 'k6', profile, '--out', path.join(dir, 'k6-launch')]);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(existsSync(path.join(dir, 'k6-launch'))).toBe(true);
  });

  it('strips terminal escapes from a profile description before printing it', async () => {
    const profile = file('escapes.yaml', YAML_PROFILE().replace('description: A small test profile.', 'description: "Clears \\e[2J\\e]0;pwned\\a the screen"'));
    const out = await cliRun(['profiles', 'show', profile]);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('Clears [2J]0;pwned the screen');
    expect(out.stdout.includes(String.fromCharCode(27)) || out.stdout.includes(String.fromCharCode(7))).toBe(false);
  });

  it('model workers --workers N evaluates a given count (Erlang C: 3 workers at 1.8 erlangs wait 35.5 % of the time)', async () => {
    const out = await cliRun(['model', 'workers', '--rate', '6', '--service-ms', '300', '--workers', '3', '--json']);
    expect(out.status).toBe(0);
    const result = JSON.parse(out.stdout) as { utilization: number; probabilityOfWaiting: number; p95Ms: number; stable: boolean };
    expect(result.utilization).toBeCloseTo(0.6, 9);
    expect(result.probabilityOfWaiting).toBeCloseTo(0.3548, 3);
    expect(result.stable).toBe(true);
    expect(result.p95Ms).toBeGreaterThan(300);
  });
});
