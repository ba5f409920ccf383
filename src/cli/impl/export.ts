/** `export k6|k6-operator|k8s-job <profile>`: compile the plan, write the script or manifests. No yargs here. */
import path from 'node:path';
import { isProfilePath } from '../../../scenarios/files.js';
import { loadProfile } from '../../../scenarios/profiles/load.js';
import { journeysForProfile } from '../../../scenarios/journeys/load.js';
import { exportK6 } from '../../k6/export.js';
import { exportK6Operator } from '../../k6/operator.js';
import { exportK8sJob } from '../../k8s/job.js';
import { UsageError } from '../../errors.js';
import { ExitCode } from '../exit-codes.js';
import { thresholdsFromOptions, type ThresholdOptions } from '../options-engine.js';
import { shellWord } from '../../shell-word.js';
import { planFlags, planFromOptions } from '../plan-options.js';
import type { ExportCommandOptions } from '../commands/export.js';

/** The threshold flags as given, for `run` in the pods. */
function thresholdFlags(options: ThresholdOptions): string[] {
  return [
    ...(options.threshold ?? []).flatMap((t) => ['--threshold', t]),
    ...(options['abort-on-fail'] ? ['--abort-on-fail'] : []),
    ...(options['delay-abort-eval'] ? ['--delay-abort-eval', String(options['delay-abort-eval'])] : []),
  ];
}

export async function exportCommandImpl(options: ExportCommandOptions): Promise<number> {
  if (options.format === 'k8s-job') {
    if (options['results-pvc'] === undefined) throw new UsageError('export k8s-job: give --results-pvc <claim>: the pods write their run directories there (a ReadWriteMany PersistentVolumeClaim).');
    if (options.image === undefined) throw new UsageError('export k8s-job: give --image <image>: a container image with odoo-capacity on PATH (see README, "When one machine is not enough").');
  }
  const plan = await planFromOptions(options.profile, options);
  // Journeys of the user's own that the profile names go into the k6 bundle with the shipped ones.
  const { sources } = await journeysForProfile(await loadProfile(options.profile), options.profile);
  const thresholds = thresholdsFromOptions(plan, options);
  const outDir = path.resolve(options.out);
  if (options.format === 'k6') {
    const result = await exportK6({ plan, thresholds, outDir, journeySources: sources });
    for (const line of result.bundle.skipped) process.stderr.write(`odoo-capacity: threshold not exported: ${line}\n`);
    process.stdout.write(`k6 script: ${result.script}\nhow to run it: ${result.readme}\n`);
  } else if (options.format === 'k6-operator') {
    const ingest = ['odoo-capacity', 'ingest', 'k6', 'k6-results', '--profile', options.profile, ...planFlags(options), '--out', 'runs'].map(shellWord).join(' ');
    const result = await exportK6Operator({ plan, thresholds, parallelism: options.parallelism, outDir, namespace: options.namespace, resultsClaim: options['results-pvc'], ingestCommand: ingest, journeySources: sources });
    process.stdout.write(`k6-operator TestRun (parallelism ${options.parallelism}): ${result.file}\n`);
    if (result.resultsPodFile) process.stdout.write(`results reader pod: ${result.resultsPodFile}\nthen: ${ingest}\n`);
    else process.stderr.write('warning: without --results-pvc the runners keep their k6 output inside the pods, and it is lost with them\n');
  } else {
    const result = await exportK8sJob({
      plan,
      profile: options.profile,
      profileIsFile: isProfilePath(options.profile),
      parallelism: options.parallelism,
      resultsClaim: options['results-pvc'] as string,
      image: options.image as string,
      runArgs: [...planFlags(options), ...thresholdFlags(options)],
      namespace: options.namespace,
      outDir,
    });
    process.stdout.write(`Indexed Job (${options.parallelism} pods): ${result.file}\nresults reader pod: ${result.resultsPodFile}\n`);
  }
  return ExitCode.ok;
}
