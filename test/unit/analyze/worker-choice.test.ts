/** The worker count from the what-if table: never below a tested count that missed, and the cores named when no count meets. */
import { describe, expect, it } from 'vitest';
import { chooseWorkers } from '../../../src/analyze/worker-choice.js';
import type { WhatIfTable } from '../../../src/analyze/what-if.js';

function table(p95ByWorkers: Record<number, number>, tested: number): WhatIfTable {
  return {
    cores: 2,
    reason: 'test',
    rows: Object.entries(p95ByWorkers).map(([w, p95Ms]) => ({
      workers: Number(w),
      utilization: 0.5,
      cpuUtilization: 0.5,
      journeys: [{ journey: 'order', p95Ms, count: 100 }],
      longestBacklogS: 0,
      tested: Number(w) === tested,
      recommended: false,
    })),
  };
}

describe('chooseWorkers', () => {
  it('takes the fewest workers meeting the objective', () => {
    expect(chooseWorkers({ table: table({ 2: 9000, 3: 4000, 4: 3900 }, 4), objectivesMs: { order: 5000 }, testedMissed: false, sizedWorkers: 2 })?.value).toBe(3);
  });

  it('never goes below a tested count that missed, even when the model says fewer would do', () => {
    const choice = chooseWorkers({ table: table({ 2: 3000, 3: 2800, 4: 2700 }, 3), objectivesMs: { order: 5000 }, testedMissed: true, sizedWorkers: 2 });
    expect(choice?.value).toBe(3);
    expect(choice?.reason).toContain('more evidence');
  });

  it('names the cores when no worker count meets the objective', () => {
    const choice = chooseWorkers({ table: table({ 2: 9000, 4: 8000, 8: 8100 }, 2), objectivesMs: { order: 5000 }, testedMissed: true, sizedWorkers: 3 });
    expect(choice?.value).toBe(3);
    expect(choice?.reason).toContain('add CPU cores');
  });
});
