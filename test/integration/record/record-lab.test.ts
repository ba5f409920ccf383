/**
 * `record` end to end (issue 15): Chromium (playwright-core) is logged in to the lab and a script does
 * a product look-up the way the web client does (the lab serves the RPC, not the web client's pages,
 * so the script's page sends the web client's requests itself); the journey written from what the
 * browser sent, replayed against the same server, sends the same requests in the same order — with
 * the typed product name drawn from the server's products. Skipped without Debian's Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { parseOdooLog } from '../../../src/collect/odoo-log-parse.js';
import type { Lab } from '../../../src/lab/lab.js';
import { createClient } from '../../../src/odoo/connect.js';
import { journeyFromDefinition } from '../../../scenarios/journeys/declarative.js';
import { validateJourneyDefinition } from '../../../scenarios/journeys/definition-schema.js';
import { CHROMIUM, HAS_CHROMIUM } from '../../helpers/chromium.js';
import { startTestLab, stopTestLab } from '../../helpers/lab-fixture.js';

const cli = path.resolve('dist/src/cli/main.js');
let dir: string;
let lab: Lab;

/** The task, as a page of the web client would send it: open the product search, type, open the product and its chatter. */
const SCRIPT = `
export default async function ({ page, target }) {
  // a page on the server's origin, so its requests carry the session cookie the recorder logged in with
  await page.route(target + '/record-task', (route) => route.fulfill({ contentType: 'text/html', body: '<html><body>task</body></html>' }));
  await page.goto(target + '/record-task');
  await page.evaluate(async () => {
    let id = 0;
    const rpc = async (path, params) => {
      const reply = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method: 'call', params }) });
      const body = await reply.json();
      if (body.error) throw new Error(path + ': ' + JSON.stringify(body.error).slice(0, 300));
      return body.result;
    };
    const kw = (model, method, args, kwargs) => rpc('/web/dataset/call_kw/' + model + '/' + method, { model, method, args, kwargs });
    const context = { lang: 'en_US', tz: 'UTC', uid: 2, allowed_company_ids: [1] };
    const offered = await kw('product.template', 'name_search', [], { name: '', operator: 'ilike', limit: 8, context });
    const typed = offered[1][1];
    await new Promise((r) => setTimeout(r, 1100)); // the person types the name
    const found = await kw('product.template', 'name_search', [], { name: typed, operator: 'ilike', limit: 8, context });
    const domain = ['|', ['default_code', 'ilike', typed], ['name', 'ilike', typed]];
    const list = await kw('product.template', 'web_search_read', [], { specification: { display_name: {} }, domain, limit: 80, context });
    const productId = list.records.length > 0 ? list.records[0].id : found[0][0];
    await kw('product.template', 'web_read', [[productId]], { specification: { display_name: {}, default_code: {} }, context });
    await rpc('/mail/thread/messages', { thread_model: 'product.template', thread_id: productId, limit: 30 });
  });
}
`;

/** The built CLI, run asynchronously: the lab's master runs in this process and must keep serving. */
function cliRun(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { encoding: 'utf8', env, timeout: 90_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** The request paths the lab logged after line `from` (its request lines, read as Odoo's), session routes left out. */
function loggedPaths(from: number): { paths: string[]; lines: number } {
  const lines = readFileSync(lab.logFile, 'utf8').split('\n');
  const paths = parseOdooLog(lines.slice(from).join('\n')).flatMap((r) => (r.type === 'odoo_request' && !r.path.startsWith('/web/session/') ? [r.path] : []));
  return { paths, lines: lines.length - 1 };
}

beforeAll(async () => {
  if (!HAS_CHROMIUM || !existsSync(cli)) return;
  ({ dir, lab } = await startTestLab());
  writeFileSync(path.join(dir, 'look-up.mjs'), SCRIPT);
}, 120_000);

afterAll(() => stopTestLab(lab, dir));

describe.skipIf(!HAS_CHROMIUM || !existsSync(cli))('record (Chromium against the lab)', () => {
  it('writes the task as a journey with the typed name as a param, and its replay sends the same requests', async () => {
    const out = path.join(dir, 'look-up.yaml');
    const before = loggedPaths(0).lines;
    const recorded = await cliRun(
      ['record', '--target', lab.odoo.url, '--db', lab.odoo.db, '--login', lab.odoo.login, '--out', out, '--script', path.join(dir, 'look-up.mjs'), '--browser', CHROMIUM],
      { PATH: process.env.PATH, HOME: process.env.HOME, ODOO_PASSWORD: lab.odoo.password },
    );
    expect({ status: recorded.status, stderr: recorded.stderr }).toEqual({ status: 0, stderr: '' });
    expect(recorded.stdout).toBe(`journey look-up: 5 steps, 2 references, 1 param → ${out}\n`);
    const browserSent = loggedPaths(before);

    const text = readFileSync(out, 'utf8');
    expect(text).not.toContain(lab.odoo.password);
    const definition = validateJourneyDefinition(parse(text), out);
    expect(definition.params?.product).toMatchObject({ draw: '${pick(setup.product_template_names)[1]}' });
    expect(definition.steps.filter((s) => s.think !== undefined)).toHaveLength(1); // the 1.1 s of typing

    // Replayed through the tool's own web client against the same server.
    const journey = journeyFromDefinition(definition);
    const client = createClient({ url: lab.odoo.url, db: lab.odoo.db, login: lab.odoo.login, password: lab.odoo.password }, 'web');
    try {
      await client.authenticate();
      const shared = await journey.setup!(client);
      const start = loggedPaths(0).lines;
      await journey.run({
        client, shared, tag: 'replay', vu: 0, iteration: 0, random: () => 0.3,
        step: (_name, fn) => fn(), sleep: async () => undefined,
      });
      const replayed = loggedPaths(start);
      expect(replayed.paths).toEqual(browserSent.paths);
      expect(replayed.paths).toEqual([
        '/web/dataset/call_kw/product.template/name_search',
        '/web/dataset/call_kw/product.template/name_search',
        '/web/dataset/call_kw/product.template/web_search_read',
        '/web/dataset/call_kw/product.template/web_read',
        '/mail/thread/messages',
      ]);
    } finally {
      await client.close();
    }
  }, 120_000);

  it('without a browser: one line saying where it looked and how to get one (exit 1)', async () => {
    const out = await cliRun(['record', '--target', lab.odoo.url, '--db', lab.odoo.db, '--login', 'x', '--out', path.join(dir, 'x.yaml')], { PATH: '/nonexistent', HOME: '/nonexistent', ODOO_PASSWORD: 'x' });
    expect(out.status).toBe(1);
    expect(out.stderr).toBe(
      "odoo-capacity: record needs Chromium and found none (looked for chromium, chromium-browser, google-chrome, google-chrome-stable, microsoft-edge on PATH, and Playwright's own download): install it (Debian/Ubuntu: apt-get install chromium) or give --browser /path/to/chrome\n",
    );
  });

  it('a target that does not answer: one line naming it, not the script (exit 1)', async () => {
    writeFileSync(path.join(dir, 'idle.mjs'), 'export default async function () {}\n');
    const out = await cliRun(['record', '--target', 'http://127.0.0.1:9', '--db', 'x', '--login', 'x', '--out', path.join(dir, 'z.yaml'), '--script', path.join(dir, 'idle.mjs'), '--browser', CHROMIUM], { PATH: process.env.PATH, HOME: process.env.HOME, ODOO_PASSWORD: 'x' });
    expect(out.status).toBe(1);
    expect(out.stderr).toBe('odoo-capacity: the browser could not reach http://127.0.0.1:9 to log in: connect ECONNREFUSED 127.0.0.1:9\n');
    expect(existsSync(path.join(dir, 'z.yaml'))).toBe(false);
  });

  it('with no display and no --script: one line saying so before any browser opens (exit 1)', async () => {
    const out = await cliRun(['record', '--target', lab.odoo.url, '--db', lab.odoo.db, '--login', 'x', '--out', path.join(dir, 'y.yaml'), '--browser', CHROMIUM], { PATH: process.env.PATH, HOME: process.env.HOME, ODOO_PASSWORD: 'x' });
    expect(out.status).toBe(1);
    expect(out.stderr).toBe('odoo-capacity: record: no display for the browser window (DISPLAY is not set): run it on a desktop, or give --script to drive the page from a file\n');
    expect(existsSync(path.join(dir, 'y.yaml'))).toBe(false);
  });
});
