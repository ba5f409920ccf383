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
 * 0 ≤ maxErrorRate ≤ 1; every SLO names a journey that some phase gives a rate.
 *
 * Cross-field checks (order, end after start) run once the fields they compare are well-formed,
 * so a profile with a type error may show more problems after that error is fixed.
 */
import { z } from 'zod';
import { CLOCK_PATTERN, clockToSeconds } from './clock.js';
import { ProfileError, fieldPath, problemLine } from './errors.js';
import type { Profile } from './types.js';

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
const rateValue = z
  .number({ error: 'expected a finite number ≥ 0 (iterations per hour)' })
  .min(0, { error: 'expected a finite number ≥ 0 (iterations per hour)' });

const rateSchema = z.strictObject({ from: rateValue, to: rateValue }, onlyKeys(['from', 'to']));

const phaseSchema = z
  .strictObject(
    {
      name: kebabName,
      start: clock,
      end: clock,
      rates: z.record(kebabName, rateSchema, recordError('expected an object of journey: { from, to }')),
    },
    onlyKeys(['name', 'start', 'end', 'rates']),
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
    },
    onlyKeys(['name', 'description', 'phases', 'slos']),
  )
  .superRefine((profile, ctx) => {
    const journeys = new Set(profile.phases.flatMap((phase) => Object.keys(phase.rates)));
    for (const journey of Object.keys(profile.slos)) {
      if (!journeys.has(journey)) {
        const known = [...journeys].join(', ') || 'none';
        ctx.addIssue({ code: 'custom', path: ['slos', journey], message: `expected an SLO for a journey the phases give a rate (${known})` });
      }
    }
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
