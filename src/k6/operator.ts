/**
 * `export k6-operator <profile> --parallelism N`: a k6-operator TestRun (apiVersion k6.io/v1alpha1)
 * and the ConfigMap holding the bundled script. k6-operator starts `parallelism` runner pods and
 * gives each an execution segment, so N pods share the plan (https://github.com/grafana/k6-operator).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { InputError } from '../errors.js';
import type { LoadPlan } from '../engine/plan.js';
import type { Threshold } from '../engine/thresholds.js';
import type { JourneySource } from '../../scenarios/journeys/load.js';
import { bundleK6Script } from './bundle.js';

export interface OperatorManifests {
  configMap: Record<string, unknown>;
  testRun: Record<string, unknown>;
}

/** Kubernetes object name from the profile: lowercase, `[a-z0-9-]`, ≤ 63 characters. */
export function k8sName(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50) || 'odoo-capacity';
}

/** The two manifests (pure). The Odoo target comes from a Secret `<name>-odoo` the user creates. */
export function operatorManifests(o: { plan: LoadPlan; script: string; parallelism: number; namespace?: string }): OperatorManifests {
  if (!(Number.isInteger(o.parallelism) && o.parallelism >= 1)) {
    throw new InputError('PARALLELISM_INVALID', `--parallelism: expected a whole number ≥ 1, got ${o.parallelism}`);
  }
  const name = k8sName(`odoo-capacity-${o.plan.profile}`);
  const metadata = (n: string) => ({ name: n, ...(o.namespace ? { namespace: o.namespace } : {}), labels: { 'app.kubernetes.io/part-of': 'odoo-capacity' } });
  return {
    configMap: { apiVersion: 'v1', kind: 'ConfigMap', metadata: metadata(`${name}-script`), data: { 'script.js': o.script } },
    testRun: {
      apiVersion: 'k6.io/v1alpha1',
      kind: 'TestRun',
      metadata: metadata(name),
      spec: {
        parallelism: o.parallelism,
        script: { configMap: { name: `${name}-script`, file: 'script.js' } },
        arguments: '--out json=/tmp/out.ndjson',
        runner: { envFrom: [{ secretRef: { name: `${name}-odoo` } }] },
      },
    },
  };
}

/** Writes `testrun.yaml` (ConfigMap + TestRun, one YAML stream) into `outDir`. */
export async function exportK6Operator(o: {
  plan: LoadPlan;
  thresholds: readonly Threshold[];
  parallelism: number;
  outDir: string;
  namespace?: string;
  journeySources?: readonly JourneySource[];
}): Promise<{ file: string; manifests: OperatorManifests }> {
  const bundle = await bundleK6Script({ plan: o.plan, thresholds: o.thresholds, journeySources: o.journeySources });
  const manifests = operatorManifests({ plan: o.plan, script: bundle.code, parallelism: o.parallelism, namespace: o.namespace });
  await mkdir(o.outDir, { recursive: true });
  const file = path.join(o.outDir, 'testrun.yaml');
  const secret = `${(manifests.testRun.metadata as { name: string }).name}-odoo`;
  const header = `# kubectl create secret generic ${secret} --from-literal=ODOO_URL=… --from-literal=ODOO_DB=… --from-literal=ODOO_LOGIN=… --from-literal=ODOO_PASSWORD=…\n# kubectl apply -f testrun.yaml\n`;
  await writeFile(file, header + stringify(manifests.configMap) + '---\n' + stringify(manifests.testRun));
  return { file, manifests };
}
