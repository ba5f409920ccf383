import type { Argv, CommandModule } from 'yargs';
import { handleErrors } from '../handle-errors.js';
import { setExitCode } from '../exit.js';
import { withPlan, withVerbose, type PlanOptions, type VerboseOptions } from '../options.js';
import { withThresholds, type ThresholdOptions } from '../options-engine.js';

export interface ExportCommandOptions extends PlanOptions, ThresholdOptions, VerboseOptions {
  format: 'k6' | 'k6-operator' | 'k8s-job';
  profile: string;
  out: string;
  parallelism: number;
  namespace?: string;
  'results-pvc'?: string;
  image?: string;
}

export const exportCommand: CommandModule<object, ExportCommandOptions> = {
  command: 'export <format> <profile>',
  describe: 'Write a k6 script (k6), a k6-operator TestRun (k6-operator) or an Indexed Job of the embedded engine (k8s-job) for a profile',
  builder: (yargs: Argv) =>
    withVerbose(withThresholds(withPlan(yargs)))
      .positional('format', {
        choices: ['k6', 'k6-operator', 'k8s-job'] as const,
        demandOption: true,
        describe: 'k6: script.js + README.md; k6-operator: testrun.yaml (+ results-pod.yaml); k8s-job: job.yaml + results-pod.yaml',
      })
      .positional('profile', { type: 'string', demandOption: true, describe: 'Profile name or file (.ts, .js, .yaml), as for run' })
      .option('out', { type: 'string', demandOption: true, describe: 'Directory to write into (created when missing)' })
      .option('parallelism', { type: 'number', default: 1, describe: 'k6-operator, k8s-job: pods sharing the plan (execution segments)' })
      .option('results-pvc', {
        type: 'string',
        describe: 'k6-operator, k8s-job: PersistentVolumeClaim (ReadWriteMany) every pod writes its results into, so they outlive the pods',
      })
      .option('image', { type: 'string', describe: 'k8s-job: container image with odoo-capacity on PATH' })
      .option('namespace', { type: 'string', describe: 'k6-operator, k8s-job: Kubernetes namespace of the manifests' })
      .example('$0 export k6 morning-order-wave --duration 900 --out k6/', 'A k6 script of the morning wave compressed into 15 minutes')
      .example('$0 export k6-operator morning-order-wave --duration 900 --parallelism 4 --results-pvc load-results --out k8s/', 'Four k6 runner pods on Kubernetes')
      .example(
        '$0 export k8s-job morning-order-wave --duration 900 --parallelism 4 --results-pvc load-results --image registry.example.com/odoo-capacity:0.1.0 --out k8s/',
        'Four pods of the embedded engine (an Indexed Job)',
      ),
  handler: async (argv) => {
    setExitCode(await handleErrors(argv.verbose, async () => (await import('../impl/export.js')).exportCommandImpl(argv)));
  },
};
