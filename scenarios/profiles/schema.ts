/**
 * The profile validator. The zod schema below is the validator and is checked against the
 * `Profile` type (`satisfies z.ZodType<Profile>`), so the two cannot drift apart silently.
 *
 * Every problem becomes one line `<file>: <field.path>: expected <what>, got <value>`, e.g.
 *   my-profile.yaml: phases[1].end: expected HH:MM after start 08:00, got "07:30"
 *
 * Checks: unknown keys are rejected at every level; clock times are `HH:MM` (see clock.ts);
 * each phase ends after it starts; phases are in order and do not overlap (gaps are allowed:
 * nothing arrives in them); phase names are unique; rates are finite and ≥ 0; SLO p95 > 0 ms;
 * 0 ≤ maxErrorRate ≤ 1; every SLO and params entry names a journey that some phase loads;
 * bursts: spreadMin ≤ everyMin and ≤ the phase, offsetMin < everyMin; users are whole numbers
 * and every journey with users has a `pacing` entry (and only those); counts are a number or a
 * known distribution; a built-in journey's params are the ones it declares; `journeys` names the
 * user's journey files (their names count as known journeys; the files are read by
 * scenarios/journeys/load.ts).
 *
 * Cross-field checks (order, end after start) run once the fields they compare are well-formed,
 * so a profile with a type error may show more problems after that error is fixed.
 */
import { z } from 'zod';
import { journeyNames, journeys as registeredJourneys } from '../journeys/index.js';
import { CLOCK_PATTERN, clockToSeconds } from './clock.js';
import { fieldPath, problemLine } from '../problems.js';
import { ProfileError } from './errors.js';
import type { JourneyParams, Profile } from './types.js';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `error` option for a strict object: names the allowed keys when an unknown one is found. */
function onlyKeys(keys: readonly string[]): { error: (issue: { code?: string }) => string | undefined } {
  return {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `expected one of ${keys.join(', ')}` : 'expected an object'),
  };
}

/** `error` option for a record keyed by journey names. */
function recordError(expected: string): { error: (issue: { code?: string }) => string } {
  return { error: (issue) => (issue.code === 'invalid_key' ? 'expected a kebab-case journey name' : expected) };
}

const kebabName = z.string({ error: 'expected a kebab-case name' }).regex(KEBAB, { error: 'expected a kebab-case name' });
const clock = z.string({ error: 'expected HH:MM' }).regex(CLOCK_PATTERN, { error: 'expected HH:MM' });
/**
 * Upper bounds that keep every later computation finite and quick: a million iterations an hour
 * (278/s) is far above the run caps (50/s) yet never overflows a plan; a burst at most every
 * minute (faster arrivals are a rate, not a burst).
 */
export const PROFILE_LIMITS = { ratePerHour: 1_000_000, batchSize: 1_000_000, minEveryMin: 1, users: 100_000 } as const;

const rateValue = z
  .number({ error: 'expected a finite number ≥ 0 (iterations per hour)' })
  .min(0, { error: 'expected a finite number ≥ 0 (iterations per hour)' })
  .max(PROFILE_LIMITS.ratePerHour, { error: `expected at most ${PROFILE_LIMITS.ratePerHour} iterations per hour` });

const rateSchema = z.strictObject({ from: rateValue, to: rateValue }, onlyKeys(['from', 'to']));

const positive = (what: string) => z.number({ error: `expected ${what} > 0` }).gt(0, { error: `expected ${what} > 0` });
const nonNegative = (what: string) => z.number({ error: `expected ${what} ≥ 0` }).min(0, { error: `expected ${what} ≥ 0` });
const wholeNonNegative = (what: string) =>
  z.number({ error: `expected a whole number of ${what} ≥ 0` }).int({ error: `expected a whole number of ${what} ≥ 0` }).min(0, {
    error: `expected a whole number of ${what} ≥ 0`,
  });

const burstSchema = z
  .strictObject(
    {
      everyMin: z
        .number({ error: `expected minutes ≥ ${PROFILE_LIMITS.minEveryMin}` })
        .min(PROFILE_LIMITS.minEveryMin, { error: `expected minutes ≥ ${PROFILE_LIMITS.minEveryMin} (faster arrivals are a rate, not a burst)` }),
      size: nonNegative('a number of iterations per batch').max(PROFILE_LIMITS.batchSize, {
        error: `expected at most ${PROFILE_LIMITS.batchSize} iterations per batch`,
      }),
      spreadMin: positive('minutes'),
      offsetMin: nonNegative('minutes').optional(),
      threads: z
        .number({ error: 'expected a whole number of threads ≥ 1' })
        .int({ error: 'expected a whole number of threads ≥ 1' })
        .min(1, { error: 'expected a whole number of threads ≥ 1' })
        .optional(),
    },
    onlyKeys(['everyMin', 'size', 'spreadMin', 'offsetMin', 'threads']),
  )
  .superRefine((burst, ctx) => {
    if (burst.spreadMin > burst.everyMin) {
      ctx.addIssue({ code: 'custom', path: ['spreadMin'], message: `expected minutes ≤ everyMin ${burst.everyMin} (one batch at a time)` });
    }
    if ((burst.offsetMin ?? 0) >= burst.everyMin) {
      ctx.addIssue({ code: 'custom', path: ['offsetMin'], message: `expected minutes < everyMin ${burst.everyMin}` });
    }
  });

const COUNT_EXPECTED = "expected a number ≥ 0 or { distribution: 'poisson' | 'lognormal' | 'empirical', … }";
const countSchema = z.union(
  [
    nonNegative('a number'),
    z.strictObject(
      { distribution: z.literal('poisson'), mean: positive('a mean'), min: nonNegative('a number').optional() },
      onlyKeys(['distribution', 'mean', 'min']),
    ),
    z.strictObject(
      { distribution: z.literal('lognormal'), median: positive('a median'), sigma: nonNegative('a sigma'), max: positive('a number').optional() },
      onlyKeys(['distribution', 'median', 'sigma', 'max']),
    ),
    z
      .strictObject(
        {
          distribution: z.literal('empirical'),
          values: z.array(nonNegative('a number'), { error: 'expected a list of numbers' }).min(1, { error: 'expected at least one value' }),
          weights: z.array(nonNegative('a weight'), { error: 'expected a list of weights' }),
        },
        onlyKeys(['distribution', 'values', 'weights']),
      )
      .superRefine((c, ctx) => {
        if (c.weights.length !== c.values.length) {
          ctx.addIssue({ code: 'custom', path: ['weights'], message: `expected ${c.values.length} weights, one per value` });
        } else if (!(c.weights.reduce((a, b) => a + b, 0) > 0)) {
          ctx.addIssue({ code: 'custom', path: ['weights'], message: 'expected weights with a sum > 0' });
        }
      }),
  ],
  { error: COUNT_EXPECTED },
);

/**
 * Every key some built-in journey declares (scenarios/journeys/*.ts `params`), by its kind; which
 * journey reads which is checked below (a test keeps this list equal to the declarations).
 */
export const PARAM_KEYS = [
  'linesPerOrder', 'qtyPerLine', 'batchSize', 'linesPerPicking', 'scansPerLine', 'scanIntervalS',
  'shortPickRate', 'productsPerInquiry', 'mode',
] as const;
const knownParams = {
  linesPerOrder: countSchema,
  qtyPerLine: countSchema,
  batchSize: countSchema,
  linesPerPicking: countSchema,
  scansPerLine: countSchema,
  scanIntervalS: nonNegative('seconds'),
  shortPickRate: z.number({ error: 'expected a share 0–1' }).min(0, { error: 'expected a share 0–1' }).max(1, { error: 'expected a share 0–1' }),
  productsPerInquiry: countSchema,
  mode: z.enum(['button', 'scheduler'], { error: 'expected button or scheduler' }),
} satisfies Record<(typeof PARAM_KEYS)[number], z.ZodType>;

/** A param of a journey of your own: a number, a text, true or false, or a count distribution. */
const ownParamValue = z.union([z.string(), z.boolean(), countSchema], { error: `expected a text, true or false, ${COUNT_EXPECTED.replace(/^expected /, '')}` });

/**
 * One journey's params: a key some built-in journey reads is checked by its kind here; any other key
 * only as a value (a journey of your own reads what it likes). Which keys a journey takes is a
 * cross-field check below (built-in journeys) and at journey load (your own, scenarios/journeys/load.ts).
 */
const paramsSchema = z.record(z.string(), z.unknown(), { error: 'expected an object of param: value' }).superRefine((params, ctx) => {
  for (const [key, value] of Object.entries(params)) {
    const schema: z.ZodType = Object.hasOwn(knownParams, key) ? knownParams[key as keyof typeof knownParams] : ownParamValue;
    const parsed = schema.safeParse(value);
    if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: [key, ...issue.path], message: issue.message });
  }
}) as unknown as z.ZodType<JourneyParams>; // checked key by key above; JourneyParams is the typed view of the same object

const pacingSchema = z.strictObject(
  { thinkTimeS: nonNegative('seconds'), iterationS: nonNegative('seconds') },
  onlyKeys(['thinkTimeS', 'iterationS']),
);

const PHASE_KEYS = ['name', 'start', 'end', 'rates', 'bursts', 'users'];
const phaseSchema = z
  .strictObject(
    {
      name: kebabName,
      start: clock,
      end: clock,
      rates: z.record(kebabName, rateSchema, recordError('expected an object of journey: { from, to }')).optional(),
      bursts: z
        .record(
          kebabName,
          z.array(burstSchema, { error: 'expected a list of { everyMin, size, spreadMin }' }),
          recordError('expected an object of journey: [{ everyMin, size, spreadMin }]'),
        )
        .optional(),
      users: z.record(kebabName, wholeNonNegative('users').max(PROFILE_LIMITS.users, { error: `expected at most ${PROFILE_LIMITS.users} users` }), recordError('expected an object of journey: number of users')).optional(),
    },
    onlyKeys(PHASE_KEYS),
  )
  .superRefine((phase, ctx) => {
    const start = clockToSeconds(phase.start);
    const end = clockToSeconds(phase.end);
    if (start !== undefined && end !== undefined && end <= start) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: `expected HH:MM after start ${phase.start}` });
    }
  });

const phasesSchema = z
  .array(phaseSchema, { error: 'expected a list of phases' })
  .min(1, { error: 'expected at least one phase' })
  .superRefine((phases, ctx) => {
    const seen = new Set<string>();
    phases.forEach((phase, i) => {
      if (seen.has(phase.name)) {
        ctx.addIssue({ code: 'custom', path: [i, 'name'], message: 'expected a phase name not used before' });
      }
      seen.add(phase.name);
      const previous = phases[i - 1];
      const start = clockToSeconds(phase.start);
      const previousEnd = previous === undefined ? undefined : clockToSeconds(previous.end);
      if (previous !== undefined && start !== undefined && previousEnd !== undefined && start < previousEnd) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'start'],
          message: `expected HH:MM at or after the end of phase "${previous.name}" ${previous.end}`,
        });
      }
    });
  });

const sloSchema = z.strictObject(
  {
    p95Ms: z.number({ error: 'expected a number of milliseconds > 0' }).gt(0, { error: 'expected a number of milliseconds > 0' }),
    maxErrorRate: z
      .number({ error: 'expected a share between 0 and 1' })
      .min(0, { error: 'expected a share between 0 and 1' })
      .max(1, { error: 'expected a share between 0 and 1' })
      .optional(),
  },
  onlyKeys(['p95Ms', 'maxErrorRate']),
);

/** The zod schema of a workload profile; `validateProfile` wraps it with file-named messages. */
export const profileSchema = z
  .strictObject(
    {
      name: kebabName,
      description: z.string({ error: 'expected a text' }).min(1, { error: 'expected a non-empty text' }),
      phases: phasesSchema,
      slos: z.record(kebabName, sloSchema, recordError('expected an object of journey: { p95Ms, maxErrorRate }')),
      params: z.record(kebabName, paramsSchema, recordError('expected an object of journey: { linesPerOrder, … }')).optional(),
      pacing: z.record(kebabName, pacingSchema, recordError('expected an object of journey: { thinkTimeS, iterationS }')).optional(),
      journeys: z
        .record(
          kebabName,
          z.string({ error: 'expected a path to a journey file (.yaml, .json, .ts, .js)' }).regex(/\.(ya?ml|json|m?ts|m?js)$/i, {
            error: 'expected a path to a journey file (.yaml, .json, .ts, .js)',
          }),
          recordError('expected an object of journey name: path to its file'),
        )
        .optional(),
    },
    onlyKeys(['name', 'description', 'phases', 'slos', 'params', 'pacing', 'journeys']),
  )
  .superRefine((profile, ctx) => {
    const journeys = new Set(
      profile.phases.flatMap((p) => [...Object.keys(p.rates ?? {}), ...Object.keys(p.bursts ?? {}), ...Object.keys(p.users ?? {})]),
    );
    // A journey the registry does not have is caught here, before any login (not at the first iteration).
    profile.phases.forEach((phase, i) => {
      for (const kind of ['rates', 'bursts', 'users'] as const) {
        for (const journey of Object.keys(phase[kind] ?? {})) {
          if (!Object.hasOwn(registeredJourneys, journey) && !Object.hasOwn(profile.journeys ?? {}, journey)) {
            const own = Object.keys(profile.journeys ?? {});
            ctx.addIssue({ code: 'custom', path: ['phases', i, kind, journey], message: `expected a known journey (${[...journeyNames(), ...own].join(', ')}) or one named in journeys: { name: path }` });
          }
        }
      }
    });
    const known = [...journeys].join(', ') || 'none';
    for (const [field, record] of [['slos', profile.slos], ['params', profile.params ?? {}]] as const) {
      for (const journey of Object.keys(record)) {
        if (!journeys.has(journey)) {
          ctx.addIssue({ code: 'custom', path: [field, journey], message: `expected a journey the phases give a load (${known})` });
        }
      }
    }
    // A built-in journey takes only the params it declares: a param it does not read would make the
    // profile say the load does something it does not.
    for (const [journey, given] of Object.entries(profile.params ?? {})) {
      if (!Object.hasOwn(registeredJourneys, journey) || Object.hasOwn(profile.journeys ?? {}, journey)) continue;
      const declared = Object.keys(registeredJourneys[journey]?.params ?? {});
      for (const name of Object.keys(given)) {
        if (!declared.includes(name)) {
          const reads = declared.length === 0 ? `${journey} reads no params` : `a param ${journey} reads (${declared.join(', ')})`;
          ctx.addIssue({ code: 'custom', path: ['params', journey, name], message: declared.length === 0 ? `expected none: ${reads}` : `expected ${reads}` });
        }
      }
    }
    const closed = new Set(profile.phases.flatMap((p) => Object.keys(p.users ?? {})));
    const pacing = profile.pacing ?? {};
    for (const journey of closed) {
      if (!Object.hasOwn(pacing, journey)) {
        ctx.addIssue({ code: 'custom', path: ['pacing', journey], message: 'expected { thinkTimeS, iterationS } for a journey with users' });
      }
    }
    for (const journey of Object.keys(pacing)) {
      if (!closed.has(journey)) {
        const names = [...closed].join(', ') || 'none';
        ctx.addIssue({ code: 'custom', path: ['pacing', journey], message: `expected a journey with users in a phase (${names})` });
      }
    }
    profile.phases.forEach((phase, i) => {
      for (const [journey, bursts] of Object.entries(phase.bursts ?? {})) {
        bursts.forEach((burst, j) => {
          const start = clockToSeconds(phase.start);
          const end = clockToSeconds(phase.end);
          if (start !== undefined && end !== undefined && end > start && burst.spreadMin * 60 > end - start) {
            ctx.addIssue({
              code: 'custom',
              path: ['phases', i, 'bursts', journey, j, 'spreadMin'],
              message: `expected minutes ≤ the phase length ${(end - start) / 60}`,
            });
          }
        });
      }
    });
  }) satisfies z.ZodType<Profile>;

/** The value found at `path` inside `root`, or undefined. */
function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value: unknown = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * The problem lines for a zod error, in the order zod found them.
 * Unknown keys give one line each, with the key in the path.
 */
export function profileProblems(error: z.ZodError, input: unknown, file: string): string[] {
  const lines: string[] = [];
  for (const issue of error.issues) {
    const expected = issue.message.startsWith('expected') ? issue.message : `expected ${issue.message}`;
    if (issue.code === 'invalid_key') {
      // The problem is the key itself: show it, not its value.
      lines.push(problemLine(file, fieldPath(issue.path), expected, issue.path[issue.path.length - 1]));
    } else if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        lines.push(problemLine(file, fieldPath(path), expected, valueAt(input, path)));
      }
    } else {
      lines.push(problemLine(file, fieldPath(issue.path), expected, valueAt(input, issue.path)));
    }
  }
  return lines;
}

/**
 * Validate an untrusted value (parsed YAML/JSON, or a TypeScript profile) as a Profile.
 * @param file how to name the source in messages, e.g. `profiles/my-profile.yaml`.
 * @throws ProfileError code `PROFILE_INVALID`, one message line per problem.
 */
export function validateProfile(value: unknown, file: string): Profile {
  const result = profileSchema.safeParse(value);
  if (result.success) return result.data;
  throw new ProfileError('PROFILE_INVALID', profileProblems(result.error, value, file));
}

export { ProfileError } from './errors.js';
