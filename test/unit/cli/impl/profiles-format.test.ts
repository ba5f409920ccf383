import { describe, expect, it } from 'vitest';
import { formatCount, formatList, formatShow, sparkline } from '../../../../src/cli/impl/profiles-format.js';
import { profileTimeline, summarizeProfile } from '../../../../src/engine/profile-summary.js';
import { morningOrderWave } from '../../../../scenarios/profiles/morning-order-wave.js';
import type { Profile } from '../../../../scenarios/profiles/types.js';

const ramp: Profile = {
  name: 'x',
  description: 'Two hours. More text.',
  phases: [{ name: 'a', start: '08:00', end: '10:00', rates: { 'order-entry': { from: 100, to: 300 } } }],
  slos: { 'order-entry': { p95Ms: 3000 } },
};

describe('profiles text', () => {
  it('draws one block per bucket, scaled to the row peak, blank for zero', () => {
    expect(sparkline([0, 1, 4, 8])).toBe(' ▁▄█');
    expect(sparkline([0, 0])).toBe('  ');
    expect(formatCount(8850)).toBe('8 850');
    expect(formatCount(0.25)).toBe('0.3');
  });

  it('averages the rate per bucket: 100 → 300/h over 8 quarter hours', () => {
    const timeline = profileTimeline(ramp, 8);
    expect(timeline.bucketMinutes).toBe(15);
    expect(timeline.bucketStarts.slice(0, 3)).toEqual(['08:00', '08:15', '08:30']);
    timeline.rows[0]!.perHour.forEach((v, i) => expect(v).toBeCloseTo(112.5 + 25 * i, 9));
  });

  it('prints the chart, axis, totals and SLOs', () => {
    const text = formatShow(summarizeProfile(ramp), profileTimeline(ramp, 8), ramp.slos);
    expect(text.split('\n')).toEqual([
      'x  08:00–10:00 (2 h)',
      'Two hours. More text.',
      '',
      'phases: a 08:00–10:00',
      '',
      '             arrivals per hour, each row scaled to its own peak (15 min per column)',
      'order-entry │▄▄▅▆▆▇██│ peak 300/h',
      '            └08:00─────────', // no room for 09:00 at column 4
      '',
      'totals (expected iterations; users at the business pace):',
      '  order-entry 400  (rates)  SLO p95 3 000 ms, errors ≤ 1.0 %',
    ]);
  });

  it('lists a profile on two lines: name, hours, totals, then its first sentence', () => {
    expect(formatList([summarizeProfile(morningOrderWave), summarizeProfile(ramp)])).toBe(
      [
        'morning-order-wave  06:00–10:00 (4 h)  order-to-delivery 780',
        "                    A distributor's morning: sales reps and the web shop enter orders from 06:00, peaking at 300 orders…",
        'x                   08:00–10:00 (2 h)  order-entry 400',
        '                    Two hours.',
      ].join('\n'),
    );
  });
});
