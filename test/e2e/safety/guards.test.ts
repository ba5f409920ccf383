/**
 * Guards before any request (issue 10): `--dry-run` prints the plan, the target, the load and the
 * data to be created and sends nothing (checked against a server that records every request);
 * a plan over a safety cap stops with one line naming the flag, also before any request; the
 * command examples never put a secret on the command line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const cli = path.resolve('dist/src/cli/main.js');
const requests: string[] = [];
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function cliRun(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { PATH: process.env.PATH, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe.skipIf(!existsSync(cli))('guards (built CLI)', () => {
  it('--dry-run prints plan, target, load and data to create, and sends no request', async () => {
    requests.length = 0;
    const out = await cliRun(
      // 480 s: keeping the 780 orders in 120 s would need 1600 VUs (10/s × the 20 s SLO of a web-client order), over the cap
      ['run', 'morning-order-wave', '--target', url, '--db', 'staging', '--login', 'loadtest', '--duration', '480', '--keep', 'totals', '--pg', 'postgres://monitor:pg-s3cret@127.0.0.1:9/staging', '--dry-run'],
      {},
    );
    expect({ status: out.status, stderr: out.stderr }).toEqual({ status: 0, stderr: '' });
    const lines = out.stdout.trim().split('\n');
    expect(lines[0]).toBe(`dry run — nothing is sent to ${url}`);
    expect(lines[1]).toBe(`target: ${url} db staging login loadtest; collectors: postgres://monitor@127.0.0.1:9/staging`);
    expect(lines[2]).toMatch(/^plan: morning-order-wave, 480 s; phases: /);
    expect(lines[3]).toMatch(/^load: peak [\d.]+ iterations\/s \(cap 50\), \d+ VUs at most \(cap 500\), 480 s \(cap 14400 s\)$/);
    expect(out.stdout).toMatch(/^ {2}order-to-delivery: 780 iterations, peak [\d.]+\/s — creates 780 sales orders \(confirmed\), 780 deliveries \(validated\)$/m);
    expect(out.stdout).toContain('writes: 780 writing iterations creating 1560 records (780 sale.order, 780 stock.picking)');
    expect(out.stdout).not.toContain('pg-s3cret');
    expect(requests).toEqual([]);
  });

  it('refuses a plan over a safety cap in one line naming the flag, before any request', async () => {
    requests.length = 0;
    const out = await cliRun(['run', 'distribution-day', '--target', url, '--db', 'staging', '--login', 'loadtest'], { ODOO_PASSWORD: 'x' });
    expect(out.status).toBe(1);
    expect(out.stderr).toBe(
      'odoo-capacity: the plan lasts 86400 s, above the safety cap of 14400 s: compress it with --duration, or raise the cap with --max-duration 86400\n',
    );
    const rate = await cliRun(['run', 'peak-season', '--duration', '600', '--keep', 'totals', '--target', url, '--db', 's', '--login', 'l'], { ODOO_PASSWORD: 'x' });
    expect(rate.status).toBe(1);
    expect(rate.stderr).toMatch(/^odoo-capacity: the plan peaks at \d+ iterations\/s, above the safety cap of 50\/s: lower --scale, or raise the cap with --max-rate \d+\n$/);
    const bad = await cliRun(['run', 'morning-order-wave', '--max-vus', '-3', '--target', url, '--db', 's', '--login', 'l'], { ODOO_PASSWORD: 'x' });
    expect({ status: bad.status, stderr: bad.stderr }).toEqual({ status: 2, stderr: 'odoo-capacity: --max-vus: expected a number above 0, got -3\n' });
    expect(requests).toEqual([]);
  });
});

describe('command examples', () => {
  it('never put a password, API key or secret-bearing URL on the command line', () => {
    const dir = path.resolve('src/cli/commands');
    const examples = readdirSync(dir).flatMap((file) =>
      [...readFileSync(path.join(dir, file), 'utf8').matchAll(/\.example\(\s*'([^']*)'/g)].map((m) => ({ file, text: m[1] as string })),
    );
    expect(examples.length).toBeGreaterThan(10);
    for (const { file, text } of examples) {
      expect(text, file).not.toMatch(/:\/\/[^/\s@]*:[^/\s@]*@/); // user:password@ in a URL
      expect(text, file).not.toMatch(/--(password|api-key|pg-password)(\s|=)/);
      expect(text, file).not.toMatch(/(password|passwd|api_key|apikey|token)=(?!…)\S/i);
      expect(text, file).not.toMatch(/(ODOO_PASSWORD|ODOO_API_KEY|PGPASSWORD)=(?!…)/);
    }
  });

  it('README examples keep secrets in the environment or a file', () => {
    const readme = readFileSync('README.md', 'utf8');
    const commands = readme.split('\n').filter((l) => /odoo-capacity |\$ /.test(l));
    for (const line of commands) {
      expect(line).not.toMatch(/:\/\/[^/\s@]*:[^/\s@]*@/);
      expect(line).not.toMatch(/--password(\s|=)/);
    }
  });
});
