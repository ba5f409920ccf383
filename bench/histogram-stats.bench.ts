/**
 * The report reads a mean, a deviation and three percentiles from every window's latency histogram
 * (an hour of 1 s windows × journeys × steps is tens of thousands of histograms). This bench times
 * `meanAndDeviation` (one pass over the counts) against hdr-histogram-js's own `mean` +
 * `stdDeviation` getters (a general-purpose iterator over every bucket) on the same histograms,
 * and prints the ratio. Both give the same figures (test/unit/run/histogram.test.ts).
 */
import { meanAndDeviation, newHistogram, type Histogram } from '../src/run/histogram.js';

/** Deterministic pseudo-random latencies (µs): a log-normal-ish body with a long tail, as Odoo's. */
function windowHistogram(seed: number, n: number): Histogram {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const h = newHistogram();
  for (let i = 0; i < n; i++) h.recordValue(Math.round(200_000 * Math.exp(1.2 * (next() + next() + next() - 1.5)) + (next() < 0.02 ? 8_000_000 * next() : 0)));
  return h;
}

function time(label: string, histograms: Histogram[], read: (h: Histogram) => number): { ms: number; checksum: number } {
  const started = performance.now();
  let checksum = 0;
  for (const h of histograms) checksum += read(h);
  const ms = performance.now() - started;
  process.stdout.write(`${label.padEnd(34)} ${ms.toFixed(1).padStart(8)} ms per ${histograms.length} histograms\n`);
  return { ms, checksum };
}

export async function run(): Promise<void> {
  const histograms = Array.from({ length: 1200 }, (_, i) => windowHistogram(i + 1, 5 + (i % 40)));
  const library = time('hdr-histogram-js mean + stdDeviation', histograms, (h) => h.mean + h.stdDeviation);
  const ours = time('meanAndDeviation (one pass)', histograms, (h) => {
    const { mean, stdDeviation } = meanAndDeviation(h);
    return mean + stdDeviation;
  });
  process.stdout.write(`speed-up: ${(library.ms / ours.ms).toFixed(1)}× (same figures: checksums differ by ${(Math.abs(library.checksum - ours.checksum) / library.checksum).toExponential(1)} relative)\n`);
  for (const h of histograms) h.destroy();
}
