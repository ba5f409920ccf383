/**
 * What the Kubernetes manifests of `export k6-operator` and `export k8s-job` share: object names,
 * metadata, and the small Pod that reads the results volume back (`kubectl cp` needs a running
 * container with `tar`). Pure.
 */

/** Kubernetes object name from the profile: lowercase, `[a-z0-9-]`, ≤ 50 characters (room for suffixes). */
export function k8sName(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50).replace(/-+$/, '') || 'odoo-capacity';
}

/** `metadata` of an object of this tool. */
export function objectMetadata(name: string, namespace: string | undefined): Record<string, unknown> {
  return { name, ...(namespace ? { namespace } : {}), labels: { 'app.kubernetes.io/part-of': 'odoo-capacity' } };
}

/** Where the results volume is mounted in every pod. */
export const RESULTS_MOUNT = '/results';

/** `--results-pvc`: a PersistentVolumeClaim name (DNS subdomain). */
export function checkClaimName(claim: string): string | undefined {
  return /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(claim)
    ? undefined
    : `--results-pvc: expected a PersistentVolumeClaim name (lowercase letters, digits, '-', '.'), got '${claim}'`;
}

/** The results volume: the claim, mounted in the folder `subPath` of it. */
export function resultsVolume(claim: string, subPath: string): { volume: Record<string, unknown>; mount: Record<string, unknown> } {
  return {
    volume: { name: 'results', persistentVolumeClaim: { claimName: claim } },
    mount: { name: 'results', mountPath: RESULTS_MOUNT, subPath },
  };
}

/** A Pod that mounts the claim read-only and waits, so `kubectl cp <pod>:/results/<folder> .` copies the results out. */
export function resultsPod(o: { name: string; claim: string; namespace?: string }): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: objectMetadata(`${o.name}-results`, o.namespace),
    spec: {
      restartPolicy: 'Never',
      containers: [
        {
          name: 'results',
          image: 'busybox:1.36',
          command: ['sleep', '3600'],
          volumeMounts: [{ name: 'results', mountPath: RESULTS_MOUNT, readOnly: true }],
        },
      ],
      volumes: [{ name: 'results', persistentVolumeClaim: { claimName: o.claim, readOnly: true } }],
    },
  };
}

/** `-n <namespace>` for the printed kubectl commands. */
export const nsFlag = (namespace: string | undefined): string => (namespace ? ` -n ${namespace}` : '');
