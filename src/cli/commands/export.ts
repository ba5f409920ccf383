import type { Argv, CommandModule } from 'yargs';
import { handleErrors } from '../handle-errors.js';
import { setExitCode } from '../exit.js';
import { withPlan, withVerbose, type PlanOptions, type VerboseOptions } from '../options.js';
import { withThresholds, type ThresholdOptions } from '../options-engine.js';

export interface ExportCommandOptions extends PlanOptions, ThresholdOptions, VerboseOptions {
  format: 'k6' | 'k6-operator';
  profile: string;
  out: string;
  parallelism: number;
  namespace?: string;
}

export const exportCommand: CommandModule<object, ExportCommandOptions> = {
  command: 'export <format> <profile>',
  describe: 'Write a k6 script (k6) or a k6-operator TestRun (k6-operator) for a profile, from the same journeys',
  builder: (yargs: Argv) =>
    withVerbose(withThresholds(withPlan(yargs)))
      .positional('format', { choices: ['k6', 'k6-operator'] as const, demandOption: true, describe: 'k6: script.js + README.md; k6-operator: testrun.yaml' })
      .positional('profile', { type: 'string', demandOption: true, describe: 'Profile name or file (.ts, .js, .yaml), as for run' })
      .option('out', { type: 'string', demandOption: true, describe: 'Directory to write into (created when missing)' })
      .option('parallelism', { type: 'number', default: 1, describe: 'k6-operator: runner pods sharing the plan (execution segments)' })
      .option('namespace', { type: 'string', describe: 'k6-operator: Kubernetes namespace of the manifests' })
      .example('$0 export k6 morning-order-wave --duration 900 --out k6/', 'A k6 script of the morning wave compressed into 15 minutes')
      .example('$0 export k6-operator morning-order-wave --parallelism 4 --out k8s/', 'Four runner pods on Kubernetes'),
  handler: async (argv) => {
    setExitCode(await handleErrors(argv.verbose, async () => (await import('../impl/export.js')).exportCommandImpl(argv)));
  },
};
