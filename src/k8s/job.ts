/**
 * `export k8s-job <profile> --parallelism N --results-pvc <claim> --image <image>`: the embedded
 * engine scaled out on Kubernetes. An Indexed Job (batch/v1, completionMode Indexed) of N pods;
 * pod k (JOB_COMPLETION_INDEX = 0 … N−1) runs
 *
 *   odoo-capacity run <profile> --segment k+1/N --out /results/<job uid> --no-report <plan flags>
 *
 * into the PersistentVolumeClaim (folder `<name>` of it), after a start barrier on that volume:
 * each pod drops a file in `.ready/` and waits until all N are there (at most 10 minutes); the
 * first one through writes `.start-at` (now + START_DELAY_S), and every pod passes it as
 * `run --start-at`, so all segments do their setup and logins first and start the load together
 * (plan time 0 shared, windows aligned). `merge` joins the N run directories, `report` reports them.
 * Pure apart from `exportK8sJob`, which writes job.yaml and results-pod.yaml.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { InputError } from '../errors.js';
import type { LoadPlan } from '../plan/plan.js';
import { shellWord } from '../shell-word.js';
import { checkClaimName, k8sName, nsFlag, objectMetadata, resultsPod, resultsVolume, RESULTS_MOUNT } from './manifest.js';

/** Seconds a pod waits at the start barrier for the others. */
export const BARRIER_TIMEOUT_S = 600;
/** Seconds between the barrier and the load: every pod's setup (version check, warm-up, VU logins) fits in it. */
export const START_DELAY_S = 120;
/** Where a profile file given to export is mounted in the pods. */
export const PROFILE_MOUNT = '/etc/odoo-capacity/profile';

export interface JobOptions {
  plan: LoadPlan;
  /** The profile as given to export: a shipped name, or a file (then shipped in a ConfigMap). */
  profile: { name: string } | { file: string; content: string };
  parallelism: number;
  resultsClaim: string;
  image: string;
  /** Plan and threshold flags for `run`, so every pod compiles the same plan (see planFlags). */
  runArgs: readonly string[];
  namespace?: string;
}

export interface JobManifests {
  job: Record<string, unknown>;
  /** The profile file, when export was given one. */
  profileConfigMap?: Record<string, unknown>;
  resultsPod: Record<string, unknown>;
  name: string;
}

/**
 * The pod's shell script: barrier, then exec `odoo-capacity run` for segment JOB_COMPLETION_INDEX+1
 * of N. Every `$(` is written `$$(`: the kubelet expands `$(NAME)` in a container's command and
 * turns `$$` into `$`, so the shell gets its own command substitutions untouched.
 */
export function podScript(o: { parallelism: number; profileArg: string; runArgs: readonly string[] }): string {
  return shellScript(o).replaceAll('$(', () => '$$('); // a function: in a replacement string '$$' means '$'
}

function shellScript(o: { parallelism: number; profileArg: string; runArgs: readonly string[] }): string {
  const n = o.parallelism;
  const run = [
    'odoo-capacity', 'run', o.profileArg,
    '--segment', `"$((JOB_COMPLETION_INDEX + 1))/${n}"`,
    '--start-at', '"$(cat "$dir/.start-at")"',
    '--out', '"$dir"', '--no-report',
    ...o.runArgs.map(shellWord),
  ];
  return [
    'set -eu',
    `dir="${RESULTS_MOUNT}/$JOB_UID"`,
    'mkdir -p "$dir/.ready"',
    'touch "$dir/.ready/$JOB_COMPLETION_INDEX"',
    'waited=0',
    `while [ "$(ls "$dir/.ready" | wc -l)" -lt ${n} ]; do`,
    `  if [ "$waited" -ge ${BARRIER_TIMEOUT_S} ]; then echo "odoo-capacity: not all ${n} pods of the job started within ${BARRIER_TIMEOUT_S} s" >&2; exit 1; fi`,
    '  sleep 1; waited=$((waited + 1))',
    'done',
    // The first pod through the barrier sets the start time of all (mkdir is atomic on the volume).
    `if mkdir "$dir/.start-lock" 2>/dev/null; then echo "$(( $(date +%s) + ${START_DELAY_S} ))" > "$dir/.start-at.tmp" && mv "$dir/.start-at.tmp" "$dir/.start-at"; fi`,
    'while [ ! -s "$dir/.start-at" ]; do sleep 1; done',
    `exec ${run.join(' ')}`,
  ].join('\n');
}

/** The manifests (pure). The Odoo target comes from a Secret `<name>-odoo` the user creates. */
export function jobManifests(o: JobOptions): JobManifests {
  if (!(Number.isInteger(o.parallelism) && o.parallelism >= 1 && o.parallelism <= 1000)) {
    throw new InputError('PARALLELISM_INVALID', `--parallelism: expected a whole number from 1 to 1000, got ${o.parallelism}`);
  }
  const claimProblem = checkClaimName(o.resultsClaim);
  if (claimProblem !== undefined) throw new InputError('RESULTS_PVC_INVALID', claimProblem);
  if (!/^[^\s]+$/.test(o.image)) throw new InputError('IMAGE_INVALID', `--image: expected a container image reference without spaces, got '${o.image}'`);
  const name = k8sName(`odoo-capacity-${o.plan.profile}`);
  const { volume, mount } = resultsVolume(o.resultsClaim, name);
  const volumes: Array<Record<string, unknown>> = [volume];
  const volumeMounts: Array<Record<string, unknown>> = [mount];
  let profileArg: string;
  let profileConfigMap: Record<string, unknown> | undefined;
  if ('file' in o.profile) {
    const base = path.basename(o.profile.file);
    if (!/^[-._a-zA-Z0-9]{1,253}$/.test(base)) {
      throw new InputError('PROFILE_FILE_NAME', `${o.profile.file}: a ConfigMap key must be letters, digits, '-', '_' or '.'; rename the profile file`);
    }
    profileConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: objectMetadata(`${name}-profile`, o.namespace), data: { [base]: o.profile.content } };
    volumes.push({ name: 'profile', configMap: { name: `${name}-profile` } });
    volumeMounts.push({ name: 'profile', mountPath: PROFILE_MOUNT, readOnly: true });
    profileArg = shellWord(`${PROFILE_MOUNT}/${base}`);
  } else {
    profileArg = shellWord(o.profile.name);
  }
  // Bounded: the plan, its graceful stops, the barrier, the start delay and a margin; then Kubernetes stops the pods.
  const gracefulS = Math.max(0, ...o.plan.scenarios.map((s) => s.gracefulStopS));
  const deadlineS = Math.ceil(o.plan.durationS + gracefulS + BARRIER_TIMEOUT_S + START_DELAY_S + 300);
  const labels = { 'app.kubernetes.io/part-of': 'odoo-capacity', 'app.kubernetes.io/name': name };
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: objectMetadata(name, o.namespace),
    spec: {
      completionMode: 'Indexed',
      completions: o.parallelism,
      parallelism: o.parallelism,
      // A retried pod would run its segment twice: a failed segment stays failed (merge names it).
      backoffLimit: 0,
      activeDeadlineSeconds: deadlineS,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'odoo-capacity',
              image: o.image,
              command: ['sh', '-c', podScript({ parallelism: o.parallelism, profileArg, runArgs: o.runArgs })],
              env: [{ name: 'JOB_UID', valueFrom: { fieldRef: { fieldPath: "metadata.labels['controller-uid']" } } }],
              envFrom: [{ secretRef: { name: `${name}-odoo` } }],
              volumeMounts,
            },
          ],
          volumes,
        },
      },
    },
  };
  return {
    name,
    job,
    ...(profileConfigMap !== undefined ? { profileConfigMap } : {}),
    resultsPod: resultsPod({ name, claim: o.resultsClaim, namespace: o.namespace }),
  };
}

/** The commented header of job.yaml: the Secret, apply, wait, fetch, merge, report. */
export function jobHeader(o: { name: string; namespace?: string }): string {
  const n = nsFlag(o.namespace);
  return [
    `kubectl${n} create secret generic ${o.name}-odoo --from-literal=ODOO_URL=… --from-literal=ODOO_DB=… --from-literal=ODOO_LOGIN=… --from-literal=ODOO_PASSWORD=…`,
    `kubectl${n} apply -f job.yaml`,
    `kubectl${n} wait job/${o.name} --for=condition=Complete --timeout=24h`,
    `kubectl${n} apply -f results-pod.yaml && kubectl${n} wait pod/${o.name}-results --for=condition=Ready`,
    `kubectl${n} cp ${o.namespace ? `${o.namespace}/` : ''}${o.name}-results:${RESULTS_MOUNT}/${o.name} k8s-results && kubectl${n} delete -f results-pod.yaml`,
    `odoo-capacity merge k8s-results/*/*/ --out runs --id ${o.name}   # one folder per job run (its uid), one run directory per pod`,
    `odoo-capacity report runs/${o.name}`,
  ]
    .map((l) => `# ${l}\n`)
    .join('');
}

/** Writes job.yaml (the profile ConfigMap, if any, and the Job) and results-pod.yaml into `outDir`. */
export async function exportK8sJob(o: Omit<JobOptions, 'profile'> & { profile: string; profileIsFile: boolean; outDir: string }): Promise<{ file: string; resultsPodFile: string; manifests: JobManifests }> {
  const profile = o.profileIsFile ? { file: o.profile, content: await readProfileFile(o.profile) } : { name: o.profile };
  const manifests = jobManifests({ ...o, profile });
  await mkdir(o.outDir, { recursive: true });
  const file = path.join(o.outDir, 'job.yaml');
  const docs = [...(manifests.profileConfigMap ? [manifests.profileConfigMap] : []), manifests.job].map((d) => stringify(d)).join('---\n');
  await writeFile(file, jobHeader({ name: manifests.name, namespace: o.namespace }) + docs);
  const resultsPodFile = path.join(o.outDir, 'results-pod.yaml');
  await writeFile(resultsPodFile, `# Reads the results volume back: see job.yaml\n${stringify(manifests.resultsPod)}`);
  return { file, resultsPodFile, manifests };
}

async function readProfileFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError('PROFILE_NOT_FOUND', `${file}: cannot read the profile file (${(error as Error).message.split('\n')[0]})`);
  }
}
