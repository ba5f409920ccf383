/**
 * Journeys of the user's own, named by a profile (`journeys: { name: path }`): a TypeScript file with
 * defineJourney and a YAML file run like shipped journeys, in the embedded engine (loaded here) and
 * in the k6 bundle; a bad file is one line naming the file and the field.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import { journeysForProfile } from '../../../scenarios/journeys/load.js';
import { loadProfile } from '../../../scenarios/profiles/load.js';
import { compileProfile } from '../../../src/engine/compile.js';
import { thresholdsFromSlos } from '../../../src/run/thresholds.js';
import { bundleK6Script } from '../../../src/k6/bundle.js';

const TS_JOURNEY = `
import { defineJourney, openWeb, runTag } from 'odoo-capacity/journeys';
export default defineJourney({
  name: 'count-orders',
  description: 'Counts my orders.',
  transport: 'web',
  steps: ['count'],
  modules: ['sale'],
  async run(ctx) {
    await openWeb(ctx);
    await ctx.step('count', () => ctx.client.call('sale.order', 'search_count', [[['client_order_ref', '=', runTag(ctx.tag)]]]));
  },
});
`;

const YAML_JOURNEY = `name: ping-partner
transport: web
steps:
  - name: count
    call: { model: res.partner, method: search_count, args: [[]] }
    save: n
  - name: read
    call: { model: res.partner, method: search_read, args: [[]], kwargs: { limit: "\${n}" } }
`;

const PROFILE = `name: own-journeys
description: Two journeys of my own beside a shipped one.
journeys:
  count-orders: ./journeys/count.ts
  ping-partner: ./journeys/ping.yaml
phases:
  - name: morning
    start: "08:00"
    end: "09:00"
    rates:
      count-orders: { from: 60, to: 60 }
      ping-partner: { from: 60, to: 60 }
      browse: { from: 10, to: 10 }
slos:
  count-orders: { p95Ms: 2000 }
`;

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'own-journeys-'));
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return dir;
}

describe('a profile with journeys of its own', () => {
  const dir = workspace({ 'profile.yaml': PROFILE, 'journeys/count.ts': TS_JOURNEY, 'journeys/ping.yaml': YAML_JOURNEY });

  it('loads them under their names beside the shipped journeys', async () => {
    const profile = await loadProfile('./profile.yaml', dir);
    const { journeys, sources } = await journeysForProfile(profile, './profile.yaml', dir);
    expect(journeys['count-orders']).toMatchObject({ name: 'count-orders', transport: 'web', steps: ['count'] });
    expect(journeys['ping-partner']).toMatchObject({ name: 'ping-partner', steps: ['count', 'read'] });
    expect(journeys.browse?.name).toBe('browse');
    expect(sources.map((s) => [s.name, s.kind])).toEqual([['count-orders', 'module'], ['ping-partner', 'definition']]);
  });

  it('bundles them for k6: ES2017, and their exec functions run the journeys over k6/http', async () => {
    const profile = await loadProfile('./profile.yaml', dir);
    const { sources } = await journeysForProfile(profile, './profile.yaml', dir);
    const plan = compileProfile(profile, { compress: { durationS: 60, keep: 'peak-rates' } });
    const bundle = await bundleK6Script({ plan, thresholds: thresholdsFromSlos(plan.slos), journeySources: sources });
    expect(() => parse(bundle.code, { ecmaVersion: 2017, sourceType: 'script' })).not.toThrow();
    const posted: string[] = [];
    const http = {
      asyncRequest: async (_method: string, url: string, body: string) => {
        const params = (JSON.parse(body) as { params: Record<string, unknown> }).params;
        posted.push(`${url.replace('http://odoo', '')} ${params.method ?? ''} ${JSON.stringify(params.kwargs ?? {})}`);
        const result = url.endsWith('/authenticate') ? { uid: 2 } : url.endsWith('get_session_info') ? { uid: 2 } : params.method === 'search_count' ? 7 : [];
        return { status: 200, body: JSON.stringify({ jsonrpc: '2.0', id: 1, result }), error: '', error_code: 0 };
      },
    };
    const fakeRequire = (name: string): unknown => {
      if (name === 'k6/http') return { default: http, ...http };
      if (name === 'k6/metrics') return { Trend: class { add() {} }, Rate: class { add() {} }, Counter: class { add() {} } };
      if (name === 'k6') return { sleep: () => undefined };
      throw new Error(`unexpected require(${name})`);
    };
    const module = { exports: {} as Record<string, () => Promise<void>> };
    const env = { ODOO_URL: 'http://odoo', ODOO_DB: 'db', ODOO_LOGIN: 'u', ODOO_PASSWORD: 'p' };
    new Function('require', 'module', 'exports', '__ENV', '__VU', '__ITER', bundle.code)(fakeRequire, module, module.exports, env, 1, 0);
    await module.exports.exec_count_orders!();
    await module.exports.exec_ping_partner!();
    expect(posted).toContain('/web/dataset/call_kw/sale.order/search_count search_count {}');
    expect(posted).toContain('/web/dataset/call_kw/res.partner/search_read search_read {"limit":7}');
  });
});

describe('bad journey files: one line naming the file and the field', () => {
  const problem = async (files: Record<string, string>): Promise<string> => {
    const dir = workspace({ 'profile.yaml': PROFILE, ...files });
    const profile = await loadProfile('./profile.yaml', dir);
    return journeysForProfile(profile, './profile.yaml', dir).then(
      () => 'no error',
      (e: Error & { code?: string }) => `${e.code}: ${e.message}`,
    );
  };

  it('a TypeScript journey without run', async () => {
    const ts = TS_JOURNEY.replace('async run(ctx)', 'async walk(ctx)');
    expect(await problem({ 'journeys/count.ts': ts, 'journeys/ping.yaml': YAML_JOURNEY })).toBe(
      'JOURNEY_FILE_INVALID: ./journeys/count.ts: run: expected an async function run(ctx), got nothing',
    );
  });

  it('a YAML journey with a wrong field, or not YAML at all', async () => {
    expect(await problem({ 'journeys/count.ts': TS_JOURNEY, 'journeys/ping.yaml': YAML_JOURNEY.replace('method: search_count', 'method: 12') })).toBe(
      'JOURNEY_FILE_INVALID: ./journeys/ping.yaml: steps[0].call.method: expected a method name, got 12',
    );
    expect(await problem({ 'journeys/count.ts': TS_JOURNEY, 'journeys/ping.yaml': 'name: [unclosed' })).toMatch(/^JOURNEY_FILE_INVALID: \.\/journeys\/ping\.yaml:1:\d+: not valid YAML: /);
  });

  it('a missing file, and a file defining another name than the profile gives it', async () => {
    expect(await problem({ 'journeys/count.ts': TS_JOURNEY })).toBe('JOURNEY_FILE_INVALID: ./journeys/ping.yaml: no such file (give a path to a .ts, .js or .yaml journey)');
    expect(await problem({ 'journeys/count.ts': TS_JOURNEY, 'journeys/ping.yaml': YAML_JOURNEY.replace('name: ping-partner', 'name: pong') })).toBe(
      'JOURNEY_FILE_INVALID: ./profile.yaml: journeys.ping-partner: expected the file to define journey "ping-partner", got "pong"',
    );
  });

  it('the profile names the journey without declaring it', async () => {
    const dir = workspace({ 'p.yaml': PROFILE.replace(/journeys:\n( {2}.*\n)+/, '') });
    await expect(loadProfile('./p.yaml', dir)).rejects.toThrow(/p\.yaml: phases\[0\]\.rates\["count-orders"\]: expected a known journey \(.*\) or one named in journeys: \{ name: path \}/);
  });
});

describe("a profile's params for journeys of its own", () => {
  const QUOTE = `name: ping-partner
transport: web
params:
  partner: { between: [1, 3], recorded: 2 }
steps:
  - name: read
    call: { model: res.partner, method: search_read, args: [[]], kwargs: { limit: "\${params.limit}", offset: "\${params.partner}" } }
`;
  const withParams = (params: string) => PROFILE.replace('slos:', `params:\n  ping-partner: ${params}\nslos:`);

  it('are the ones the journey file declares or references (a text, a number or a distribution)', async () => {
    const dir = workspace({ 'profile.yaml': withParams('{ partner: "Azure Interior", limit: { distribution: poisson, mean: 3 } }'), 'journeys/count.ts': TS_JOURNEY, 'journeys/ping.yaml': QUOTE });
    const profile = await loadProfile('./profile.yaml', dir);
    const { journeys } = await journeysForProfile(profile, './profile.yaml', dir);
    expect(Object.keys(journeys['ping-partner']?.params ?? {})).toEqual(['partner', 'limit']);
  });

  it('refuse a param the file does not read, naming the ones it does', async () => {
    const dir = workspace({ 'profile.yaml': withParams('{ colour: red }'), 'journeys/count.ts': TS_JOURNEY, 'journeys/ping.yaml': QUOTE });
    const profile = await loadProfile('./profile.yaml', dir);
    await expect(journeysForProfile(profile, './profile.yaml', dir)).rejects.toThrow(
      './profile.yaml: params["ping-partner"].colour: expected a param ping-partner reads (partner, limit), got "red"',
    );
  });

  it('refuse a value that is not a number, a text, true or false, or a distribution', async () => {
    const dir = workspace({ 'profile.yaml': withParams('{ partner: [1, 2] }') });
    await expect(loadProfile('./profile.yaml', dir)).rejects.toThrow(
      "./profile.yaml: params[\"ping-partner\"].partner: expected a text, true or false, a number ≥ 0 or { distribution: 'poisson' | 'lognormal' | 'empirical', … }, got [1,2]",
    );
  });
});
