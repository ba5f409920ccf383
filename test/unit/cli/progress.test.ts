import { describe, expect, it } from 'vitest';
import { createProgressPrinter, formatProgress, progressBar } from '../../../src/cli/progress.js';
import type { Progress } from '../../../src/engine/run-plan.js';

const base: Progress = {
  elapsedS: 30, durationS: 120, rateTarget: 1.5, rateAchieved: 2, inFlight: 3, vus: 6, completed: 40, errors: 1, dropped: 2, p95Ms: 812.4, p95MsByJourney: {},
};

describe('progress line', () => {
  it('draws a bar proportional to elapsed time', () => {
    expect(progressBar(30, 120, 8)).toBe('[##......]');
    expect(progressBar(500, 120, 4)).toBe('[####]');
  });

  it('shows rate, target, p95 and counters', () => {
    expect(formatProgress(base, 1.25)).toBe(
      '[######..................] 30/120 s  rate 1.25/s (target 1.50)  p95 812 ms  done 40  errors 1  dropped 2  VUs 6',
    );
    expect(formatProgress({ ...base, p95Ms: null })).toContain('p95 –');
  });

  it('prints completions per second over the last 10 s, one line per 10 s when not a terminal', () => {
    const lines: string[] = [];
    const stream = { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream;
    const printer = createProgressPrinter(stream, 10);
    // 3 completions per second for 20 s.
    for (let t = 0; t <= 20; t++) printer.update({ ...base, elapsedS: t, completed: 3 * t });
    expect(lines).toHaveLength(3); // t = 0, 10, 20
    expect(lines[2]).toContain('rate 3.00/s');
  });
});
