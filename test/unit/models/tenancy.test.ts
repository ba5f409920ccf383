import { describe, expect, it } from 'vitest';
import { recommendTenancy } from '../../../models/tenancy.js';

const small = { peakWorkers: 3, burstiness: 1.5, integrationShare: 0.05, ratePerS: 1, serviceMeanS: 0.1, serviceScv: 1, targetP95S: 2 };

describe('recommendTenancy', () => {
  it('keeps a small, steady tenant multi-tenant, with every criterion listed', () => {
    const result = recommendTenancy(small);
    expect(result.recommendation.value).toBe('multi-tenant');
    expect(result.criteria.map((c) => c.name)).toEqual([
      'peak worker need', 'burstiness (peak/mean)', 'integration share', 'latency SLO margin', 'noisy-neighbour sensitivity', 'declared isolation need',
    ]);
  });

  it('makes a declared isolation need decisive', () => {
    expect(recommendTenancy({ ...small, isolationRequired: true, isolationReason: 'customer contract' }).recommendation.value).toBe('dedicated');
  });

  it('computes the noisy-neighbour inflation with the queueing model (saturated pool → unbounded)', () => {
    // 3 workers at λS = 2.4: +50 % load makes λS = 3.6 > 3 — the pool saturates.
    const result = recommendTenancy({ ...small, ratePerS: 8, serviceMeanS: 0.3, targetP95S: 2 });
    const neighbour = result.criteria.find((c) => c.name === 'noisy-neighbour sensitivity');
    expect(neighbour?.points).toBe(3);
    expect(neighbour?.reason).toContain('unbounded');
  });
});
