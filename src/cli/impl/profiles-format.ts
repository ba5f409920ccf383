/**
 * Text for `profiles` and `profiles show` (pure: strings in, strings out).
 */
import type { ProfileSummary, ProfileTimeline } from '../../engine/profile-summary.js';

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/**
 * One character per value, scaled to `max` (default: the row's own maximum): a space for 0,
 * else ▁ … █ in eight steps.
 * @example sparkline([0, 1, 4, 8]) // ' ▁▄█'
 */
export function sparkline(values: readonly number[], max = Math.max(0, ...values)): string {
  return values
    .map((v) => {
      if (!(v > 0) || !(max > 0)) return ' ';
      const level = Math.min(BLOCKS.length - 1, Math.max(0, Math.ceil((v / max) * BLOCKS.length) - 1));
      return BLOCKS[level] ?? ' ';
    })
    .join('');
}

/**
 * A count for people: whole numbers with thin thousands separators below 10, one decimal.
 * @example formatCount(8850) // '8 850'
 */
export function formatCount(n: number): string {
  const rounded = Math.abs(n) < 10 && !Number.isInteger(n) ? Math.round(n * 10) / 10 : Math.round(n);
  const [whole, fraction] = String(rounded).split('.');
  const grouped = (whole ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** `4 h`, `30 min`, `1.5 h`. */
export function formatHours(hours: number): string {
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  return `${Math.round(hours * 10) / 10} h`;
}

/** The first sentence of a description, at most `max` characters. */
export function oneLine(text: string, max = 100): string {
  const first = text.split(/(?<=[.!?])\s/)[0] ?? text;
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}

/** `profiles`: two lines per profile. */
export function formatList(summaries: readonly ProfileSummary[]): string {
  const nameWidth = Math.max(...summaries.map((s) => s.name.length));
  return summaries
    .map((s) => {
      const totals = s.journeys.map((j) => `${j.journey} ${formatCount(j.total)}`).join(', ');
      const head = `${s.name.padEnd(nameWidth)}  ${s.start}–${s.end} (${formatHours(s.durationH)})  ${totals}`;
      return `${head}\n${' '.repeat(nameWidth + 2)}${oneLine(s.description)}`;
    })
    .join('\n');
}

/**
 * `profiles show`: header, phases, one chart row per journey (each scaled to its own peak) with
 * the clock on an axis below, then totals, peaks and SLOs.
 */
export function formatShow(summary: ProfileSummary, timeline: ProfileTimeline, slos: Record<string, { p95Ms: number; maxErrorRate?: number }>): string {
  const lines: string[] = [];
  lines.push(`${summary.name}  ${summary.start}–${summary.end} (${formatHours(summary.durationH)})`);
  lines.push(summary.description);
  lines.push('');
  lines.push(`phases: ${summary.phases.map((p) => `${p.name} ${p.start}–${p.end}`).join(', ')}`);
  lines.push('');
  const label = Math.max(...timeline.rows.map((r) => r.journey.length), 7);
  const columns = timeline.bucketStarts.length;
  lines.push(`${''.padEnd(label)}  arrivals per hour, each row scaled to its own peak (${formatCount(timeline.bucketMinutes)} min per column)`);
  for (const row of timeline.rows) {
    const journey = summary.journeys.find((j) => j.journey === row.journey);
    const peak = `peak ${formatCount(journey?.peakPerHour ?? Math.max(...row.perHour))}/h`;
    const users = journey?.peakUsers !== undefined ? `, ${formatCount(journey.peakUsers)} users` : '';
    lines.push(`${row.journey.padEnd(label)} │${sparkline(row.perHour)}│ ${peak}${users}`);
  }
  lines.push(`${''.padEnd(label)} └${axis(timeline.bucketStarts, columns)}`);
  lines.push('');
  const totalWidth = Math.max(...summary.journeys.map((j) => formatCount(j.total).length));
  lines.push('totals (expected iterations; users at the business pace):');
  for (const j of summary.journeys) {
    const slo = slos[j.journey];
    const sloText = slo ? `  SLO p95 ${formatCount(slo.p95Ms)} ms, errors ≤ ${((slo.maxErrorRate ?? 0.01) * 100).toFixed(1)} %` : '';
    lines.push(`  ${j.journey.padEnd(label)} ${formatCount(j.total).padStart(totalWidth)}  (${j.shapes.join(' + ')})${sloText}`);
  }
  return lines.join('\n');
}

/** Clock labels under the chart: a label at a column whenever there is room for it. */
function axis(starts: readonly string[], columns: number): string {
  const chars = new Array<string>(columns + 6).fill('─');
  let free = 0;
  starts.forEach((clock, i) => {
    if (i < free || !clock.endsWith(':00') && i !== 0) return;
    if (i + clock.length > chars.length) return;
    for (let k = 0; k < clock.length; k += 1) chars[i + k] = clock[k] ?? ' ';
    free = i + clock.length + 1;
  });
  return chars.join('');
}
