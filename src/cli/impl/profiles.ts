/** `profiles` and `profiles show <profile>`. No yargs here. */
import { profiles } from '../../../scenarios/profiles/index.js';
import { loadProfile } from '../../../scenarios/profiles/load.js';
import { PlanOptionError } from '../../engine/compile.js';
import { profileTimeline, summarizeProfile } from '../../engine/profile-summary.js';
import { UsageError } from '../../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { ProfilesListOptions, ProfilesShowOptions } from '../commands/profiles.js';
import { formatList, formatShow } from './profiles-format.js';
import { stripControl } from '../terminal-text.js';

export async function profilesListImpl(options: ProfilesListOptions): Promise<number> {
  const summaries = Object.values(profiles).map((p) => summarizeProfile(p));
  process.stdout.write(options.json ? `${JSON.stringify(summaries, null, 2)}\n` : `${stripControl(formatList(summaries))}\n`);
  return ExitCode.ok;
}

export async function profilesShowImpl(options: ProfilesShowOptions): Promise<number> {
  if (!(Number.isInteger(options.width) && options.width >= 8 && options.width <= 200)) {
    throw new UsageError(`--width: expected a whole number of columns 8–200, got ${options.width}.`);
  }
  if (!(Number.isFinite(options.scale) && options.scale > 0)) throw new UsageError(`--scale: expected a number above 0, got ${options.scale}.`);
  const profile = await loadProfile(options.profile);
  const compileOptions = { scale: options.scale, phase: options.phase };
  try {
    const summary = summarizeProfile(profile, compileOptions);
    const timeline = profileTimeline(profile, options.width, compileOptions);
    if (options.json) {
      const json = { ...summary, timeline, slos: profile.slos, params: profile.params ?? {}, pacing: profile.pacing ?? {} };
      process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    } else {
      process.stdout.write(`${stripControl(formatShow(summary, timeline, profile.slos))}\n`);
    }
  } catch (error) {
    if (error instanceof PlanOptionError) throw new UsageError(`--${error.field}: ${error.message.slice(error.field.length + 2)}`);
    throw error;
  }
  return ExitCode.ok;
}
