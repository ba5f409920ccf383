import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approximateResponseTimePercentile } from '../../../models/mgc.js';
import { workersForTarget } from '../../../models/workers-needed.js';

// M/M/c response-time p95 for λ = 2.4/s, S = 0.31 s, computed independently (Python 3 + SciPy 1.17,
// brentq on the exact mixture tail (1−C)e^{−μt} + C(θe^{−μt} − μe^{−θt})/(θ − μ) = 0.05):
//   c = 2 → 1.045045 s,  c = 3 → 0.938934 s,  c = 4 → 0.929698 s;  S alone: −ln(0.05)·0.31 = 0.928677 s.
describe('workersForTarget', () => {
  it('picks the smallest count meeting the p95 target: 3 workers for 2.4 req/s of 0.31 s, target 1 s', () => {
    const answer = workersForTarget({ ratePerS: 2.4, serviceMeanS: 0.31, targetP95S: 1 });
    expect(answer.value).toBe(3);
    expect(answer.inputs.predictedP95S).toBeCloseTo(0.9389342365590767, 6);
    expect(answer.inputs.utilization).toBeCloseTo(0.248, 12);
    expect(answer.inputs.workersForUtilization).toBe(2); // ⌈0.744 / 0.7⌉
    expect(answer.inputs.decidedBy).toBe('p95-target');
    expect(answer.inputs.isStable).toBe(true);
    expect(answer.reason).toBe(
      'At 2.4 requests/s of 0.31 s each, 3 workers keep p95 at 0.939 s (target 1 s) and utilisation at 25 % (ceiling 70 %). ' +
        'The p95 target decides; the utilisation ceiling alone would need fewer.',
    );
    expect(answer.formula).toContain('Allen–Cunneen');
  });

  it('lets the utilisation ceiling decide when it needs more workers than the target', () => {
    // A = 50 · 0.31 = 15.5 Erlangs; ⌈15.5 / 0.7⌉ = 23
    const answer = workersForTarget({ ratePerS: 50, serviceMeanS: 0.31, serviceScv: 4, targetP95S: 2 });
    expect(answer.value).toBe(23);
    expect(answer.inputs.decidedBy).toBe('utilization-ceiling');
    expect(answer.inputs.utilization).toBeCloseTo(15.5 / 23, 12);
    expect(answer.reason).toContain('utilisation at 67 % (ceiling 70 %)');
  });

  it('does not round a load that exactly fills the ceiling up to one more worker', () => {
    expect(workersForTarget({ ratePerS: 7, serviceMeanS: 1, targetP95S: 100 }).value).toBe(10);
  });

  it('keeps the queue stable at a 100 % ceiling: 2 Erlangs need 3 workers, not 2', () => {
    const answer = workersForTarget({ ratePerS: 2, serviceMeanS: 1, targetP95S: 1000, maxUtilization: 1 });
    expect(answer.value).toBe(3);
    expect(answer.inputs.isStable).toBe(true);
  });

  it('says no worker count can meet a target below the service time’s own p95, and uses the ceiling', () => {
    const answer = workersForTarget({ ratePerS: 2.4, serviceMeanS: 0.31, targetP95S: 0.5 });
    expect(answer.value).toBe(2);
    expect(answer.inputs.targetReachable).toBe(false);
    expect(answer.inputs.decidedBy).toBe('unreachable-target');
    expect(answer.inputs.servicePercentileS).toBeCloseTo(0.9286770048017372, 6);
    expect(answer.reason).toBe(
      'No worker count can meet a p95 of 0.5 s: requests of 0.31 s (service-time SCV 1) have a p95 of 0.929 s on their own, ' +
        'before any queueing. At 2.4 requests/s of 0.31 s each, 2 workers keep utilisation at 37 % (ceiling 70 %), with p95 at 1.05 s.',
    );
  });

  it('also calls a target below the mean service time unreachable', () => {
    const answer = workersForTarget({ ratePerS: 1, serviceMeanS: 0.31, serviceScv: 0, targetP95S: 0.3 });
    expect(answer.inputs.targetReachable).toBe(false);
    expect(answer.value).toBe(1);
  });

  it('needs one worker when nothing arrives', () => {
    const answer = workersForTarget({ ratePerS: 0, serviceMeanS: 0.31, targetP95S: 1 });
    expect(answer.value).toBe(1);
    expect(answer.inputs.utilization).toBe(0);
  });

  it('rejects a ceiling outside (0, 1] with the MODEL_INPUT code', () => {
    expect(() => workersForTarget({ ratePerS: 1, serviceMeanS: 0.3, targetP95S: 1, maxUtilization: 70 })).toThrow(
      'workersForTarget: maxUtilization must be a fraction in (0, 1], got 70',
    );
  });

  it('returns a count that meets both constraints while one fewer misses one (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 40, noNaN: true }),
        fc.double({ min: 0.02, max: 2, noNaN: true }),
        fc.double({ min: 0.1, max: 3, noNaN: true }),
        fc.double({ min: 1.2, max: 10, noNaN: true }),
        fc.double({ min: 0.3, max: 0.95, noNaN: true }),
        (ratePerS, serviceMeanS, serviceScv, targetFactor, maxUtilization) => {
          const targetP95S = serviceMeanS * targetFactor * (1 + serviceScv);
          const answer = workersForTarget({ ratePerS, serviceMeanS, serviceScv, targetP95S, maxUtilization });
          const c = answer.value;
          const p95 = (servers: number): number =>
            approximateResponseTimePercentile({ ratePerS, serviceS: serviceMeanS, servers, serviceScv }, 0.95);
          const load = ratePerS * serviceMeanS;
          if (load / c > maxUtilization + 1e-9) return false;
          if (answer.inputs.targetReachable === true && p95(c) > targetP95S) return false;
          if (c === 1) return true;
          const fewerFails = load / (c - 1) > maxUtilization || load >= c - 1 || (answer.inputs.targetReachable === true && p95(c - 1) > targetP95S);
          return fewerFails;
        },
      ),
      { numRuns: 60 },
    );
  });
});
