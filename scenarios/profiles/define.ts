/**
 * The typed profile API for profile files of your own (TypeScript or JavaScript):
 *
 *   // my-profile.ts — run it with `odoo-capacity run ./my-profile.ts …`
 *   import { defineProfile } from 'odoo-capacity/profiles';
 *   export default defineProfile({
 *     name: 'my-monday',
 *     description: 'Monday 08:00–10:00: 400 orders/h from the web shop.',
 *     phases: [{ name: 'rush', start: '08:00', end: '10:00', rates: { 'order-entry': { from: 400, to: 400 } } }],
 *     slos: { 'order-entry': { p95Ms: 3000 } },
 *   });
 *
 * `defineProfile` only gives the editor the types; the loader (./load.ts) validates the file.
 * The loader resolves the import `odoo-capacity/profiles` (and `odoo-capacity`) to this module,
 * wherever the file lives. The same helpers as the shipped profiles are here: overlay,
 * onlyJourneys, scaleJourneys.
 */
import type { Profile } from './types.js';

export type { Burst, Count, JourneyParams, Pacing, Profile, ProfilePhase, RateRamp, Slo } from './types.js';
export { onlyJourneys, overlay, scaleJourneys } from './compose.js';

/** Identity: returns `profile` as it is, typed. */
export function defineProfile(profile: Profile): Profile {
  return profile;
}
