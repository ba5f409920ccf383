/**
 * The built CLI as a user runs it (npm test builds dist/ first).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const cli = path.resolve('dist/src/cli/main.js');
const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env }, timeout: 30_000 });

describe.skipIf(!existsSync(cli))('odoo-capacity CLI', () => {
  it('prints the package version', () => {
    const out = run(['--version']);
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(out.status).toBe(0);
    expect(out.stdout.trim()).toBe(pkg.version);
  });

  it.each([['run'], ['report'], ['demo'], ['lab'], ['lab', 'start']])('has --help for %s', (...command) => {
    const out = run([...command, '--help']);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('odoo-capacity');
  });

  it('exits 2 with one line for an unknown command', () => {
    const out = run(['explode']);
    expect(out.status).toBe(2);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a run without a password, naming where the password comes from (exit 2)', () => {
    const out = run(['run', 'morning-order-wave', '--target', 'http://127.0.0.1:9', '--db', 'x', '--login', 'admin']);
    expect(out.status).toBe(2);
    expect(out.stderr.trim()).toMatch(/^odoo-capacity: no Odoo password: set ODOO_PASSWORD.* give --password-file <file>.*\(never on the command line\)\.$/);
  });

  it('reports an unreachable target in one line without a stack trace (exit 1)', () => {
    const out = run(['run', 'morning-order-wave', '--target', 'http://127.0.0.1:9', '--db', 'x', '--login', 'admin'], {
      ODOO_PASSWORD: 's3cret-value',
    });
    expect(out.status).toBe(1);
    const lines = out.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('127.0.0.1:9');
    expect(out.stderr).not.toContain('s3cret-value');
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  it('says which directory is not a run directory (exit 1)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'not-a-run-'));
    const out = run(['report', dir]);
    expect(out.status).toBe(1);
    expect(out.stderr.trim()).toBe(`odoo-capacity: ${dir}: not a run directory (no manifest.json); list runs with "ls runs/".`);
  });

  it('says when no lab is running (exit 3)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'no-lab-'));
    const out = run(['lab', 'status', '--dir', dir]);
    expect(out.status).toBe(3);
    expect(out.stdout.trim()).toBe(`no lab running in ${dir}`);
  });
});
