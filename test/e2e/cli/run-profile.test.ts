/**
 * A profile from the user's own directory runs through `run --profile ./file` (issue 5), shown here
 * with --dry-run, which compiles and checks the plan without sending a request.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

  it('runs a journey file of the user\'s named by the profile (dry run), and exports it for k6', () => {
    mkdirSync(path.join(dir, 'journeys'), { recursive: true });
    writeFileSync(path.join(dir, 'journeys', 'quote.yaml'), 'name: quick-quote\nsteps:\n  - name: count\n    call: { model: sale.order, method: search_count, args: [[]] }\n');
    writeFileSync(
      path.join(dir, 'own.yaml'),
      'name: own\ndescription: My journey.\njourneys:\n  quick-quote: ./journeys/quote.yaml\nphases:\n  - name: morning\n    start: "07:00"\n    end: "08:00"\n    rates:\n      quick-quote: { from: 60, to: 60 }\nslos:\n  quick-quote: { p95Ms: 2000 }\n',
    );
    const out = run(['run', './own.yaml', ...target, '--duration', '60', '--dry-run'], dir);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('quick-quote');
    const exported = run(['export', 'k6', './own.yaml', '--out', 'k6', '--duration', '60'], dir);
    expect(exported.status, exported.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'k6', 'script.js'), 'utf8')).toContain('quick-quote');
  });

  it('stops on a bad journey file with one line naming the file and the field (exit 1)', () => {
    writeFileSync(path.join(dir, 'journeys', 'bad.yaml'), 'name: quick-quote\nsteps:\n  - call: { model: sale.order, method: 42 }\n');
    writeFileSync(path.join(dir, 'bad.yaml'), readFileSync(path.join(dir, 'own.yaml'), 'utf8').replace('./journeys/quote.yaml', './journeys/bad.yaml'));
    const out = run(['run', './bad.yaml', ...target, '--dry-run'], dir);
    expect(out.status).toBe(1);
    expect(out.stderr).toBe('odoo-capacity: ./journeys/bad.yaml: steps[0].call.method: expected a method name, got 42\n');
  });

  it('imports a HAR of the web client into a journey file the profile then runs (dry run)', () => {
    const rpc = (params: unknown, result: unknown, at: number, path: string) => ({
      startedDateTime: new Date(Date.UTC(2026, 11, 2, 8, 0, at)).toISOString(),
      time: 40,
      request: { method: 'POST', url: `https://odoo.example${path}`, postData: { text: JSON.stringify({ jsonrpc: '2.0', id: at, method: 'call', params }) } },
      response: { status: 200, content: { text: JSON.stringify({ jsonrpc: '2.0', id: at, result }) } },
    });
    const har = {
      log: {
        entries: [
          rpc({ model: 'res.partner', method: 'name_search', args: [], kwargs: { name: 'Deco', limit: 8 } }, [[10, 'Deco Addict']], 0, '/web/dataset/call_kw/res.partner/name_search'),
          rpc({ model: 'res.partner', method: 'web_read', args: [[10]], kwargs: { specification: { name: {} } } }, [{ id: 10, name: 'Deco Addict' }], 3, '/web/dataset/call_kw/res.partner/web_read'),
          rpc({ thread_model: 'res.partner', thread_id: 10, limit: 30 }, { messages: [] }, 4, '/mail/thread/messages'),
        ],
      },
    };
    writeFileSync(path.join(dir, 'look.har'), JSON.stringify(har));
    const out = run(['import', 'har', 'look.har', '--out', 'journeys/look-up.yaml'], dir);
    expect(out.stderr).toBe('');
    expect(out.stdout).toBe('journey look-up: 3 steps, 2 references, 1 param → journeys/look-up.yaml\n');
    const written = readFileSync(path.join(dir, 'journeys', 'look-up.yaml'), 'utf8');
    expect(written).toContain('think: 3'); // the 2.96 s gap, to a tenth
    expect(written).toContain('${s1[0][0]}');
    expect(written).toContain('name: ${params.partner}'); // "Deco" was typed: a customer drawn per iteration
    expect(written).toContain('recorded: Deco');
    writeFileSync(path.join(dir, 'look.yaml'), readFileSync(path.join(dir, 'own.yaml'), 'utf8').replace('./journeys/quote.yaml', './journeys/look-up.yaml').replace(/quick-quote/g, 'look-up'));
    const dry = run(['run', './look.yaml', ...target, '--duration', '60', '--dry-run'], dir);
    expect(dry.stderr).toBe('');
    expect(dry.stdout).toContain('look-up');
    const bad = run(['import', 'har', 'own.yaml', '--out', 'x.yaml'], dir);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('odoo-capacity: own.yaml: not a HAR file (expected the JSON a browser saves with "Save all as HAR")\n');
  });

  it('asks for a profile in one line when none is named (exit 2)', () => {
    const out = run(['run', ...target], dir);
    expect(out.status).toBe(2);
    expect(out.stderr.trim()).toBe('odoo-capacity: name a profile: run <profile> or run --profile <name|file> (see odoo-capacity profiles).');
  });
});
