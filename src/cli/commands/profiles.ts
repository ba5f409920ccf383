import type { Argv, CommandModule } from 'yargs';
import { handleErrors } from '../handle-errors.js';
import { setExitCode } from '../exit.js';
import { withVerbose, type VerboseOptions } from '../options.js';

export interface ProfilesListOptions extends VerboseOptions {
  json: boolean;
}

export interface ProfilesShowOptions extends VerboseOptions {
  profile: string;
  json: boolean;
  scale: number;
  phase?: string;
  width: number;
}

const show: CommandModule<object, ProfilesShowOptions> = {
  command: 'show <profile>',
  describe: 'Print a profile: its timeline (arrival rate per journey over business time), totals and SLOs',
  builder: (yargs: Argv) =>
    withVerbose(yargs)
      .positional('profile', { type: 'string', demandOption: true, describe: 'A profile name, or a .ts / .js / .yaml profile file' })
      .option('json', { type: 'boolean', default: false, describe: 'Print JSON' })
      .option('scale', { type: 'number', default: 1, describe: 'Volume multiplier for every business rate' })
      .option('phase', { type: 'string', describe: 'Show one phase only' })
      .option('width', { type: 'number', default: 48, describe: 'Chart columns (8–200)' })
      .example('$0 profiles show distribution-day', 'The whole day as a text chart')
      .example('$0 profiles show ./my-profile.yaml --json', 'Check a profile of your own'),
  handler: async (argv) => {
    setExitCode(await handleErrors(argv.verbose, async () => (await import('../impl/profiles.js')).profilesShowImpl(argv)));
  },
};

export const profilesCommand: CommandModule<object, ProfilesListOptions> = {
  command: 'profiles',
  describe: 'List the workload profiles (name, hours, journeys, totals, story); `profiles show <name>` for one',
  builder: (yargs: Argv) =>
    withVerbose(yargs)
      .option('json', { type: 'boolean', default: false, describe: 'Print JSON' })
      .command(show)
      .example('$0 profiles', 'The shipped profiles')
      .example('$0 profiles show morning-order-wave', 'One profile as a text chart'),
  handler: async (argv) => {
    setExitCode(await handleErrors(argv.verbose, async () => (await import('../impl/profiles.js')).profilesListImpl(argv)));
  },
};
