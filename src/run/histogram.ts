/**
 * Latency histograms: HdrHistogram (hdr-histogram-js), values in microseconds, 3 significant
 * digits, auto-resizing. Stored as compressed base64 so windows and shards merge without loss.
 */
import * as hdr from 'hdr-histogram-js';

export type Histogram = hdr.Histogram;

/** A new empty latency histogram (µs, 3 significant digits, pure JS — no WebAssembly to initialise). */
export function newHistogram(): Histogram {
  return hdr.build({
    bitBucketSize: 32,
    autoResize: true,
    lowestDiscernibleValue: 1,
    highestTrackableValue: 2,
    numberOfSignificantValueDigits: 3,
    useWebAssembly: false,
  });
}

/** Encodes a histogram as HdrHistogram's compressed base64 (V2 encoding, deflate). */
export function encodeHistogram(histogram: Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

/** Decodes a histogram written by `encodeHistogram` (or any HdrHistogram implementation). */
export function decodeHistogram(base64: string): Histogram {
  return hdr.decodeFromCompressedBase64(base64, 32, false);
}

/** Adds every encoded histogram into one (lossless merge). */
export function mergeEncoded(encoded: Iterable<string>): Histogram {
  const total = newHistogram();
  for (const e of encoded) {
    const h = decodeHistogram(e);
    total.add(h);
    h.destroy();
  }
  return total;
}

/** The counts-array methods every pure-JS HdrHistogram has (JsHistogram), beyond the public interface. */
interface CountsArray {
  totalCount: number;
  maxValue: number;
  countsArrayIndex(value: number): number;
  getCountAtIndex(index: number): number;
  valueFromIndex(index: number): number;
  medianEquivalentValue(value: number): number;
}

/**
 * Mean and population standard deviation of a histogram, each value at its bucket's median
 * equivalent value — the figures of hdr-histogram-js's `mean` and `stdDeviation`, in one pass over
 * the counts up to the largest value. (Why not the library's getters: they walk every bucket with
 * a general-purpose iterator, which made a one-hour report spend most of its time in `mean`.)
 * @example meanAndDeviation(h) // { mean: 1530.5, stdDeviation: 402.1 } (µs)
 */
export function meanAndDeviation(histogram: Histogram): { mean: number; stdDeviation: number } {
  const h = histogram as unknown as CountsArray;
  if (h.totalCount === 0) return { mean: 0, stdDeviation: 0 };
  const last = h.countsArrayIndex(h.maxValue);
  let sum = 0;
  let sumOfSquares = 0;
  for (let i = 0; i <= last; i++) {
    const count = h.getCountAtIndex(i);
    if (count === 0) continue;
    const value = h.medianEquivalentValue(h.valueFromIndex(i));
    sum += value * count;
    sumOfSquares += value * value * count;
  }
  const mean = sum / h.totalCount;
  // Two-pass-free variance: E[x²] − mean², clamped at 0 against rounding.
  const variance = Math.max(0, sumOfSquares / h.totalCount - mean * mean);
  return { mean, stdDeviation: Math.sqrt(variance) };
}
