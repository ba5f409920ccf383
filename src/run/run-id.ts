/**
 * Run ids: `<local date>-<local time>-<profile slug>-<4 hex>`, e.g.
 * `20261123-103512-morning-order-wave-ab12`. They sort chronologically and name the profile,
 * and the random suffix keeps two runs started in the same second apart.
 */
import { randomBytes } from 'node:crypto';

/** Longest profile slug kept in an id (characters). */
const MAX_SLUG = 40;

/** `Morning Order-Wave!` → `morning-order-wave` (lowercase ASCII letters, digits and `-`; `run` when empty). */
export function slugify(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '');
  return slug === '' ? 'run' : slug;
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * A new run id for `profile` started at `now` (local time: the id is for humans; the manifest's
 * `startedAt` is the exact ISO time).
 * @param suffix four hex characters; random by default (injectable for tests).
 */
export function newRunId(profile: string, now: Date = new Date(), suffix: string = randomBytes(2).toString('hex')): string {
  const date = `${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}`;
  const time = `${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}`;
  return `${date}-${time}-${slugify(profile)}-${suffix}`;
}

/** What `newRunId` produces: used to tell run directories from other folders under `runs/`. */
export const RUN_ID_PATTERN = /^\d{8}-\d{6}-[a-z0-9-]+-[0-9a-z]{4}$/;
