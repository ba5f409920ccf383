import { describe, expect, it } from 'vitest';
import { vuSteps } from '../../../src/plan/vu-steps.js';
import { FakeClock } from '../../../src/engine/fake-clock.js';
import type { AnyPlanScenario, LoadPlan } from '../../../src/plan/plan.js';
import { runPlan } from '../../../src/engine/run-plan.js';
import type { Sample } from '../../../src/engine/samples.js';
import { segmentPlan } from '../../../src/plan/segment.js';
import { fakeClient, MemorySink, searchJourney } from './fake-odoo.js';

const START = 1_700_000_000_000;

function plan(scenario: AnyPlanScenario, durationS: number): LoadPlan {
  return { version: 1, profile: 'test', seed: 1, scale: 1, compress: { factor: 1, keep: 'peak-rates' }, durationS, phases: [], scenarios: [scenario], slos: {} };
}

async function run(p: LoadPlan, serviceMs: number) {
  const clock = new FakeClock(START);
  const sink = new MemorySink();
  const samples: Sample[] = [];
  const result = await runPlan({
    plan: p,
    journeys: { 'stock-inquiry': searchJourney },
    createClient: () => fakeClient(clock, { serviceMs }, { logins: 0, calls: 0 }),
    sink,
    clock,
    onSample: (s) => samples.push(s),
  });
  return { result, samples, clock };
}

describe('closed-model executors', () => {
  it('ramps VUs like k6: VU k starts when the ramp reaches k and stops when it falls to k − 1', () => {
    expect(vuSteps(0, [{ durationS: 4, target: 2 }])).toEqual([{ tS: 0, vus: 0 }, { tS: 2, vus: 1 }, { tS: 4, vus: 2 }]);
    expect(vuSteps(2, [{ durationS: 4, target: 0 }])).toEqual([{ tS: 0, vus: 2 }, { tS: 2, vus: 1 }, { tS: 4, vus: 0 }]);
  });

  it('constant-vus: 3 VUs × (200 ms service + 800 ms think) for 10 s = exactly 30 iterations, latency = service time', async () => {
    const { result, samples, clock } = await run(
      plan({ journey: 'stock-inquiry', executor: 'constant-vus', vus: 3, durationS: 10, thinkTimeS: 0.8, gracefulStopS: 5 }, 10),
      200,
    );
    expect(result).toMatchObject({ status: 'completed', scheduled: 30, started: 30, iterations: 30, dropped: 0, vus: 3, abandoned: 0 });
    const iterations = samples.flatMap((s) => (s.type === 'iteration' ? [s] : []));
    expect(new Set(iterations.map((s) => s.latencyUs))).toEqual(new Set([200_000]));
    expect(iterations.every((s) => s.serviceUs === s.latencyUs)).toBe(true);
    expect(clock.pending).toBe(0);
  });

  it('ramping-vus: 0 → 4 VUs over 4 s then 4 s flat, 1 s iterations: 1+2+3 (ramp) + 4×4 = 22 starts before 8 s', async () => {
    const { result } = await run(
      plan(
        { journey: 'stock-inquiry', executor: 'ramping-vus', startVUs: 0, stages: [{ durationS: 4, target: 4 }, { durationS: 4, target: 4 }], thinkTimeS: 0, gracefulStopS: 5, gracefulRampDownS: 5 },
        8,
      ),
      1000,
    );
    // VU k starts at k s and runs an iteration every second until 8 s: 8 − k iterations.
    expect(result).toMatchObject({ status: 'completed', started: 7 + 6 + 5 + 4, iterations: 22, vus: 4 });
  });

  it('splits VUs between segments by striping: 5 VUs over 2 segments run 3 and 2', async () => {
    const p = plan({ journey: 'stock-inquiry', executor: 'constant-vus', vus: 5, durationS: 2, thinkTimeS: 0, gracefulStopS: 1 }, 2);
    const a = await run(segmentPlan(p, { index: 1, count: 2 }), 500);
    const b = await run(segmentPlan(p, { index: 2, count: 2 }), 500);
    expect([a.result.vus, b.result.vus]).toEqual([3, 2]);
    expect(a.result.iterations + b.result.iterations).toBe(5 * 4);
  });
});
