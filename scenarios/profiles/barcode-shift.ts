/**
 * Barcode shift — a morning shift of pickers with handheld scanners.
 *
 * The story: the warehouse runs an early shift 06:00–14:00. Ten pickers start at 06:00 to stage
 * the first trucks; at 06:30 the full crew of 40 is on the floor. Each picker takes a picking,
 * scans each line's location and product (2 scans per line, one every 3 s), sets the quantity and
 * validates the picking when done, then walks to the next one. Half the crew takes the break at
 * 10:00–10:30 (20 left), the full crew then works until 14:00.
 *
 * A closed model: people wait for the scanner's answer before the next scan, so Odoo's speed
 * sets their pace. Per picker one picking every 2 minutes at the business pace:
 *   lines per picking lognormal median 6, σ 0.5 (mean 6.8) × 2 scans × 3 s ≈ 40 s of scanning
 *   + 80 s think time (walk, print the label, stage the parcel) = 120 s → 30 pickings per picker-hour.
 *
 *   start   06:00–06:30   10 pickers   150 pickings
 *   morning 06:30–10:00   40 pickers  4 200 pickings
 *   break   10:00–10:30   20 pickers    300 pickings
 *   late    10:30–14:00   40 pickers  4 200 pickings
 *   total   06:00–14:00               8 850 pickings, peak 1 200 pickings/h,
 *           during scanning 40 pickers × one scan per 3 s ≈ 13 scans/s at most
 *
 * SLO: a whole picking (human scanning included: the 95th-percentile picking has 14 lines, 84 s
 * of scanning) within 120 s at p95, at most 1 % failed; a slow Odoo shows as fewer pickings per
 * hour and in the per-step latencies of the scans.
 */
import type { JourneyParams, Pacing, Profile } from './types.js';

/** A picker's pace (shared by every profile with pickers). */
export const BARCODE_PICK_PACING: Readonly<Pacing> = { thinkTimeS: 80, iterationS: 40 };
/** What one picking looks like (shared by every profile with pickers). */
export const BARCODE_PICK_PARAMS: Readonly<JourneyParams> = {
  linesPerPicking: { distribution: 'lognormal', median: 6, sigma: 0.5 },
  scansPerLine: 2,
  scanIntervalS: 3,
};

export const barcodeShift: Profile = {
  name: 'barcode-shift',
  description:
    'An early shift of pickers with scanners, 06:00–14:00: 10 then 40 pickers (20 at the 10:00 break), ' +
    'one picking every 2 minutes each at 2 scans per line — 8 850 pickings, peak 1 200/h.',
  phases: [
    { name: 'start', start: '06:00', end: '06:30', users: { 'barcode-pick': 10 } },
    { name: 'morning', start: '06:30', end: '10:00', users: { 'barcode-pick': 40 } },
    { name: 'break', start: '10:00', end: '10:30', users: { 'barcode-pick': 20 } },
    { name: 'late', start: '10:30', end: '14:00', users: { 'barcode-pick': 40 } },
  ],
  slos: {
    'barcode-pick': { p95Ms: 120_000, maxErrorRate: 0.01 },
  },
  params: {
    'barcode-pick': structuredClone(BARCODE_PICK_PARAMS),
  },
  pacing: {
    'barcode-pick': { ...BARCODE_PICK_PACING },
  },
};
