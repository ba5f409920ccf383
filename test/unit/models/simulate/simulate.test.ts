/**
 * The simulator against Erlang C in steady state (M/M/c: Poisson arrivals, exponential service,
 * cores never the bottleneck), and its transient behaviour on a burst.
 */
import { describe, expect, it } from 'vitest';
import type { LoadPlan } from '../../../../src/plan/plan.js';
import { meanWait, probabilityOfWaiting } from '../../../../models/erlang-c.js';
import { simulate } from '../../../../models/simulate/simulate.js';

function constantPlan(rates: Record<string, number>, durationS: number, seed = 7): LoadPlan {
  return {
    version: 1,
    profile: 'test',
    seed,
    scale: 1,
    compress: { factor: 1, keep: 'peak-rates' },
    durationS,
    phases: [{ name: 'all', startS: 0, endS: durationS, businessStart: '00:00', businessEnd: '00:00' }],
    scenarios: Object.entries(rates).map(([journey, rate]) => ({
      journey,
      executor: 'ramping-arrival-rate' as const,
      startRate: rate,
      stages: [{ durationS, target: rate }],
      preAllocatedVUs: 1,
      maxVUs: 1,
      gracefulStopS: 30,
    })),
    slos: {},
  };
}

describe('simulate agrees with Erlang C in steady state', () => {
  it.each([
    [4, 3, 1],
    [8, 6.4, 1],
  ])('M/M/%i at λ = %f, S = %f s: mean wait and P(wait) within 5 percent', (servers, rate, serviceS) => {
    const plan = constantPlan({ job: rate }, 120_000);
    const result = simulate({
      plan,
      demands: { job: { workerS: serviceS, cpuS: serviceS, dbS: 0, scv: 1 } },
      deployment: { httpWorkers: servers, cores: Number.POSITIVE_INFINITY },
      warmupS: 1000,
    });
    const journey = result.journeys[0];
    const queue = { ratePerS: rate, serviceS, servers };
    const expectedWait = meanWait(queue);
    const expectedP = probabilityOfWaiting(servers, rate * serviceS);
    expect(journey?.meanWaitS ?? 0).toBeGreaterThan(expectedWait * 0.95);
    expect(journey?.meanWaitS ?? 0).toBeLessThan(expectedWait * 1.05);
    expect(Math.abs((journey?.waitedShare ?? 0) / expectedP - 1)).toBeLessThan(0.05);
    expect(Math.abs((result.pools[0]?.utilization ?? 0) - rate * serviceS / servers)).toBeLessThan(0.01);
  });
});

describe('simulate transients', () => {
  // 10 min of scanners at 2/s (0.2 s each) plus an EDI burst: 300 imports of 2 s each in the first minute.
  const plan: LoadPlan = {
    ...constantPlan({ scan: 2 }, 600),
    scenarios: [
      ...constantPlan({ scan: 2 }, 600).scenarios,
      { journey: 'edi', executor: 'ramping-arrival-rate', startRate: 5, stages: [{ durationS: 60, target: 5 }, { durationS: 0, target: 0 }, { durationS: 540, target: 0 }], preAllocatedVUs: 1, maxVUs: 1, gracefulStopS: 30 },
    ],
  };
  const demands = {
    scan: { workerS: 0.2, cpuS: 0.1, dbS: 0.02, scv: 0.5 },
    edi: { workerS: 2, cpuS: 1, dbS: 0.3, scv: 0.5, integration: true },
  };

  it('shows the scanner p95 hit by a shared-pool burst and protected by an integration pool', () => {
    const shared = simulate({ plan, demands, deployment: { httpWorkers: 6, cores: 8 } });
    const isolated = simulate({ plan, demands, deployment: { httpWorkers: 3, integrationWorkers: 3, cores: 8 } });
    const scanShared = shared.journeys.find((j) => j.journey === 'scan');
    const scanIsolated = isolated.journeys.find((j) => j.journey === 'scan');
    expect(scanShared?.p95Ms ?? 0).toBeGreaterThan(10 * (scanIsolated?.p95Ms ?? Infinity));
    expect(shared.pools[0]?.longestBacklogS ?? 0).toBeGreaterThan(60);
    expect(isolated.pools.find((p) => p.pool === 'integration')?.longestBacklogS ?? 0).toBeGreaterThan(60);
  });

  it('is deterministic for a seed', () => {
    const a = simulate({ plan, demands, deployment: { httpWorkers: 6, cores: 8 } });
    const b = simulate({ plan, demands, deployment: { httpWorkers: 6, cores: 8 } });
    expect(a).toEqual(b);
  });

  it('retries writers on serialization failures, sleeping inside the worker', () => {
    const writers = constantPlan({ order: 2 }, 1800);
    const calm = simulate({ plan: writers, demands: { order: { workerS: 0.8, cpuS: 0.5, dbS: 0.2, writes: true } }, deployment: { httpWorkers: 4, cores: 4 } });
    const hot = simulate({
      plan: writers,
      demands: { order: { workerS: 0.8, cpuS: 0.5, dbS: 0.2, writes: true } },
      deployment: { httpWorkers: 4, cores: 4 },
      contention: { conflictPerWriter: 0.2 },
    });
    expect(calm.journeys[0]?.retries).toBe(0);
    expect(hot.journeys[0]?.retries ?? 0).toBeGreaterThan(100);
    expect(hot.journeys[0]?.p95Ms ?? 0).toBeGreaterThan(2 * (calm.journeys[0]?.p95Ms ?? Infinity));
    expect(hot.pools[0]?.utilization ?? 0).toBeGreaterThan(calm.pools[0]?.utilization ?? 1);
  });
});

describe('simulate: closed-model users, calls and shared cores', () => {
  it('runs closed-model users: N users with think time Z and service S complete about N·T/(Z+S) iterations', () => {
    const plan: LoadPlan = {
      ...constantPlan({}, 600),
      scenarios: [{ journey: 'scan', executor: 'constant-vus', vus: 10, durationS: 600, thinkTimeS: 4, gracefulStopS: 30 }],
    };
    const result = simulate({ plan, demands: { scan: { workerS: 1, cpuS: 1, dbS: 0, scv: 0 } }, deployment: { httpWorkers: 20, cores: 20 } });
    // 10 users × 600 s / (4 s think + 1 s service) = 1200, less the last cycle of each user.
    expect(result.journeys[0]?.count ?? 0).toBeGreaterThan(1180);
    expect(result.journeys[0]?.count ?? 0).toBeLessThanOrEqual(1200);
    expect(result.journeys[0]?.p95Ms ?? 0).toBeCloseTo(1000, 0);
  });

  it('splits an iteration into calls without changing its work: same utilisation, same iterations, a wait per call', () => {
    const plan = constantPlan({ flow: 0.5 }, 4000);
    const base = { workerS: 1, cpuS: 1, dbS: 0, scv: 1 };
    const oneRequest = simulate({ plan, demands: { flow: base }, deployment: { httpWorkers: 1, cores: 4 }, arrivals: 'poisson' });
    const tenCalls = simulate({ plan, demands: { flow: { ...base, callsPerIteration: 10 } }, deployment: { httpWorkers: 1, cores: 4 }, arrivals: 'poisson' });
    // Same work per iteration; the ten short calls interleave with other iterations' calls, so an
    // iteration holds the worker for ten separate services and waits behind others each time.
    expect(tenCalls.pools[0]?.utilization ?? 0).toBeCloseTo(oneRequest.pools[0]?.utilization ?? 1, 1);
    expect(tenCalls.journeys[0]?.count).toBe(oneRequest.journeys[0]?.count);
    // M/M/1 at ρ = 0.5: one 1 s request waits ρS/(1−ρ) = 1 s; ten 0.1 s calls wait 0.1 s each, 1 s in all.
    expect(tenCalls.journeys[0]?.meanWaitS ?? 0).toBeGreaterThan(0.85);
    expect(tenCalls.journeys[0]?.meanWaitS ?? 0).toBeLessThan(1.15);
    // Each call queues on its own, so far more iterations wait at least once.
    expect(tenCalls.journeys[0]?.waitedShare ?? 0).toBeGreaterThan(1.2 * (oneRequest.journeys[0]?.waitedShare ?? 1));
  });

  it('takes background load off the cores: the same work gets slower', () => {
    const plan = constantPlan({ job: 1.5 }, 2000);
    const demands = { job: { workerS: 1, cpuS: 1, dbS: 0, scv: 1 } };
    const free = simulate({ plan, demands, deployment: { httpWorkers: 4, cores: 2 } });
    const busy = simulate({ plan, demands, deployment: { httpWorkers: 4, cores: 2, backgroundCores: 0.25 } });
    expect(busy.journeys[0]?.p95Ms ?? 0).toBeGreaterThan(1.2 * (free.journeys[0]?.p95Ms ?? Infinity));
  });
});

describe('simulate a whole day', () => {
  it('drives distribution-day with its scanner and receipt users, and ends (a day of plan time once looped on a rounding error)', async () => {
    const { loadProfile } = await import('../../../../scenarios/profiles/load.js');
    const { compileProfile } = await import('../../../../src/engine/compile.js');
    const { demandsForJourneys } = await import('../../../../models/calibration-defaults.js');
    const plan = compileProfile(await loadProfile('distribution-day'), { scale: 1, seed: 1 });
    const result = simulate({ plan, demands: demandsForJourneys(plan.scenarios.map((s) => s.journey)), deployment: { httpWorkers: 8, cores: 4 } });
    const count = (journey: string): number => result.journeys.find((j) => j.journey === journey)?.count ?? 0;
    // 40 scanners and 4 receivers loop with their think time: thousands of picks, hundreds of receipts.
    expect(count('barcode-pick')).toBeGreaterThan(10_000);
    expect(count('receipt')).toBeGreaterThan(100);
    expect(result.notes.join(' ')).not.toContain('not simulated');
  }, 60_000);
});
