/**
 * The workload kinds: API defaulting (pkg/apis/{apps,batch,core,policy}/v1/defaults.go)
 * and the validation the controllers rely on (selector matches the template,
 * template is a valid pod spec).
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { fromLabelSelector, isEmptyLabelSelector, matches } from '../api/labels';
import type { KubeObject, Pod } from '../api/types';
import { registerKind } from './kind-registry';
import { defaultPodSpec, validateBehaviour, validatePodSpec } from './pod-spec';
import type { ApiServer } from './apiserver';
import { ApiError, type FieldError } from './errors';
import { allocateClusterIP, checkRequestedIP } from './service-ips';

interface Template {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: Pod['spec'];
}

type Workload = KubeObject & {
  spec: Record<string, unknown> & { selector?: LabelSelector; template?: Template; replicas?: number };
  status?: Record<string, unknown>;
};

/** Upstream: ValidatePodTemplateSpecForReplicaSet and friends. */
function validateSelectorAndTemplate(o: Workload, restartPolicies: readonly string[]): FieldError[] {
  const out: FieldError[] = [];
  const { selector, template } = o.spec;
  if (isEmptyLabelSelector(selector)) out.push({ field: 'spec.selector', type: 'Required value' });
  if (!template) return [...out, { field: 'spec.template', type: 'Required value' }];
  const labels = template.metadata?.labels ?? {};
  if (selector && !isEmptyLabelSelector(selector) && !matches(fromLabelSelector(selector), labels)) {
    out.push({ field: 'spec.template.metadata.labels', type: 'Invalid value', value: labels, detail: '`selector` does not match template `labels`' });
  }
  out.push(...validatePodSpec(template.spec, 'spec.template.spec'), ...validateBehaviour(template.metadata?.annotations, 'spec.template.metadata'));
  const policy = template.spec?.restartPolicy;
  if (!out.length && policy && !restartPolicies.includes(policy)) {
    out.push({
      field: 'spec.template.spec.restartPolicy',
      type: 'Unsupported value',
      value: policy,
      detail: `supported values: ${restartPolicies.map((p) => `"${p}"`).join(', ')}`,
    });
  }
  return out;
}

function validateReplicas(o: Workload, field = 'replicas'): FieldError[] {
  const value = o.spec[field];
  if (value === undefined) return [];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    return [{ field: `spec.${field}`, type: 'Invalid value', value, detail: 'must be greater than or equal to 0' }];
  }
  return [];
}

function defaultTemplate(o: Workload, restartPolicy: string): void {
  const template = o.spec.template!;
  template.spec.restartPolicy ??= restartPolicy as Pod['spec']['restartPolicy'];
  defaultPodSpec(template.spec);
}

function appsKind(kind: string, defaults: (o: Workload) => void, extra: (o: Workload) => FieldError[] = () => []): void {
  registerKind({
    kind,
    apiVersion: 'apps/v1',
    namespaced: true,
    admit: (_api, object, existing) => {
      const o = object as Workload;
      o.spec ??= {};
      const problems = [...validateReplicas(o), ...validateSelectorAndTemplate(o, ['Always']), ...extra(o)];
      if (problems.length) return problems;
      defaults(o);
      defaultTemplate(o, 'Always');
      // Updates move generation in ApiServer.update, when the spec changed.
      o.metadata.generation = existing ? existing.metadata.generation : 1;
      o.status = existing ? (existing as Workload).status : {};
      return [];
    },
  });
}

const rollingUpdate = (maxUnavailable: string | number, maxSurge?: string | number) => ({
  type: 'RollingUpdate',
  rollingUpdate: { maxUnavailable, ...(maxSurge !== undefined ? { maxSurge } : {}) },
});

appsKind('ReplicaSet', (o) => {
  o.spec.replicas ??= 1;
  o.spec.minReadySeconds ??= 0;
});

appsKind('Deployment', (o) => {
  o.spec.replicas ??= 1;
  o.spec.minReadySeconds ??= 0;
  o.spec.revisionHistoryLimit ??= 10;
  o.spec.progressDeadlineSeconds ??= 600;
  const strategy = (o.spec.strategy ??= rollingUpdate('25%', '25%')) as { type?: string; rollingUpdate?: Record<string, unknown> };
  strategy.type ??= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    strategy.rollingUpdate ??= {};
    strategy.rollingUpdate.maxUnavailable ??= '25%';
    strategy.rollingUpdate.maxSurge ??= '25%';
  }
});

appsKind('DaemonSet', (o) => {
  o.spec.minReadySeconds ??= 0;
  o.spec.revisionHistoryLimit ??= 10;
  const strategy = (o.spec.updateStrategy ??= rollingUpdate(1, 0)) as { type?: string; rollingUpdate?: Record<string, unknown> };
  strategy.type ??= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    strategy.rollingUpdate ??= {};
    strategy.rollingUpdate.maxUnavailable ??= 1;
    strategy.rollingUpdate.maxSurge ??= 0;
  }
});

appsKind(
  'StatefulSet',
  (o) => {
    o.spec.replicas ??= 1;
    o.spec.podManagementPolicy ??= 'OrderedReady';
    o.spec.revisionHistoryLimit ??= 10;
    o.spec.minReadySeconds ??= 0;
    const strategy = (o.spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }) as { type?: string };
    strategy.type ??= 'RollingUpdate';
    o.spec.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: 'Retain', whenScaled: 'Retain' };
  },
  (o) => {
    const policy = o.spec.podManagementPolicy;
    if (policy !== undefined && policy !== 'OrderedReady' && policy !== 'Parallel') {
      return [{ field: 'spec.podManagementPolicy', type: 'Unsupported value', value: policy, detail: 'supported values: "OrderedReady", "Parallel"' }];
    }
    return [];
  },
);

// ---- batch/v1 Job ---------------------------------------------------------

registerKind({
  kind: 'Job',
  apiVersion: 'batch/v1',
  namespaced: true,
  admit: (_api, object, existing) => {
    const o = object as Workload;
    o.spec ??= {};
    // The API server generates the selector and labels (manualSelector is not modelled). adds its own selector and labels (manualSelector is not modelled).
    const template = o.spec.template;
    if (!template) return [{ field: 'spec.template', type: 'Required value' }];
    if (!template.spec?.restartPolicy || !['Never', 'OnFailure'].includes(template.spec.restartPolicy)) {
      return [{ field: 'spec.template.spec.restartPolicy', type: 'Required value', detail: 'valid values: "OnFailure", "Never"' }];
    }
    const problems = [
      ...validatePodSpec(template.spec, 'spec.template.spec'),
      ...validateBehaviour(template.metadata?.annotations, 'spec.template.metadata'),
      ...validateReplicas(o, 'parallelism'),
      ...validateReplicas(o, 'completions'),
      ...validateReplicas(o, 'backoffLimit'),
    ];
    if (problems.length) return problems;
    o.spec.parallelism ??= 1;
    if (o.spec.completions === undefined && o.spec.completionMode !== 'Indexed') o.spec.completions = o.spec.parallelism === 1 ? 1 : undefined;
    if (o.spec.completions === undefined) delete o.spec.completions;
    o.spec.backoffLimit ??= 6;
    o.spec.completionMode ??= 'NonIndexed';
    o.spec.suspend ??= false;
    o.spec.podReplacementPolicy ??= o.spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
    // Upstream also labels by controller-uid; the name is unique per namespace here, which is enough.
    const labels = { ...template.metadata?.labels, 'batch.kubernetes.io/job-name': o.metadata.name, 'job-name': o.metadata.name };
    template.metadata = { ...template.metadata, labels };
    o.spec.selector ??= { matchLabels: { 'batch.kubernetes.io/job-name': o.metadata.name } };
    defaultPodSpec(template.spec);
    o.metadata.generation = existing ? existing.metadata.generation : 1;
    o.status = existing ? (existing as Workload).status : {};
    return [];
  },
});

// ---- v1 Service, discovery.k8s.io/v1 EndpointSlice, policy/v1 PodDisruptionBudget

registerKind({
  kind: 'Service',
  apiVersion: 'v1',
  namespaced: true,
  admit: (api, object, existing) => {
    const o = object as KubeObject & { spec?: { type?: string; selector?: Record<string, string>; ports?: { port?: number; targetPort?: number | string; protocol?: string; name?: string }[]; sessionAffinity?: string; clusterIP?: string } };
    const spec = (o.spec ??= {});
    const out: FieldError[] = [];
    (spec.ports ?? []).forEach((port, i) => {
      if (typeof port.port !== 'number' || port.port < 1 || port.port > 65535) {
        out.push({ field: `spec.ports[${i}].port`, type: 'Invalid value', value: port.port, detail: 'must be between 1 and 65535, inclusive' });
      }
    });
    if (out.length) return out;
    spec.type ??= 'ClusterIP';
    spec.sessionAffinity ??= 'None';
    for (const port of spec.ports ?? []) {
      port.protocol ??= 'TCP';
      port.targetPort ??= port.port;
    }
    return admitClusterIP(api, o as ServiceObject, existing as ServiceObject | undefined);
  },
});

registerKind({ kind: 'EndpointSlice', apiVersion: 'discovery.k8s.io/v1', namespaced: true, admit: () => [] });

registerKind({
  kind: 'PodDisruptionBudget',
  apiVersion: 'policy/v1',
  namespaced: true,
  admit: (_api, object, existing) => {
    const o = object as KubeObject & { spec?: { minAvailable?: unknown; maxUnavailable?: unknown; selector?: LabelSelector }; status?: object };
    const spec = (o.spec ??= {});
    if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
      return [{ field: 'spec', type: 'Invalid value', value: spec, detail: 'minAvailable and maxUnavailable cannot be both set' }];
    }
    o.status = existing ? ((existing as typeof o).status ?? {}) : { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
    o.metadata.generation = existing ? existing.metadata.generation : 1;
    return [];
  },
});

type ServiceObject = KubeObject & { spec: { type?: string; clusterIP?: string; clusterIPs?: string[]; ipFamilies?: string[]; ipFamilyPolicy?: string; internalTrafficPolicy?: string } };

/**
 * A Service's ClusterIP: kept once set (upstream: "may not change once set"),
 * asked for by name, or allocated from the service range (service-ips.ts);
 * `None` makes it headless, an ExternalName Service has none.
 * Upstream: pkg/registry/core/service/storage/alloc.go, pkg/apis/core/validation ValidateServiceUpdate.
 */
function admitClusterIP(api: ApiServer, o: ServiceObject, existing: ServiceObject | undefined): FieldError[] {
  const spec = o.spec;
  if (spec.type === 'ExternalName') return [];
  const kept = existing?.spec.clusterIP;
  const requested = spec.clusterIP ?? spec.clusterIPs?.[0];
  if (kept !== undefined) {
    if (requested !== undefined && requested !== '' && requested !== kept) {
      return [{ field: 'spec.clusterIPs[0]', type: 'Invalid value', value: requested, detail: 'may not change once set' }];
    }
    spec.clusterIP = kept;
  } else if (requested === 'None') {
    spec.clusterIP = 'None';
  } else if (requested !== undefined && requested !== '') {
    const problem = checkRequestedIP(requested, api.list('Service'));
    if (problem) return [problem];
    spec.clusterIP = requested;
  } else {
    const ip = allocateClusterIP(api.list('Service'), api.clusterIPRng);
    if (!ip) throw new ApiError('InternalError', 'Internal error occurred: failed to allocate a serviceIP: range is full');
    spec.clusterIP = ip;
  }
  spec.clusterIPs = [spec.clusterIP];
  if (spec.clusterIP !== 'None') {
    spec.ipFamilies ??= ['IPv4'];
    spec.ipFamilyPolicy ??= 'SingleStack';
  }
  spec.internalTrafficPolicy ??= 'Cluster';
  return [];
}
