import { describe, expect, it } from 'vitest';
import type { Journey } from '../../../scenarios/journeys/types.js';
import { FakeClock } from '../../../src/engine/fake-clock.js';
import { runPlan, startLateMessage, type Progress } from '../../../src/engine/run-plan.js';
import type { Sample } from '../../../src/engine/samples.js';
import { decodeHistogram, mergeEncoded } from '../../../src/run/histogram.js';
import { fakeClient, KindError, MemorySink, planOf, searchJourney, type FakeOdooOptions } from './fake-odoo.js';

const START = 1_700_000_000_000;

function setup(o: FakeOdooOptions) {
  const clock = new FakeClock(START);
  const counters = { logins: 0, calls: 0 };
  const sink = new MemorySink();
  return { clock, counters, sink, createClient: () => fakeClient(clock, o, counters) };
}

const flat = (rate: number, durationS: number) => ({ startRate: rate, stages: [{ durationS, target: rate }] });
const iterationWindows = (sink: MemorySink) => sink.windows.filter((w) => w.step === null);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('runPlan in fake time', () => {
  it('starts the load at startAt once setup is done, or at once with a warning when setup ended later', async () => {
    const { clock, sink, createClient } = setup({ serviceMs: 50, loginMs: 300 });
    const onTime = await runPlan({ plan: planOf({ ...flat(10, 2), preAllocatedVUs: 2, maxVUs: 10 }, 2), journeys: { 'stock-inquiry': searchJourney }, createClient, sink, clock, startAt: START + 7_000 });
    expect(onTime).toMatchObject({ status: 'completed', scheduled: 20 });
    expect(iterationWindows(sink)[0]?.t).toBe(START + 7_000); // plan time 0 = startAt, not the end of setup
    expect(sink.events.filter((e) => e.type === 'warning')).toEqual([]);

    const late = setup({ serviceMs: 50, loginMs: 300 });
    await runPlan({ plan: planOf({ ...flat(10, 2), preAllocatedVUs: 2, maxVUs: 10 }, 2), journeys: { 'stock-inquiry': searchJourney }, createClient: late.createClient, sink: late.sink, clock: late.clock, startAt: START + 100 });
    const warning = late.sink.events.find((e) => e.type === 'warning');
    expect(warning && 'message' in warning ? warning.message : '').toMatch(/^setup ended \d+\.\d s after --start-at: the load started at once/);
    expect(startLateMessage(1234)).toContain('1.2 s');
    expect(late.sink.windows.length).toBeGreaterThan(0);
  });

  it('starts exactly 600 iterations at a constant 20/s for 30 s, and the windows add up', async () => {
    const { clock, counters, sink, createClient } = setup({ serviceMs: 50 });
    const progress: Progress[] = [];
    const result = await runPlan({
      plan: planOf({ ...flat(20, 30), preAllocatedVUs: 2, maxVUs: 10 }, 30),
      journeys: { 'stock-inquiry': searchJourney },
      createClient,
      sink,
      clock,
      onProgress: (p) => progress.push(p),
    });
    expect(result).toMatchObject({ status: 'completed', scheduled: 600, started: 600, dropped: 0, iterations: 600, errors: 0, abandoned: 0 });
    expect(result.vus).toBeLessThanOrEqual(2); // 50 ms service every 50 ms: one VU is free again in time
    expect(counters.calls).toBe(600);

    const windows = iterationWindows(sink);
    expect(windows[0]?.t).toBe(START);
    expect(windows.map((w) => w.scheduled)).toEqual([19, ...Array(29).fill(20), 1]); // arrivals 0.05 … 30.00 s
    expect(sum(windows.map((w) => w.ok))).toBe(600);
    const latency = mergeEncoded(windows.map((w) => w.latency));
    expect(latency.totalCount).toBe(600);
    expect(latency.getValueAtPercentile(50)).toBeGreaterThanOrEqual(50_000);
    expect(latency.getValueAtPercentile(99)).toBeLessThanOrEqual(50_050); // HDR: 3 significant digits
    const second = windows[5];
    expect(second && decodeHistogram(second.latency).totalCount).toBe(second?.ok);
    const steps = sink.windows.filter((w) => w.step === 'search');
    expect(sum(steps.map((w) => w.ok))).toBe(600);

    const mid = progress.find((p) => p.elapsedS >= 10);
    expect(mid).toMatchObject({ durationS: 30, rateTarget: 20, rateAchieved: 20, errors: 0, dropped: 0 });
    expect(mid?.p95Ms).toBeCloseTo(50, 0);
    expect(progress.at(-1)?.completed).toBe(600);
    expect(clock.pending).toBe(0);
  });

  it('drops ~80 % at 10/s when 2 VUs take 1 s each, and counts every drop', async () => {
    const { clock, sink, createClient } = setup({ serviceMs: 1000 });
    const result = await runPlan({ plan: planOf({ ...flat(10, 10), preAllocatedVUs: 2, maxVUs: 2 }, 10), journeys: { 'stock-inquiry': searchJourney }, createClient, sink, clock });
    expect(result.scheduled).toBe(100);
    expect(result.dropped / result.scheduled).toBeGreaterThanOrEqual(0.78);
    expect(result.dropped / result.scheduled).toBeLessThanOrEqual(0.82);
    expect(result.started + result.dropped).toBe(100);
    expect(result.vus).toBe(2);
    expect(sum(iterationWindows(sink).map((w) => w.dropped ?? 0))).toBe(result.dropped);
    const warnings = sink.events.filter((e) => e.type === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ message: 'journey stock-inquiry: all 2 VUs busy, arrivals are being dropped — raise maxVUs or lower the rate' });
  });

  it('grows the pool on demand up to maxVUs, and leaves a fresh VU’s login out of the latency', async () => {
    const { clock, counters, sink, createClient } = setup({ serviceMs: 100, loginMs: 300 });
    const samples: Sample[] = [];
    const result = await runPlan({
      plan: planOf({ ...flat(4, 3), preAllocatedVUs: 0, maxVUs: 3 }, 3),
      journeys: { 'stock-inquiry': searchJourney },
      createClient,
      sink,
      clock,
      onSample: (s) => samples.push(s),
    });
    expect(result).toMatchObject({ status: 'completed', scheduled: 12, dropped: 0, iterations: 12 });
    expect(result.vus).toBe(2); // 0.25 s apart, the first busy 0.4 s (login + call)
    expect(counters.logins).toBe(1 + 2); // setup client + one per VU, once each
    const iterations = samples.filter((s) => s.type === 'iteration');
    expect(iterations.map((s) => s.latencyUs)).toEqual(Array(12).fill(100_000));
  });

  it('aborts at once on access_denied: one login attempt, no load', async () => {
    const { clock, counters, sink, createClient } = setup({ serviceMs: 10, loginError: 'access_denied' });
    const result = await runPlan({ plan: planOf({ ...flat(10, 10), preAllocatedVUs: 5 }, 10), journeys: { 'stock-inquiry': searchJourney }, createClient, sink, clock });
    expect(result.status).toBe('aborted');
    expect(result.reason).toMatch(/^login refused \(access_denied\) for journey stock-inquiry: Access Denied — check the login and password/);
    expect(counters.logins).toBe(1);
    expect(result.scheduled).toBe(0);
    expect(sink.windows).toEqual([]);
    expect(sink.events).toEqual([expect.objectContaining({ type: 'error', step: 'setup', kind: 'access_denied' })]);
  });

  it('aborts when a VU created during the run is refused, without more login attempts', async () => {
    const clock = new FakeClock(START);
    const counters = { logins: 0, calls: 0 };
    const sink = new MemorySink();
    const result = await runPlan({
      plan: planOf({ ...flat(10, 10), preAllocatedVUs: 0 }, 10),
      journeys: { 'stock-inquiry': searchJourney },
      createClient: ({ vu }) => fakeClient(clock, { serviceMs: 10, ...(vu === null ? {} : { loginError: 'access_denied' }) }, counters),
      sink,
      clock,
    });
    expect(result.status).toBe('aborted');
    expect(counters.logins).toBe(2);
    expect(result.scheduled).toBe(1);
    expect(result.errors).toBe(1);
  });

  it('gives in-flight iterations gracefulStopS, then abandons them', async () => {
    const { clock, sink, createClient } = setup({ serviceMs: 100_000 });
    const result = await runPlan({ plan: planOf({ ...flat(1, 3), gracefulStopS: 5 }, 3), journeys: { 'stock-inquiry': searchJourney }, createClient, sink, clock });
    expect(result).toMatchObject({ status: 'completed', scheduled: 3, started: 3, iterations: 0, abandoned: 3 });
    expect(clock.now() - START).toBe(8000);
  });

  it('stops early on the caller’s signal as interrupted, with windows flushed', async () => {
    const { clock, sink, createClient } = setup({ serviceMs: 20 });
    const controller = new AbortController();
    void clock.sleepUntil(START + 5010).then(() => controller.abort('stopped by the operator'));
    const plan = planOf(flat(10, 30), 30);
    plan.phases = [{ name: 'wave', startS: 0, endS: 30, businessStart: '06:00', businessEnd: '09:00' }];
    const result = await runPlan({ plan, journeys: { 'stock-inquiry': searchJourney }, createClient, sink, clock, signal: controller.signal });
    expect(result).toMatchObject({ status: 'interrupted', reason: 'stopped by the operator' });
    expect(result.scheduled).toBe(50);
    // The iteration in flight at the stop (started at 5000 ms, 20 ms long) got its graceful stop.
    expect(result).toMatchObject({ iterations: 50, abandoned: 0 });
    expect(sum(iterationWindows(sink).map((w) => w.scheduled ?? 0))).toBe(50);
    expect(sink.events.filter((e) => e.type === 'phase')).toEqual([
      { v: 1, type: 'phase', t: START, phase: 'wave', edge: 'start' },
      { v: 1, type: 'phase', t: START + 5020, phase: 'wave', edge: 'end' },
    ]);
  });

  it('counts errors per step and kind, rate-limits error events, and maps unknown errors to other', async () => {
    const { clock, sink, createClient } = setup({ serviceMs: 5 });
    let n = 0;
    const failing: Journey = {
      ...searchJourney,
      async run(ctx) {
        n += 1;
        await ctx.step('search', async () => {
          if (n % 4 === 0) throw new TypeError('x is undefined');
          throw new KindError('user_error', 'The product is archived.');
        });
      },
    };
    const result = await runPlan({ plan: planOf(flat(4, 10), 10), journeys: { 'stock-inquiry': failing }, createClient, sink, clock });
    expect(result).toMatchObject({ iterations: 40, errors: 40 });
    const stepErrors = sink.windows.filter((w) => w.step === 'search').map((w) => w.errors);
    expect(sum(stepErrors.map((e) => e.user_error ?? 0))).toBe(30);
    expect(sum(stepErrors.map((e) => e.other ?? 0))).toBe(10);
    expect(sum(iterationWindows(sink).map((w) => w.errors.user_error ?? 0))).toBe(30);
    const errorEvents = sink.events.filter((e) => e.type === 'error');
    expect(errorEvents.filter((e) => e.type === 'error' && e.kind === 'user_error')).toHaveLength(20);
    expect(errorEvents.filter((e) => e.type === 'error' && e.kind === 'other')).toHaveLength(10);
    expect(errorEvents[0]).toMatchObject({ journey: 'stock-inquiry', step: 'search', message: 'The product is archived.' });
    expect(sink.events.filter((e) => e.type === 'warning').map((e) => e.type === 'warning' && e.message)).toEqual([
      '10 more user_error errors in journey stock-inquiry were not logged as events (limit 20 per kind per journey; metrics.ndjson counts all)',
    ]);
  });

  it('gives each arrival the same random stream in every run with the same seed', async () => {
    const draws = async () => {
      const { clock, sink, createClient } = setup({ serviceMs: 300 });
      const seen: number[] = [];
      const journey: Journey = { ...searchJourney, run: async (ctx) => void seen.push(ctx.random()) };
      await runPlan({ plan: planOf({ ...flat(5, 4), preAllocatedVUs: 0 }, 4), journeys: { 'stock-inquiry': journey }, createClient, sink, clock });
      return seen;
    };
    const a = await draws();
    expect(a).toHaveLength(20);
    expect(new Set(a).size).toBe(20);
    expect(await draws()).toEqual(a);
  });

  it('rejects an invalid plan naming every field', async () => {
    const { clock, sink, createClient } = setup({ serviceMs: 1 });
    const plan = planOf({ journey: 'nope', stages: [{ durationS: -1, target: 1 }], maxVUs: 0 }, 1);
    await expect(runPlan({ plan, journeys: { 'stock-inquiry': searchJourney }, createClient, sink, clock })).rejects.toMatchObject({
      code: 'PLAN_INVALID',
      message:
        "plan 'test': scenarios[0].stages[0].durationS: expected seconds > 0, got -1; scenarios[0].maxVUs: expected a whole number ≥ 1, got 0; " +
        "scenarios[0].journey: unknown journey 'nope' (known: stock-inquiry)",
    });
  });
});
