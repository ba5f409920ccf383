/**
 * Building profiles from profiles (pure): keep some journeys, scale journeys, overlay several
 * profiles on one clock. Used by peak-season and distribution-day; usable in user profiles.
 *
 * overlay: the day is cut at every phase boundary of every part; each piece gets the sum of
 * what the parts do in it.
 *
 *   part A   |── early ──|── peak ──|
 *   part B          |───── shift ──────────|
 *   overlay  |early |early-shift|peak-shift|shift|
 *
 * Linear rates stay linear when cut (the value at the cut is interpolated), users add up and
 * bursts are carried over as they are (clock-anchored, so their batch times do not move). A
 * batch that a cut would split is a programming error: overlay throws rather than lose it.
 */
import { clockSeconds } from './clock.js';
import { batchCount } from './totals.js';
import type { Burst, Profile, ProfilePhase, RateRamp } from './types.js';

/** `HH:MM` of seconds since midnight. */
function clockOf(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds - h * 3600) / 60);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Has the phase any load (rates, bursts or users)? */
function hasLoad(phase: ProfilePhase): boolean {
  return Object.keys(phase.rates ?? {}).length + Object.keys(phase.bursts ?? {}).length + Object.keys(phase.users ?? {}).length > 0;
}

/** Merge per-journey records, refusing two different values for one journey. */
function mergeRecords<T>(field: string, records: ReadonlyArray<Record<string, T> | undefined>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const record of records) {
    for (const [journey, value] of Object.entries(record ?? {})) {
      const existing = out[journey];
      if (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(value)) {
        throw new Error(`overlay: ${field}["${journey}"] differs between the parts: ${JSON.stringify(existing)} vs ${JSON.stringify(value)}`);
      }
      out[journey] = value;
    }
  }
  return out;
}

/** The profile with only the named journeys' load, SLOs, params and pacing (phases left empty are dropped). */
export function onlyJourneys(profile: Profile, journeys: readonly string[]): Profile {
  const keep = <T>(record: Record<string, T> | undefined): Record<string, T> | undefined =>
    record === undefined ? undefined : Object.fromEntries(Object.entries(record).filter(([j]) => journeys.includes(j)));
  const phases = profile.phases
    .map((p) => strip({ ...p, rates: keep(p.rates), bursts: keep(p.bursts), users: keep(p.users) }))
    .filter(hasLoad);
  return strip({ ...profile, phases, slos: keep(profile.slos) ?? {}, params: keep(profile.params), pacing: keep(profile.pacing) });
}

/**
 * The profile with each named journey's load multiplied: rates and batch sizes × factor, users ×
 * factor rounded to whole people. Connector threads are not scaled.
 */
export function scaleJourneys(profile: Profile, factors: Readonly<Record<string, number>>): Profile {
  const f = (journey: string) => factors[journey] ?? 1;
  const phases = profile.phases.map((p) =>
    strip({
      ...p,
      rates: mapValues(p.rates, (r, j): RateRamp => ({ from: r.from * f(j), to: r.to * f(j) })),
      bursts: mapValues(p.bursts, (bs, j): Burst[] => bs.map((b) => ({ ...b, size: b.size * f(j) }))),
      users: mapValues(p.users, (u, j) => Math.round(u * f(j))),
    }),
  );
  return { ...profile, phases };
}

/** Several profiles on one clock (see the chart above); `meta` names the result. */
export function overlay(meta: Pick<Profile, 'name' | 'description'>, parts: readonly Profile[]): Profile {
  const all = parts.flatMap((part) => part.phases);
  const cuts = [...new Set(all.flatMap((p) => [clockSeconds(p.start), clockSeconds(p.end)]))].sort((a, b) => a - b);
  const phases: ProfilePhase[] = [];
  const used = new Map<string, number>();
  for (let i = 0; i + 1 < cuts.length; i += 1) {
    const a = cuts[i] as number;
    const b = cuts[i + 1] as number;
    const covering = all.filter((p) => clockSeconds(p.start) <= a && b <= clockSeconds(p.end));
    if (covering.length === 0) continue;
    const piece: ProfilePhase = { name: '', start: clockOf(a), end: clockOf(b) };
    const rates: Record<string, RateRamp> = {};
    const bursts: Record<string, Burst[]> = {};
    const users: Record<string, number> = {};
    for (const phase of covering) {
      const s = clockSeconds(phase.start);
      const e = clockSeconds(phase.end);
      for (const [journey, r] of Object.entries(phase.rates ?? {})) {
        const at = (t: number) => r.from + ((r.to - r.from) * (t - s)) / (e - s);
        const sum = rates[journey] ?? { from: 0, to: 0 };
        rates[journey] = { from: sum.from + at(a), to: sum.to + at(b) };
      }
      for (const [journey, list] of Object.entries(phase.bursts ?? {})) bursts[journey] = [...(bursts[journey] ?? []), ...list];
      for (const [journey, n] of Object.entries(phase.users ?? {})) users[journey] = (users[journey] ?? 0) + n;
    }
    const base = [...new Set(covering.map((p) => p.name))].join('-');
    const count = (used.get(base) ?? 0) + 1;
    used.set(base, count);
    piece.name = count === 1 ? base : `${base}-${count}`;
    const built = strip({ ...piece, rates: nonEmpty(rates), bursts: nonEmpty(bursts), users: nonEmpty(users) });
    if (hasLoad(built)) phases.push(built);
  }
  checkBatchesKept(all, phases);
  return strip({
    ...meta,
    phases,
    slos: mergeRecords('slos', parts.map((p) => p.slos)),
    params: nonEmpty(mergeRecords('params', parts.map((p) => p.params))),
    pacing: nonEmpty(mergeRecords('pacing', parts.map((p) => p.pacing))),
  });
}

/** Every batch of the parts is still a whole batch of some piece. */
function checkBatchesKept(before: readonly ProfilePhase[], after: readonly ProfilePhase[]): void {
  const count = (phases: readonly ProfilePhase[]) =>
    phases.reduce((n, p) => n + Object.values(p.bursts ?? {}).flat().reduce((m, b) => m + batchCount(p, b), 0), 0);
  const kept = after.reduce((n, p) => n + Object.values(p.bursts ?? {}).flat().reduce((m, b) => m + batchCount(p, b), 0), 0);
  if (kept !== count(before)) throw new Error(`overlay: a phase boundary splits a burst's batch (${count(before)} batches before, ${kept} after)`);
}

function mapValues<T, U>(record: Record<string, T> | undefined, fn: (value: T, key: string) => U): Record<string, U> | undefined {
  return record === undefined ? undefined : Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fn(v, k)]));
}

function nonEmpty<T>(record: Record<string, T>): Record<string, T> | undefined {
  return Object.keys(record).length === 0 ? undefined : record;
}

/** Drop keys whose value is undefined (profiles are plain data; strict validation and JSON round trips stay clean). */
function strip<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
