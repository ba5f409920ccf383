/** A fake-time OdooClient for run-loop tests: every call takes `serviceMs` on the FakeClock. */
import type { Journey } from '../../../scenarios/journeys/types.js';
import type { FakeClock } from '../../../src/engine/fake-clock.js';
import type { LoadPlan, PlanScenario } from '../../../src/plan/plan.js';
import type { MetricWindow, RunEvent } from '../../../src/run/records.js';
import type { OdooClient } from '../../../src/odoo/types.js';

export class KindError extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}

export interface FakeOdooOptions {
  /** Duration of each call, ms (or a function of the call's start time). */
  serviceMs: number | ((now: number) => number);
  loginMs?: number;
  /** When set, authenticate() rejects with this kind. */
  loginError?: string;
}

export function fakeClient(clock: FakeClock, o: FakeOdooOptions, counters: { logins: number; calls: number }): OdooClient {
  let uid: number | undefined;
  return {
    transport: 'web',
    get uid() {
      return uid;
    },
    async authenticate() {
      counters.logins += 1;
      if (o.loginMs) await clock.sleepUntil(clock.now() + o.loginMs);
      if (o.loginError) throw new KindError(o.loginError, 'Access Denied');
      uid = 2;
      return uid;
    },
    async call<T>(): Promise<T> {
      counters.calls += 1;
      const ms = typeof o.serviceMs === 'function' ? o.serviceMs(clock.now()) : o.serviceMs;
      await clock.sleepUntil(clock.now() + ms);
      return [] as T;
    },
    async close() {},
  };
}

/** A journey with one step `search` doing one call. */
export const searchJourney: Journey = {
  name: 'stock-inquiry',
  description: 'one search',
  transport: 'web',
  steps: ['search'],
  modules: ['stock'],
  async run(ctx) {
    await ctx.step('search', () => ctx.client.call('product.product', 'search_read', [[]]));
  },
};

export function planOf(scenario: Partial<PlanScenario>, durationS: number): LoadPlan {
  return {
    version: 1,
    profile: 'test',
    seed: 1,
    scale: 1,
    compress: { factor: 1, keep: 'peak-rates' },
    durationS,
    phases: [],
    scenarios: [
      {
        journey: 'stock-inquiry',
        executor: 'ramping-arrival-rate',
        startRate: 0,
        stages: [],
        preAllocatedVUs: 1,
        maxVUs: 10,
        gracefulStopS: 30,
        ...scenario,
      },
    ],
    slos: {},
  };
}

/** Collects what the engine wrote. */
export class MemorySink {
  windows: MetricWindow[] = [];
  events: RunEvent[] = [];
  window(r: MetricWindow) {
    this.windows.push(r);
  }
  event(r: RunEvent) {
    this.events.push(r);
  }
}
