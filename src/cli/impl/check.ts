/** `check`: print the readiness checklist; exit 1 when something required is missing. No yargs here. */
import { getJourney, journeyNames } from '../../../scenarios/journeys/index.js';
import { journeysForProfile } from '../../../scenarios/journeys/load.js';
import type { Journey } from '../../../scenarios/journeys/types.js';
import { loadProfile } from '../../../scenarios/profiles/load.js';
import { targetFromOptions, transportOverride } from './target.js';
import type { Profile } from '../../../scenarios/profiles/types.js';
import { checkTarget, formatChecklist } from '../../check/check-target.js';
import { ExitCode } from '../exit-codes.js';
import type { CheckCommandOptions } from '../commands/check.js';
import { stripControl } from '../terminal-text.js';

/** Journeys a profile uses: in rates, bursts or users of any phase. */
export function profileJourneys(profile: Profile): string[] {
  const names: string[] = [];
  for (const phase of profile.phases) {
    for (const group of [phase.rates, phase.bursts, phase.users]) for (const name of Object.keys(group ?? {})) if (!names.includes(name)) names.push(name);
  }
  return names.sort();
}

export async function checkCommandImpl(options: CheckCommandOptions): Promise<number> {
  const target = targetFromOptions(options);
  const transport = transportOverride(options.transport);
  const profile = options.profile ? await loadProfile(options.profile) : undefined;
  // the profile's own journey files are checked too (their modules), and their names are known
  const known = profile && options.profile ? (await journeysForProfile(profile, options.profile)).journeys : undefined;
  const names = options.journey ?? (profile ? profileJourneys(profile) : journeyNames());
  const journeys = names.map((name) => (known && Object.prototype.hasOwnProperty.call(known, name) ? (known[name] as Journey) : getJourney(name)));
  const items = await checkTarget(target, {
    journeys,
    ...(transport === undefined ? {} : { transport }),
    allowUnneutralized: options['allow-unneutralized-database'],
    dataset: options.dataset,
  });
  process.stdout.write(`${stripControl(formatChecklist(items))}\n`);
  return items.some((item) => item.status === 'missing') ? ExitCode.error : ExitCode.ok;
}
