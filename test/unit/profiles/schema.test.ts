import { describe, expect, it } from 'vitest';
import { getProfile, profiles } from '../../../scenarios/profiles/index.js';
import { morningOrderWave } from '../../../scenarios/profiles/morning-order-wave.js';
import { journeys } from '../../../scenarios/journeys/index.js';
import { PARAM_KEYS, ProfileError, validateProfile } from '../../../scenarios/profiles/schema.js';
import type { Profile } from '../../../scenarios/profiles/types.js';

/** The problem lines validateProfile reports for `value`, or [] when it is valid. */
function problems(value: unknown, file = 'my-profile.yaml'): string[] {
  try {
    validateProfile(value, file);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ProfileError);
    const profileError = error as ProfileError;
    expect(profileError.code).toBe('PROFILE_INVALID');
    expect(profileError.message).toBe(profileError.problems.join('\n'));
    return [...profileError.problems];
  }
}

/** A mutable deep copy of the shipped profile, to break. */
function copy(): Profile {
  return structuredClone(morningOrderWave);
}

describe('validateProfile', () => {
  it('accepts every shipped profile and returns it unchanged', () => {
    for (const [name, profile] of Object.entries(profiles)) {
      expect(profile.name).toBe(name);
      expect(validateProfile(profile, `scenarios/profiles/${name}.ts`)).toEqual(profile);
    }
  });

  it('reports a phase that ends before it starts, with the start it must follow', () => {
    const p = copy();
    p.phases[1] = { ...p.phases[1]!, start: '08:00', end: '07:30' };
    p.phases[0]!.end = '08:00';
    expect(problems(p)).toEqual(['my-profile.yaml: phases[1].end: expected HH:MM after start 08:00, got "07:30"']);
  });

  it('reports badly written clock times', () => {
    const p = copy();
    p.phases[0]!.start = '6:00';
    p.phases[3]!.end = '24:30';
    expect(problems(p)).toEqual([
      'my-profile.yaml: phases[0].start: expected HH:MM, got "6:00"',
      'my-profile.yaml: phases[3].end: expected HH:MM, got "24:30"',
    ]);
  });

  it('reports phases out of order or overlapping', () => {
    const p = copy();
    p.phases[2]!.start = '07:45';
    expect(problems(p)).toEqual([
      'my-profile.yaml: phases[2].start: expected HH:MM at or after the end of phase "ramp" 08:00, got "07:45"',
    ]);
    const swapped = copy();
    swapped.phases = [swapped.phases[1]!, swapped.phases[0]!];
    expect(problems(swapped, 'wave.json')).toEqual([
      'wave.json: phases[1].start: expected HH:MM at or after the end of phase "ramp" 08:00, got "06:00"',
    ]);
  });

  it('allows gaps between phases and midnight as an end', () => {
    const p = copy();
    p.phases[3] = { ...p.phases[3]!, start: '22:00', end: '24:00' };
    expect(problems(p)).toEqual([]);
  });

  it('reports negative and infinite rates, and SLOs out of range, each on its own line', () => {
    const p = copy();
    p.phases[0]!.rates!['order-to-delivery'] = { from: -1, to: Infinity };
    p.slos['order-to-delivery'] = { p95Ms: 0, maxErrorRate: 1.5 };
    expect(problems(p)).toEqual([
      'my-profile.yaml: phases[0].rates["order-to-delivery"].from: expected a finite number ≥ 0 (iterations per hour), got -1',
      'my-profile.yaml: phases[0].rates["order-to-delivery"].to: expected a finite number ≥ 0 (iterations per hour), got Infinity',
      'my-profile.yaml: slos["order-to-delivery"].p95Ms: expected a number of milliseconds > 0, got 0',
      'my-profile.yaml: slos["order-to-delivery"].maxErrorRate: expected a share between 0 and 1, got 1.5',
    ]);
  });

  it('rejects unknown keys at every level, naming the allowed ones', () => {
    const p = { ...copy(), colour: 'red' } as Record<string, unknown>;
    const phases = (p.phases as Array<Record<string, unknown>>);
    phases[0] = { ...phases[0], repeat: 2 };
    expect(problems(p)).toEqual([
      'my-profile.yaml: phases[0].repeat: expected one of name, start, end, rates, bursts, users, got 2',
      'my-profile.yaml: colour: expected one of name, description, phases, slos, params, pacing, journeys, got "red"',
    ]);
  });

  it('reports missing fields, wrong types, bad journey names and SLOs for journeys without rates', () => {
    expect(problems(42)).toEqual(['my-profile.yaml: (top level): expected an object, got 42']);
    expect(problems({ description: 'd', phases: 'all day', slos: {} })).toEqual([
      'my-profile.yaml: name: expected a kebab-case name, got nothing',
      'my-profile.yaml: phases: expected a list of phases, got "all day"',
    ]);
    const p = copy();
    p.phases[0]!.rates!['Order_Entry'] = { from: 1, to: 2 };
    expect(problems(p)).toEqual(['my-profile.yaml: phases[0].rates.Order_Entry: expected a kebab-case journey name, got "Order_Entry"']);
    const q = copy();
    q.slos['order-to-deliv'] = { p95Ms: 2000 };
    expect(problems(q)).toEqual([
      'my-profile.yaml: slos["order-to-deliv"]: expected a journey the phases give a load (order-to-delivery), got {"p95Ms":2000}',
    ]);
  });
});

describe('getProfile', () => {
  it('finds shipped profiles by name and names the known ones otherwise', () => {
    expect(getProfile('morning-order-wave')).toBe(morningOrderWave);
    expect(() => getProfile('evening')).toThrow(
      'profile: expected one of barcode-shift, distribution-day, edi-burst, month-end-close, morning-order-wave, ' +
        'morning-order-wave-full, peak-season, replenishment-night, got "evening"',
    );
    expect(() => getProfile('toString')).toThrow(ProfileError);
  });
});

describe('validateProfile: bursts, users, params and pacing', () => {
  const base = (): Profile => ({
    name: 'dock',
    description: 'EDI and scanners.',
    phases: [
      {
        name: 'day',
        start: '08:00',
        end: '12:00',
        bursts: { 'edi-order-import': [{ everyMin: 30, size: 500, spreadMin: 10, threads: 4 }] },
        users: { 'barcode-pick': 10 },
      },
    ],
    slos: { 'edi-order-import': { p95Ms: 8000 } },
    params: { 'edi-order-import': { linesPerOrder: { distribution: 'poisson', mean: 12 } } },
    pacing: { 'barcode-pick': { thinkTimeS: 80, iterationS: 40 } },
  });

  it('accepts a phase with only bursts and users', () => {
    expect(problems(base())).toEqual([]);
  });

  it('reports a batch longer than its interval, an offset past it, and fractional threads', () => {
    const p = base();
    p.phases[0]!.bursts!['edi-order-import'] = [{ everyMin: 30, size: 500, spreadMin: 45, offsetMin: 30, threads: 2.5 }];
    expect(problems(p)).toEqual([
      'my-profile.yaml: phases[0].bursts["edi-order-import"][0].threads: expected a whole number of threads ≥ 1, got 2.5',
    ]);
    p.phases[0]!.bursts!['edi-order-import'] = [{ everyMin: 30, size: 500, spreadMin: 45, offsetMin: 30 }];
    expect(problems(p)).toEqual([
      'my-profile.yaml: phases[0].bursts["edi-order-import"][0].spreadMin: expected minutes ≤ everyMin 30 (one batch at a time), got 45',
      'my-profile.yaml: phases[0].bursts["edi-order-import"][0].offsetMin: expected minutes < everyMin 30, got 30',
    ]);
  });

  it('reports fractional users, a journey with users but no pacing, and pacing without users', () => {
    const p = base();
    p.phases[0]!.users = { 'barcode-pick': 2.5, receipt: 3 };
    p.pacing = { 'barcode-pick': { thinkTimeS: 80, iterationS: 40 }, 'stock-inquiry': { thinkTimeS: 5, iterationS: 1 } };
    expect(problems(p)).toEqual([
      'my-profile.yaml: phases[0].users["barcode-pick"]: expected a whole number of users ≥ 0, got 2.5',
    ]);
    p.phases[0]!.users = { 'barcode-pick': 2, receipt: 3 };
    expect(problems(p)).toEqual([
      'my-profile.yaml: pacing.receipt: expected { thinkTimeS, iterationS } for a journey with users, got nothing',
      'my-profile.yaml: pacing["stock-inquiry"]: expected a journey with users in a phase (barcode-pick, receipt), got {"thinkTimeS":5,"iterationS":1}',
    ]);
  });

  it('reports misspelt params keys, unknown distributions and params for journeys without load', () => {
    const p = base() as unknown as { params: Record<string, Record<string, unknown>> };
    p.params['edi-order-import'] = { linesPerOrdr: 12 };
    p.params['order-entry'] = { linesPerOrder: { distribution: 'normal', mean: 5 } };
    expect(problems(p)).toEqual([
      "my-profile.yaml: params[\"order-entry\"].linesPerOrder: expected a number ≥ 0 or { distribution: 'poisson' | 'lognormal' | 'empirical', … }, " +
        'got {"distribution":"normal","mean":5}',
      'my-profile.yaml: params["order-entry"]: expected a journey the phases give a load (edi-order-import, barcode-pick), got {"linesPerOrder":{"distribution":"normal","mean":5}}',
      'my-profile.yaml: params["edi-order-import"].linesPerOrdr: expected a param edi-order-import reads (batchSize, linesPerOrder), got 12',
    ]);
    p.params['edi-order-import'] = { linesPerOrder: 12 };
    p.params['order-entry'] = { linesPerOrder: 5 };
    expect(problems(p)).toEqual([
      'my-profile.yaml: params["order-entry"]: expected a journey the phases give a load (edi-order-import, barcode-pick), got {"linesPerOrder":5}',
    ]);
  });

  it('refuses a param the journey does not read, naming the ones it does (a profile must not claim what the load does not do)', () => {
    const p = base() as unknown as { params: Record<string, Record<string, unknown>> };
    p.params['edi-order-import'] = { linesPerOrder: 12, qtyPerLine: 3 };
    p.params['barcode-pick'] = { linesPerPicking: 4, productsPerInquiry: 2 };
    expect(problems(p)).toEqual([
      'my-profile.yaml: params["edi-order-import"].qtyPerLine: expected a param edi-order-import reads (batchSize, linesPerOrder), got 3',
      'my-profile.yaml: params["barcode-pick"].productsPerInquiry: expected a param barcode-pick reads (linesPerPicking, scansPerLine, scanIntervalS, shortPickRate), got 2',
    ]);
  });

  it('checks a declared param by its kind: a share, a choice', () => {
    const p = base() as unknown as { params: Record<string, Record<string, unknown>> };
    p.params['barcode-pick'] = { shortPickRate: 1.5 };
    expect(problems(p)).toEqual(['my-profile.yaml: params["barcode-pick"].shortPickRate: expected a share 0–1, got 1.5']);
  });

  it('reports empirical weights that do not match the values', () => {
    const p = base();
    p.params = { 'edi-order-import': { linesPerOrder: { distribution: 'empirical', values: [1, 5, 20], weights: [1, 1] } } };
    expect(problems(p)).toEqual([
      'my-profile.yaml: params["edi-order-import"].linesPerOrder.weights: expected 3 weights, one per value, got [1,1]',
    ]);
  });
});


describe('journey params: the schema and the journeys agree', () => {
  it('lists exactly the params the built-in journeys declare, each with the kind its check expects', () => {
    const declared = new Map<string, string>();
    for (const journey of Object.values(journeys)) for (const [name, spec] of Object.entries(journey.params ?? {})) declared.set(name, spec.kind);
    expect([...declared.keys()].sort()).toEqual([...PARAM_KEYS].sort());
    expect(Object.fromEntries(declared)).toMatchObject({ linesPerOrder: 'count', scanIntervalS: 'seconds', shortPickRate: 'share', mode: 'choice' });
  });
});
