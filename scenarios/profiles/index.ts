/**
 * The named workload profiles shipped with odoo-capacity, by `Profile.name`.
 */
import { ProfileError } from './errors.js';
import { morningOrderWave } from './morning-order-wave.js';
import type { Profile } from './types.js';

export const profiles: Record<string, Profile> = {
  [morningOrderWave.name]: morningOrderWave,
};

/**
 * The built-in profile called `name`.
 * @throws ProfileError code `PROFILE_UNKNOWN`, naming the known profiles.
 */
export function getProfile(name: string): Profile {
  const profile = Object.hasOwn(profiles, name) ? profiles[name] : undefined;
  if (profile === undefined) {
    const known = Object.keys(profiles).sort().join(', ');
    throw new ProfileError('PROFILE_UNKNOWN', [`--profile: expected one of ${known}, got ${JSON.stringify(name)}`]);
  }
  return profile;
}
