/**
 * The named workload profiles shipped with odoo-capacity, by `Profile.name`.
 * Profiles of your own: see ./define.ts (TypeScript) and ./load.ts (files, YAML).
 */
import { barcodeShift } from './barcode-shift.js';
import { distributionDay } from './distribution-day.js';
import { ediBurst } from './edi-burst.js';
import { ProfileError } from './errors.js';
import { monthEndClose } from './month-end-close.js';
import { morningOrderWave, morningOrderWaveFull } from './morning-order-wave.js';
import { peakSeason } from './peak-season.js';
import { replenishmentNight } from './replenishment-night.js';
import type { Profile } from './types.js';

export const profiles: Record<string, Profile> = Object.fromEntries(
  [morningOrderWave, morningOrderWaveFull, ediBurst, barcodeShift, monthEndClose, peakSeason, replenishmentNight, distributionDay].map(
    (p) => [p.name, p],
  ),
);

/**
 * The built-in profile called `name`.
 * @throws ProfileError code `PROFILE_UNKNOWN`, naming the known profiles.
 */
export function getProfile(name: string): Profile {
  const profile = Object.hasOwn(profiles, name) ? profiles[name] : undefined;
  if (profile === undefined) {
    const known = Object.keys(profiles).sort().join(', ');
    throw new ProfileError('PROFILE_UNKNOWN', [`profile: expected one of ${known}, got ${JSON.stringify(name)}`]);
  }
  return profile;
}
