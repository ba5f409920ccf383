/**
 * The Kubernetes manifests of `export k6-operator` and `export k8s-job`, checked as kubeconform
 * would: against the k6-operator TestRun CRD schema and the Kubernetes batch/v1 Job schema
 * (test/fixtures/k8s-schemas, trimmed from the real ones, unknown fields refused). And the Job's
 * pod script, run by a real `sh` the way the kubelet hands it over.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { LoadPlan } from '../../../src/plan/plan.js';
import { exportK6Operator, operatorManifests, POD_NAME_ENV, SEGMENTS_TAG } from '../../../src/k6/operator.js';
import { exportK8sJob, jobManifests, podScript, START_DELAY_S } from '../../../src/k8s/job.js';
import { planOf } from '../engine/fake-odoo.js';

const SCHEMAS = new URL('../../fixtures/k8s-schemas/', import.meta.url).pathname;
const root = await mkdtemp(path.join(tmpdir(), 'k8s-manifests-'));
afterAll(() => rm(root, { recursive: true, force: true }));

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const schema = async (file: string) => JSON.parse(await readFile(path.join(SCHEMAS, file), 'utf8')) as { properties: Record<string, { properties: Record<string, unknown> }> };
const jobSchema = await schema('job-batch-v1.json');
const validateTestRun = ajv.compile(await schema('testrun-k6-v1alpha1.json'));
const validateJob = ajv.compile(jobSchema);
// A Pod is a PodTemplateSpec (metadata, spec) with apiVersion and kind: validate it with the Job's template schema.
const validatePodTemplate = ajv.compile(jobSchema.properties.spec!.properties.template as object);

function errors(validate: ValidateFunction, doc: unknown): string[] {
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

const plan: LoadPlan = {
  ...planOf({ journey: 'order-to-delivery', startRate: 0.5, stages: [{ durationS: 900, target: 2 }], preAllocatedVUs: 4, maxVUs: 40 }, 900),
  profile: 'morning-order-wave',
  slos: { 'order-to-delivery': { p95Ms: 4000 } },
};

const docsOf = async (file: string) => parseAllDocuments(await readFile(file, 'utf8')).map((d) => d.toJS() as Record<string, unknown>);

describe('export k6-operator --results-pvc', () => {
  it('writes a TestRun the CRD schema accepts, whose runners write their output into the claim, tagged with their segment', async () => {
    const out = path.join(root, 'operator');
    const result = await exportK6Operator({ plan, thresholds: [], parallelism: 4, outDir: out, namespace: 'load', resultsClaim: 'load-results' });
    const [configMap, testRun] = await docsOf(result.file);
    expect(errors(validateTestRun, testRun)).toEqual([]);
    const script = (configMap as { data: Record<string, string> }).data['script.js'] ?? '';
    expect(script).toContain('exec_order_to_delivery'); // the bundle, byte for byte as bundled
    expect(script).toBe((result.manifests.configMap as { data: Record<string, string> }).data['script.js']);
    expect(testRun).toMatchObject({
      spec: {
        parallelism: 4,
        arguments: `--out json=/results/$(${POD_NAME_ENV}).ndjson --tag ${SEGMENTS_TAG}=4`,
        runner: {
          env: [{ name: POD_NAME_ENV, valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
          volumes: [{ name: 'results', persistentVolumeClaim: { claimName: 'load-results' } }],
          volumeMounts: [{ name: 'results', mountPath: '/results', subPath: 'odoo-capacity-morning-order-wave' }],
          envFrom: [{ secretRef: { name: 'odoo-capacity-morning-order-wave-odoo' } }],
        },
        initializer: { envFrom: [{ secretRef: { name: 'odoo-capacity-morning-order-wave-odoo' } }] },
      },
    });
    // The initializer keeps off the claim (without its own section it would copy the runner's volumes).
    expect(JSON.stringify((testRun as { spec: { initializer: unknown } }).spec.initializer)).not.toContain('results');
    const [pod] = await docsOf(result.resultsPodFile as string);
    expect(errors(validatePodTemplate, { metadata: pod!.metadata, spec: pod!.spec })).toEqual([]);
    const header = (await readFile(result.file, 'utf8')).split('\n').filter((l) => l.startsWith('#'));
    expect(header.join('\n')).toContain('kubectl -n load cp load/odoo-capacity-morning-order-wave-results:/results/odoo-capacity-morning-order-wave k6-results');
  });

  it('the schema check bites: a misspelt field, a wrong type and a missing script are refused', () => {
    const good = operatorManifests({ plan, script: '//', parallelism: 2, resultsClaim: 'r' }).testRun as { spec: Record<string, unknown> };
    const misspelt = structuredClone(good);
    (misspelt.spec.runner as Record<string, unknown>).volumeMount = [];
    expect(errors(validateTestRun, misspelt).join('\n')).toContain('additionalProperty":"volumeMount"');
    expect(errors(validateTestRun, { ...good, spec: { ...good.spec, parallelism: '2' } }).join('\n')).toContain('/spec/parallelism must be integer');
    const { script: _script, ...noScript } = good.spec;
    expect(errors(validateTestRun, { ...good, spec: noScript }).join('\n')).toContain("must have required property 'script'");
  });

  it('names a bad claim in one line', () => {
    expect(() => operatorManifests({ plan, script: '', parallelism: 2, resultsClaim: 'Load Results' })).toThrow(
      "--results-pvc: expected a PersistentVolumeClaim name (lowercase letters, digits, '-', '.'), got 'Load Results'",
    );
  });
});

describe('export k8s-job', () => {
  it('writes an Indexed Job the batch/v1 schema accepts, with a profile file shipped in a ConfigMap', async () => {
    const profileFile = path.join(root, 'launch.yaml');
    const profileText = 'name: launch\nphases: []\n';
    await writeFile(profileFile, profileText);
    const out = path.join(root, 'job');
    const result = await exportK8sJob({
      plan,
      profile: profileFile,
      profileIsFile: true,
      parallelism: 3,
      resultsClaim: 'load-results',
      image: 'registry.example.com/odoo-capacity:0.1.0',
      runArgs: ['--duration', '900', '--scale', '2', '--seed', '7', '--threshold', "order-to-delivery:p(95)<800"],
      outDir: out,
    });
    const [configMap, job] = await docsOf(result.file);
    expect(errors(validateJob, job)).toEqual([]);
    expect(configMap).toMatchObject({ kind: 'ConfigMap', data: { 'launch.yaml': profileText } });
    expect(job).toMatchObject({
      apiVersion: 'batch/v1',
      kind: 'Job',
      spec: { completionMode: 'Indexed', completions: 3, parallelism: 3, backoffLimit: 0, template: { spec: { restartPolicy: 'Never' } } },
    });
    const deadline = (job as { spec: { activeDeadlineSeconds: number } }).spec.activeDeadlineSeconds;
    expect(deadline).toBeGreaterThan(900 + 30 + 600 + START_DELAY_S);
    expect(deadline).toBeLessThan(900 + 30 + 600 + 3600);
    const [pod] = await docsOf(result.resultsPodFile);
    expect(errors(validatePodTemplate, { metadata: pod!.metadata, spec: pod!.spec })).toEqual([]);
  });

  it('the schema check bites: a completion mode of the wrong type and an unknown container field are refused', () => {
    const { job } = jobManifests({ plan, profile: { name: 'morning-order-wave' }, parallelism: 2, resultsClaim: 'r', image: 'i', runArgs: [] });
    const wrong = structuredClone(job) as { spec: Record<string, unknown> & { template: { spec: { containers: Array<Record<string, unknown>> } } } };
    wrong.spec.completionMode = 7;
    wrong.spec.template.spec.containers[0]!.commands = ['sh'];
    const found = errors(validateJob, wrong).join('\n');
    expect(found).toContain('/spec/completionMode must be string');
    expect(found).toContain('additionalProperty":"commands"');
  });
});

/** The kubelet's expansion of a container command: `$$` → `$`, `$(NAME)` → its value when defined, else unchanged. */
function kubeletExpand(text: string, env: Record<string, string>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (match, name: string | undefined) => (match === '$$' ? '$' : name !== undefined && name in env ? env[name]! : match));
}

describe('the Job pod script under a real sh', () => {
  it('waits for all N pods, then each runs its own segment k+1/N into the job’s folder with the same plan flags', async () => {
    const base = await mkdtemp(path.join(root, 'pods-'));
    const bin = path.join(base, 'bin');
    const results = path.join(base, 'results');
    const calls = path.join(base, 'calls');
    await mkdir(bin);
    await mkdir(results);
    await mkdir(calls);
    await writeFile(path.join(bin, 'odoo-capacity'), `#!/bin/sh\nprintf '%s\\n' "$@" > "${calls}/$JOB_COMPLETION_INDEX"\n`);
    await chmod(path.join(bin, 'odoo-capacity'), 0o755);
    const exported = await exportK8sJob({
      plan,
      profile: 'morning-order-wave',
      profileIsFile: false,
      parallelism: 3,
      resultsClaim: 'load-results',
      image: 'odoo-capacity:test',
      runArgs: ['--duration', '900', '--threshold', 'p(95)<800'],
      outDir: path.join(base, 'manifests'),
    });
    // The command as the API server gets it: job.yaml parsed back.
    const [job] = await docsOf(exported.file);
    const container = (job as { spec: { template: { spec: { containers: Array<{ command: string[] }> } } } }).spec.template.spec.containers[0]!;
    expect(container.command.slice(0, 2)).toEqual(['sh', '-c']);
    const script = container.command[2]!;
    expect(script).toBe(podScript({ parallelism: 3, profileArg: 'morning-order-wave', runArgs: ['--duration', '900', '--threshold', 'p(95)<800'] }));
    expect(script.replaceAll('$$(', '')).not.toContain('$('); // every $( is escaped from the kubelet as $$(
    const command = kubeletExpand(script, { JOB_UID: 'must-not-be-expanded-by-kubelet' }).replaceAll('/results', results);
    const pod = (index: number) =>
      new Promise<number | null>((resolve) => {
        const child = spawn('sh', ['-c', command], { env: { PATH: `${bin}:${process.env.PATH}`, JOB_COMPLETION_INDEX: String(index), JOB_UID: 'uid-1' }, stdio: 'ignore' });
        child.on('close', resolve);
      });
    const first = [pod(0), pod(2)];
    await new Promise((r) => setTimeout(r, 1500));
    expect(await readdir(calls)).toEqual([]); // two of three started: nobody runs yet
    const codes = await Promise.all([...first, pod(1)]);
    expect(codes).toEqual([0, 0, 0]);
    const args = await Promise.all([0, 1, 2].map(async (i) => (await readFile(path.join(calls, String(i)), 'utf8')).trim().split('\n')));
    const startAt = Number(args[0]![5]);
    expect(Math.abs(startAt - (Date.now() / 1000 + START_DELAY_S))).toBeLessThan(30); // one start time, set by the first pod through
    for (const [i, a] of args.entries()) {
      expect(a).toEqual(['run', 'morning-order-wave', '--segment', `${i + 1}/3`, '--start-at', String(startAt), '--out', `${results}/uid-1`, '--no-report', '--duration', '900', '--threshold', 'p(95)<800']);
    }
    expect((await readdir(path.join(results, 'uid-1', '.ready'))).sort()).toEqual(['0', '1', '2']);
  });
});
