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
