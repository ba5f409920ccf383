/**
 * A profile from the user's own directory runs through `run --profile ./file` (issue 5), shown here
 * with --dry-run, which compiles and checks the plan without sending a request.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const cli = path.resolve('dist/src/cli/main.js');
const run = (args: string[], cwd: string) =>
  spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd, env: { PATH: process.env.PATH }, timeout: 60_000 });

const PROFILE_TS = `
import { defineProfile } from 'odoo-capacity/profiles';
export default defineProfile({
  name: 'launch-week',
  description: 'The new warehouse: 400 orders/h at the peak.',
  phases: [{ name: 'morning', start: '07:00', end: '10:00', rates: { 'order-entry': { from: 100, to: 400 } } }],
  slos: { 'order-entry': { p95Ms: 3000, maxErrorRate: 0.01 } },
});
`;

describe.skipIf(!existsSync(cli))('run with a profile file of the user', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'user-profile-'));
  writeFileSync(path.join(dir, 'launch.ts'), PROFILE_TS);
  writeFileSync(
    path.join(dir, 'launch.yaml'),
    'name: launch-yaml\ndescription: Same in YAML.\nphases:\n  - name: morning\n    start: "07:00"\n    end: "10:00"\n    rates:\n      order-entry: { from: 100, to: 400 }\nslos:\n  order-entry: { p95Ms: 3000 }\n',
  );
  const target = ['--target', 'http://127.0.0.1:9', '--db', 'staging', '--login', 'loadtest'];

  it.each([['launch.ts', 'launch-week'], ['launch.yaml', 'launch-yaml']])('compiles ./%s given as --profile (dry run, no request)', (file, name) => {
    const out = run(['run', '--profile', `./${file}`, ...target, '--duration', '60', '--dry-run'], dir);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(out.stdout).toContain(name);
    // 3 business hours from 100 to 400 orders/h = 750 orders; compressed into 60 s keeping peak rates.
    expect(out.stdout).toContain('order-entry');
  });

  it('asks for a profile in one line when none is named (exit 2)', () => {
    const out = run(['run', ...target], dir);
    expect(out.status).toBe(2);
    expect(out.stderr.trim()).toBe('odoo-capacity: name a profile: run <profile> or run --profile <name|file> (see odoo-capacity profiles).');
  });
});
