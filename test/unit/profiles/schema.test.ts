import { describe, expect, it } from 'vitest';
import { getProfile, profiles } from '../../../scenarios/profiles/index.js';
import { morningOrderWave } from '../../../scenarios/profiles/morning-order-wave.js';
import { ProfileError, validateProfile } from '../../../scenarios/profiles/schema.js';
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
    p.phases[0]!.rates['order-to-delivery'] = { from: -1, to: Infinity };
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
      'my-profile.yaml: phases[0].repeat: expected one of name, start, end, rates, got 2',
      'my-profile.yaml: colour: expected one of name, description, phases, slos, got "red"',
    ]);
  });

  it('reports missing fields, wrong types, bad journey names and SLOs for journeys without rates', () => {
    expect(problems(42)).toEqual(['my-profile.yaml: (top level): expected an object, got 42']);
    expect(problems({ description: 'd', phases: 'all day', slos: {} })).toEqual([
      'my-profile.yaml: name: expected a kebab-case name, got nothing',
      'my-profile.yaml: phases: expected a list of phases, got "all day"',
    ]);
    const p = copy();
    p.phases[0]!.rates['Order_Entry'] = { from: 1, to: 2 };
    expect(problems(p)).toEqual(['my-profile.yaml: phases[0].rates.Order_Entry: expected a kebab-case journey name, got "Order_Entry"']);
    const q = copy();
    q.slos['order-to-deliv'] = { p95Ms: 2000 };
    expect(problems(q)).toEqual([
      'my-profile.yaml: slos["order-to-deliv"]: expected an SLO for a journey the phases give a rate (order-to-delivery), got {"p95Ms":2000}',
    ]);
  });
});

describe('getProfile', () => {
  it('finds shipped profiles by name and names the known ones otherwise', () => {
    expect(getProfile('morning-order-wave')).toBe(morningOrderWave);
    expect(() => getProfile('evening')).toThrow('--profile: expected one of morning-order-wave, got "evening"');
    expect(() => getProfile('toString')).toThrow(ProfileError);
  });
});
