/** The field checks every executor's `validate` shares; each problem names its field and what was given. */

export const got = (v: unknown): string => `got ${JSON.stringify(v) ?? String(v)}`;
export const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
/** Seconds or a rate: finite and ≥ 0. */
export const isNonNegative = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
export const isPositive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

export function checkJourney(journey: unknown): string[] {
  return typeof journey === 'string' && journey !== '' ? [] : [`journey: expected a journey name, ${got(journey)}`];
}

/** `stages`: at least one, each `durationS` > 0 and a target that `target` accepts (`expected` says what it wants). */
export function checkStages(stages: unknown, target: (v: unknown) => boolean, expected: string): string[] {
  if (!Array.isArray(stages) || stages.length === 0) return ['stages: expected at least one stage {durationS, target}'];
  return (stages as Array<{ durationS?: unknown; target?: unknown }>).flatMap((stage, i) => [
    ...(isPositive(stage.durationS) ? [] : [`stages[${i}].durationS: expected seconds > 0, ${got(stage.durationS)}`]),
    ...(target(stage.target) ? [] : [`stages[${i}].target: expected ${expected}, ${got(stage.target)}`]),
  ]);
}

export function checkOptionalSeconds(field: string, v: unknown): string[] {
  return v === undefined || isNonNegative(v) ? [] : [`${field}: expected seconds ≥ 0, ${got(v)}`];
}

/** The VU pool and graceful stop of the arrival-rate executors. */
export function checkVuPool(config: { preAllocatedVUs?: unknown; maxVUs?: unknown; gracefulStopS?: unknown }): string[] {
  const problems: string[] = [];
  const { preAllocatedVUs, maxVUs } = config;
  if (!isCount(preAllocatedVUs)) problems.push(`preAllocatedVUs: expected a whole number ≥ 0, ${got(preAllocatedVUs)}`);
  if (!(isCount(maxVUs) && maxVUs >= 1)) problems.push(`maxVUs: expected a whole number ≥ 1, ${got(maxVUs)}`);
  else if (isCount(preAllocatedVUs) && maxVUs < preAllocatedVUs) problems.push(`maxVUs: expected ≥ preAllocatedVUs (${preAllocatedVUs}), ${got(maxVUs)}`);
  return [...problems, ...checkOptionalSeconds('gracefulStopS', config.gracefulStopS)];
}

/** Stages cut to their first `seconds`: later stages dropped, the one running then shortened. */
export function cutStages<T extends { durationS: number }>(stages: readonly T[], seconds: number): T[] {
  const out: T[] = [];
  let t = 0;
  for (const stage of stages) {
    if (t >= seconds) break;
    out.push({ ...stage, durationS: Math.min(stage.durationS, seconds - t) });
    t += stage.durationS;
  }
  return out;
}
