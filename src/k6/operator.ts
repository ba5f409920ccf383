/**
 * `export k6-operator <profile> --parallelism N --results-pvc <claim>`: a k6-operator TestRun
 * (apiVersion k6.io/v1alpha1), the ConfigMap holding the bundled script, and a Pod to read the
 * results back. k6-operator starts `parallelism` runner pods and gives each an execution segment
 * (`--execution-segment`, pkg/segmentation) and the tag `instance_id=<i>` (i = 1 … N), so N pods
 * share the plan (https://github.com/grafana/k6-operator).
 *
 * Results survive the pods: every runner mounts the PersistentVolumeClaim at /results (folder
 * `<name>` of the claim) and writes `--out json=/results/$(ODOO_CAPACITY_POD).ndjson` — the pod's
 * own name, from the downward API, which Kubernetes expands in the container command — with the
 * test-wide tag `odoo_capacity_segments=N`. A file's points thus say which segment i of N it holds
 * (instance_id, odoo_capacity_segments): `odoo-capacity ingest k6 <folder>` joins them.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { InputError } from '../errors.js';
import type { LoadPlan } from '../plan/plan.js';
import type { Threshold } from '../run/thresholds.js';
import { checkClaimName, k8sName, nsFlag, objectMetadata, resultsPod, resultsVolume, RESULTS_MOUNT } from '../k8s/manifest.js';
import type { JourneySource } from '../../scenarios/journeys/load.js';
import { bundleK6Script } from './bundle.js';

export { k8sName } from '../k8s/manifest.js';

/** The k6 tag carrying the number of segments (k6-operator's `instance_id` carries the index). */
export const SEGMENTS_TAG = 'odoo_capacity_segments';
/** The environment variable holding the runner pod's name (not K6_…: k6 reads those as options). */
export const POD_NAME_ENV = 'ODOO_CAPACITY_POD';

export interface OperatorManifests {
  configMap: Record<string, unknown>;
  testRun: Record<string, unknown>;
  /** Present with `resultsClaim`. */
  resultsPod?: Record<string, unknown>;
}

export interface OperatorOptions {
  plan: LoadPlan;
  script: string;
  parallelism: number;
  namespace?: string;
  /** PersistentVolumeClaim (ReadWriteMany when runners land on several nodes) for the runners' outputs. */
  resultsClaim?: string;
}

/** The manifests (pure). The Odoo target comes from a Secret `<name>-odoo` the user creates. */
export function operatorManifests(o: OperatorOptions): OperatorManifests {
  if (!(Number.isInteger(o.parallelism) && o.parallelism >= 1)) {
    throw new InputError('PARALLELISM_INVALID', `--parallelism: expected a whole number ≥ 1, got ${o.parallelism}`);
  }
  const claimProblem = o.resultsClaim === undefined ? undefined : checkClaimName(o.resultsClaim);
  if (claimProblem !== undefined) throw new InputError('RESULTS_PVC_INVALID', claimProblem);
  const name = k8sName(`odoo-capacity-${o.plan.profile}`);
  const envFrom = [{ secretRef: { name: `${name}-odoo` } }];
  const runner: Record<string, unknown> = { envFrom };
  let args = '--out json=/tmp/out.ndjson';
  if (o.resultsClaim !== undefined) {
    const { volume, mount } = resultsVolume(o.resultsClaim, name);
    runner.env = [{ name: POD_NAME_ENV, valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }];
    runner.volumes = [volume];
    runner.volumeMounts = [mount];
    args = `--out json=${RESULTS_MOUNT}/$(${POD_NAME_ENV}).ndjson --tag ${SEGMENTS_TAG}=${o.parallelism}`;
  }
  const manifests: OperatorManifests = {
    configMap: { apiVersion: 'v1', kind: 'ConfigMap', metadata: objectMetadata(`${name}-script`, o.namespace), data: { 'script.js': o.script } },
    testRun: {
      apiVersion: 'k6.io/v1alpha1',
      kind: 'TestRun',
      metadata: objectMetadata(name, o.namespace),
      spec: {
        parallelism: o.parallelism,
        script: { configMap: { name: `${name}-script`, file: 'script.js' } },
        arguments: args,
        runner,
        // Without its own section the initializer copies the runner's (volumes included): it needs only the target.
        initializer: { envFrom },
      },
    },
  };
  if (o.resultsClaim !== undefined) manifests.resultsPod = resultsPod({ name, claim: o.resultsClaim, namespace: o.namespace });
  return manifests;
}

/** The commented header of testrun.yaml: create the Secret, apply, fetch the results, ingest them. */
export function operatorHeader(o: { name: string; namespace?: string; resultsClaim?: string; ingestCommand: string }): string {
  const n = nsFlag(o.namespace);
  const lines = [
    `kubectl${n} create secret generic ${o.name}-odoo --from-literal=ODOO_URL=… --from-literal=ODOO_DB=… --from-literal=ODOO_LOGIN=… --from-literal=ODOO_PASSWORD=…`,
    `kubectl${n} apply -f testrun.yaml`,
  ];
  if (o.resultsClaim === undefined) {
    lines.push('Results stay inside the runner pods (/tmp/out.ndjson) and are lost with them: export with --results-pvc <claim> to keep them.');
  } else {
    lines.push(
      `kubectl${n} wait testrun/${o.name} --for=jsonpath='{.status.stage}'=finished --timeout=24h`,
      `kubectl${n} apply -f results-pod.yaml && kubectl${n} wait pod/${o.name}-results --for=condition=Ready`,
      `kubectl${n} cp ${o.namespace ? `${o.namespace}/` : ''}${o.name}-results:${RESULTS_MOUNT}/${o.name} k6-results && kubectl${n} delete -f results-pod.yaml`,
      o.ingestCommand,
    );
  }
  return lines.map((l) => `# ${l}\n`).join('');
}

/** Writes `testrun.yaml` (ConfigMap + TestRun, one YAML stream) and, with a claim, `results-pod.yaml` into `outDir`. */
export async function exportK6Operator(o: {
  plan: LoadPlan;
  thresholds: readonly Threshold[];
  parallelism: number;
  outDir: string;
  namespace?: string;
  resultsClaim?: string;
  /** The `odoo-capacity ingest k6 …` line printed in the header. */
  ingestCommand?: string;
  journeySources?: readonly JourneySource[];
}): Promise<{ file: string; resultsPodFile?: string; manifests: OperatorManifests }> {
  const bundle = await bundleK6Script({ plan: o.plan, thresholds: o.thresholds, journeySources: o.journeySources });
  const manifests = operatorManifests({ plan: o.plan, script: bundle.code, parallelism: o.parallelism, namespace: o.namespace, resultsClaim: o.resultsClaim });
  await mkdir(o.outDir, { recursive: true });
  const file = path.join(o.outDir, 'testrun.yaml');
  const name = (manifests.testRun.metadata as { name: string }).name;
  const header = operatorHeader({
    name,
    namespace: o.namespace,
    resultsClaim: o.resultsClaim,
    ingestCommand: o.ingestCommand ?? `odoo-capacity ingest k6 k6-results --profile ${o.plan.profile} --out runs`,
  });
  await writeFile(file, header + stringify(manifests.configMap) + '---\n' + stringify(manifests.testRun));
  if (manifests.resultsPod === undefined) return { file, manifests };
  const resultsPodFile = path.join(o.outDir, 'results-pod.yaml');
  await writeFile(resultsPodFile, `# Reads the results volume back: see testrun.yaml\n${stringify(manifests.resultsPod)}`);
  return { file, resultsPodFile, manifests };
}
