/**
 * The exported k6 script: k6 options from the plan, and a bundle that k6's older JavaScript runtime
 * accepts. k6 ≤ 0.52 compiles with Babel 6 / goja and rejects `?.`, `??`, object spread and class
 * fields (fixtures/k6-0.48-odoo17/README.md): the bundle must parse as strict ES2017.
 */
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import type { LoadPlan } from '../../../src/plan/plan.js';
import { parseThreshold, thresholdsFromSlos } from '../../../src/run/thresholds.js';
import { bundleK6Script } from '../../../src/k6/bundle.js';
import { k6Duration, k6Options, timeUnitFor } from '../../../src/k6/options.js';
import { operatorManifests } from '../../../src/k6/operator.js';

const plan: LoadPlan = {
  version: 1,
  profile: 'morning-order-wave',
  seed: 7,
  scale: 1,
  compress: { factor: 120, keep: 'peak-rates' },
  durationS: 120,
  phases: [],
  scenarios: [
    {
      journey: 'order-to-delivery',
      executor: 'ramping-arrival-rate',
      startRate: 0.0833,
      stages: [{ durationS: 30, target: 0.25 }, { durationS: 90.5, target: 2 }],
      preAllocatedVUs: 2,
      maxVUs: 10,
      gracefulStopS: 10,
    },
    { journey: 'order-to-delivery', name: 'order-to-delivery-users', executor: 'constant-vus', vus: 3, durationS: 60, thinkTimeS: 5, gracefulStopS: 10 },
  ],
  slos: { 'order-to-delivery': { p95Ms: 4000 } },
};

/** Parses as a script (CommonJS) of exactly ECMAScript 2017; throws on anything newer. */
const parseEs2017 = (code: string) => parse(code, { ecmaVersion: 2017, sourceType: 'script' });

describe('k6 options from the plan', () => {
  it('uses k6 executor and option names, integer rates per timeUnit, and noCookiesReset', () => {
    const { options } = k6Options(plan, [...thresholdsFromSlos(plan.slos), parseThreshold('order-to-delivery/confirm-order:p(99)<=2000', { abortOnFail: true, delayAbortEvalS: 30 })]);
    expect(options.noCookiesReset).toBe(true);
    expect(options.scenarios['order-to-delivery']).toEqual({
      executor: 'ramping-arrival-rate',
      exec: 'exec_order_to_delivery',
      tags: { journey: 'order-to-delivery' },
      gracefulStop: '10s',
      startRate: 5, // 0.0833/s = 4.998 per minute: an integer within 0.1 %
      timeUnit: '60s',
      preAllocatedVUs: 2,
      maxVUs: 10,
      stages: [{ duration: '30s', target: 15 }, { duration: '90500ms', target: 120 }],
    });
    expect(options.scenarios['order-to-delivery-users']).toEqual({
      executor: 'constant-vus', exec: 'exec_order_to_delivery_users', tags: { journey: 'order-to-delivery' }, gracefulStop: '10s', vus: 3, duration: '60s',
    });
    expect(options.thresholds).toEqual({
      'journey_duration{journey:order-to-delivery}': ['p(95)<=4000'],
      'journey_failed{journey:order-to-delivery}': ['rate<=0.01'],
      'step_duration{journey:order-to-delivery,step:confirm-order}': [{ threshold: 'p(99)<=2000', abortOnFail: true, delayAbortEval: '30s' }],
    });
  });

  it('picks the shortest timeUnit that makes rates integers (300/h → 5 per 60s, 7/h → 7 per 3600s)', () => {
    expect(timeUnitFor([20, 5])).toBe(1);
    expect(timeUnitFor([0.5])).toBe(10);
    expect(timeUnitFor([300 / 3600])).toBe(60);
    expect(timeUnitFor([7 / 3600])).toBe(3600);
    expect(k6Duration(30)).toBe('30s');
    expect(k6Duration(0.25)).toBe('250ms');
  });
});

describe('k6 bundle', () => {
  it('is ES2017 CommonJS with k6 modules external, loads, and exports options and one exec per scenario', async () => {
    const bundle = await bundleK6Script({ plan, thresholds: thresholdsFromSlos(plan.slos) });
    expect(() => parseEs2017(bundle.code)).not.toThrow();
    expect(bundle.code).toMatch(/require\("k6\/http"\)/);
    expect(bundle.code).not.toMatch(/^\s*import\s/m);

    // Load it as k6 would a CommonJS script, with stand-ins for k6's modules.
    const requested: string[] = [];
    const fakeRequire = (name: string): unknown => {
      requested.push(name);
      if (name === 'k6/http') return { default: { asyncRequest: () => Promise.reject(new Error('no network')) }, asyncRequest: () => Promise.reject(new Error('no network')) };
      if (name === 'k6/metrics') return { Trend: class { add() {} }, Rate: class { add() {} }, Counter: class { add() {} } };
      if (name === 'k6') return { sleep: () => undefined };
      throw new Error(`unexpected require(${name})`);
    };
    const module = { exports: {} as Record<string, unknown> };
    new Function('require', 'module', 'exports', '__ENV', '__VU', '__ITER', bundle.code)(fakeRequire, module, module.exports, {}, 1, 0);
    expect(new Set(requested)).toEqual(new Set(['k6/http', 'k6/metrics', 'k6']));
    expect(module.exports.options).toEqual(bundle.options);
    expect(typeof module.exports.exec_order_to_delivery).toBe('function');
    expect(typeof module.exports.exec_order_to_delivery_users).toBe('function');
  });

  it('the ES2017 check rejects what k6’s older runtime rejects (the test would catch a regression)', () => {
    for (const code of ['a?.b;', 'a ?? b;', 'x = {...y};', 'class A { f = 1 }', 'try {} catch {}', 'async function* g() {}']) {
      expect(() => parseEs2017(code), code).toThrow();
    }
    expect(() => parseEs2017('async function f() { await 1; } class A { m() { return 2 ** 3; } }')).not.toThrow();
  });
});

describe('k6-operator manifests', () => {
  it('writes a TestRun with parallelism and the script in a ConfigMap', () => {
    const m = operatorManifests({ plan, script: '// script', parallelism: 4 });
    expect(m.testRun).toMatchObject({
      apiVersion: 'k6.io/v1alpha1',
      kind: 'TestRun',
      metadata: { name: 'odoo-capacity-morning-order-wave' },
      spec: { parallelism: 4, script: { configMap: { name: 'odoo-capacity-morning-order-wave-script', file: 'script.js' } } },
    });
    expect(m.configMap).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', data: { 'script.js': '// script' } });
    expect(() => operatorManifests({ plan, script: '', parallelism: 0 })).toThrow('--parallelism: expected a whole number ≥ 1, got 0');
  });
});
