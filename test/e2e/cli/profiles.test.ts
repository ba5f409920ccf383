/**
 * `profiles` and `profiles show` through the built CLI (skipped until dist/ has the command
 * registered: `npm run build` after the lead wires profilesCommand into main.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const cli = path.resolve('dist/src/cli/main.js');
const run = (args: string[], cwd = process.cwd()) =>
  spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH }, timeout: 30_000 });
const registered = existsSync(cli) && existsSync(path.resolve('dist/src/cli/commands/profiles.js')) && run(['--help']).stdout.includes('profiles');

describe.skipIf(!registered)('odoo-capacity profiles', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'profiles-e2e-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the shipped profiles with their totals, and as JSON', () => {
    const out = run(['profiles']);
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^morning-order-wave +06:00–10:00 \(4 h\) +order-to-delivery 780$/m);
    const json = JSON.parse(run(['profiles', '--json']).stdout) as Array<{ name: string; journeys: Array<{ journey: string; total: number }> }>;
    expect(json.find((p) => p.name === 'edi-burst')?.journeys).toContainEqual(expect.objectContaining({ journey: 'edi-order-import', total: 8000 }));
  });

  it('shows a YAML profile of the user\'s own directory as a chart', () => {
    writeFileSync(
      path.join(dir, 'x.yaml'),
      'name: x\ndescription: Two hours.\nphases:\n  - { name: a, start: "08:00", end: "10:00", rates: { order-entry: { from: 100, to: 300 } } }\nslos: {}\n',
    );
    const out = run(['profiles', 'show', './x.yaml', '--width', '8'], dir);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('x  08:00–10:00 (2 h)');
    expect(out.stdout).toMatch(/^order-entry │▄▄▅▆▆▇██│ peak 300\/h$/m);
    const json = JSON.parse(run(['profiles', 'show', './x.yaml', '--json'], dir).stdout) as { journeys: Array<{ total: number }> };
    expect(json.journeys[0]?.total).toBeCloseTo(400, 6);
  });

  it('exits 1 with one line naming the file and field of a broken profile', () => {
    writeFileSync(path.join(dir, 'bad.yaml'), 'name: bad\ndescription: d\nphases:\n  - { name: a, start: "8:00", end: "10:00" }\nslos: {}\n');
    const out = run(['profiles', 'show', 'bad.yaml'], dir);
    expect(out.status).toBe(1);
    expect(out.stderr).toBe('odoo-capacity: bad.yaml: phases[0].start: expected HH:MM, got "8:00"\n');
  });
});
