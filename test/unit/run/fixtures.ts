import type { LoadPlan } from '../../../src/plan/plan.js';

/** A one-scenario plan for run-directory tests. */
export const plan: LoadPlan = {
  version: 1,
  profile: 'morning-order-wave',
  seed: 7,
  scale: 1,
  compress: { factor: 1, keep: 'peak-rates' },
  durationS: 10,
  phases: [],
  scenarios: [
    { journey: 'order-entry', executor: 'ramping-arrival-rate', startRate: 1, stages: [{ durationS: 10, target: 1 }], preAllocatedVUs: 1, maxVUs: 2, gracefulStopS: 30 },
  ],
  slos: {},
};
