/**
 * Admission: API defaulting, the admission plugins that matter here
 * (Priority, DefaultTolerationSeconds) and validation, with the API server's
 * field paths and messages. One entry per kind the store accepts.
 */
import type { Toleration } from 'kubernetes-types/core/v1';
import { parseQuantity } from '../api/quantity';
import { TAINT_NOT_READY, TAINT_UNREACHABLE } from '../api/taints';
import { NAMESPACED_KINDS, type KubeObject, type Manifest, type Pod } from '../api/types';
import { validateLabel, validateLabelValue, validateQualifiedName, validateSubdomain } from '../../kube/names';
import { validateTaint } from '../../kube/taints';
import type { ApiServer } from './apiserver';
import { ApiError, errors, type FieldError } from './errors';
import { kindInfo, registerKind, type KindInfo } from './kind-registry';
import { defaultPodSpec, validateBehaviour, validatePodSpec } from './pod-spec';
// The workload kinds register themselves on import.
import './workload-kinds';

export { isServedKind, kindInfo, registerKind } from './kind-registry';
export { defaultPodSpec, validatePodSpec } from './pod-spec';


/** Defaults and validates a new object; throws ApiError (Invalid, Forbidden, BadRequest). */
export function admit(api: ApiServer, manifest: Manifest): KubeObject {
  const info = kindInfo(manifest.kind, manifest.apiVersion);
  if (manifest.apiVersion !== undefined && manifest.apiVersion !== info.apiVersion) {
    throw errors.badRequest(`no matches for kind "${info.kind}" in version "${manifest.apiVersion}"`);
  }
  const object = manifest as unknown as KubeObject;
  object.apiVersion = info.apiVersion;
  const metadata = (object.metadata ??= {} as KubeObject['metadata']);
  if (!metadata.name && metadata.generateName) metadata.name = api.newGeneratedName(metadata.generateName);
  if (info.namespaced) metadata.namespace ||= 'default';
  else delete metadata.namespace;
  const problems = [...validateMeta(object, info), ...info.admit(api, object)];
  if (problems.length) throw errors.invalid(info.kind, metadata.name ?? '', problems);
  return object;
}

/** Defaults and validates the new version of an existing object (kubectl apply). */
export function admitUpdate(api: ApiServer, existing: KubeObject, manifest: Manifest): KubeObject {
  const info = kindInfo(manifest.kind);
  const object = manifest as unknown as KubeObject;
  object.apiVersion = info.apiVersion;
  object.metadata = { ...existing.metadata, labels: manifest.metadata?.labels, annotations: manifest.metadata?.annotations };
  const problems = [...validateMeta(object, info), ...info.admit(api, object, existing)];
  if (problems.length) throw errors.invalid(info.kind, existing.metadata.name, problems);
  return object;
}

function validateMeta(object: KubeObject, info: KindInfo): FieldError[] {
  const out: FieldError[] = [];
  const { name, labels } = object.metadata;
  if (!name) {
    out.push({ field: 'metadata.name', type: 'Required value', detail: 'name or generateName is required' });
  } else {
    const nameErrors = info.kind === 'Namespace' ? validateLabel(name) : validateSubdomain(name);
    for (const detail of nameErrors) out.push({ field: 'metadata.name', type: 'Invalid value', value: name, detail });
  }
  if (info.namespaced && object.metadata.namespace) {
    for (const detail of validateLabel(object.metadata.namespace)) {
      out.push({ field: 'metadata.namespace', type: 'Invalid value', value: object.metadata.namespace, detail });
    }
  }
  for (const [key, value] of Object.entries(labels ?? {})) {
    for (const detail of validateQualifiedName(key)) out.push({ field: 'metadata.labels', type: 'Invalid value', value: key, detail });
    if (typeof value !== 'string') {
      out.push({ field: `metadata.labels[${key}]`, type: 'Invalid value', value, detail: 'must be a string' });
      continue;
    }
    for (const detail of validateLabelValue(value)) out.push({ field: 'metadata.labels', type: 'Invalid value', value, detail });
  }
  return out;
}

// ---- Namespace, Lease, PriorityClass ---------------------------------------

registerKind({ kind: 'Namespace', apiVersion: 'v1', namespaced: false, admit: (_api, o) => {
  const ns = o as KubeObject & { spec?: object; status?: { phase?: string } };
  ns.spec ??= {};
  ns.status = { phase: 'Active' };
  return [];
} });

registerKind({ kind: 'Lease', apiVersion: 'coordination.k8s.io/v1', namespaced: true, admit: (_api, o) => {
  (o as KubeObject & { spec?: object }).spec ??= {};
  return [];
} });

export const SYSTEM_CRITICAL_PRIORITY = 2_000_000_000;
const HIGHEST_USER_PRIORITY = 1_000_000_000;

registerKind({ kind: 'PriorityClass', apiVersion: 'scheduling.k8s.io/v1', namespaced: false, admit: (_api, o) => {
  const pc = o as KubeObject & { value?: number; globalDefault?: boolean; preemptionPolicy?: string };
  const out: FieldError[] = [];
  pc.preemptionPolicy ??= 'PreemptLowerPriority';
  if (typeof pc.value !== 'number' || !Number.isInteger(pc.value)) {
    out.push({ field: 'value', type: 'Required value' });
  } else if (pc.value > HIGHEST_USER_PRIORITY && !pc.metadata.name.startsWith('system-')) {
    out.push({ field: 'value', type: 'Forbidden', detail: `maximum allowed value of a user defined priority is ${HIGHEST_USER_PRIORITY}` });
  }
  return out;
} });

// ---- Node -----------------------------------------------------------------

registerKind({ kind: 'Node', apiVersion: 'v1', namespaced: false, admit: (_api, o) => {
  const node = o as KubeObject & { spec?: { taints?: { key: string; value?: string; effect: string }[]; unschedulable?: boolean }; status?: object };
  node.spec ??= {};
  node.status ??= {};
  const out: FieldError[] = [];
  const seen = new Set<string>();
  (node.spec.taints ?? []).forEach((taint, i) => {
    const path = `spec.taints[${i}]`;
    for (const e of validateTaint(taint)) out.push({ ...e, field: `${path}.${e.field}` });
    const id = `${taint.key}:${taint.effect}`;
    if (seen.has(id)) out.push({ field: `${path}`, type: 'Duplicate value', value: id, detail: 'taints must be unique by key and effect pair' });
    seen.add(id);
  });
  return out;
} });

// ---- Pod ------------------------------------------------------------------

registerKind({ kind: 'Pod', apiVersion: 'v1', namespaced: true, admit: (api, o, existing) => {
  const pod = o as Pod;
  pod.spec ??= {} as Pod['spec'];
  const out = [...validatePodSpec(pod.spec, 'spec'), ...validateBehaviour(pod.metadata.annotations, 'metadata')];
  if (out.length) return out;
  defaultPodSpec(pod.spec);
  if (!existing) {
    const priorityError = admitPriority(api, pod);
    if (priorityError) throw priorityError;
  } else {
    pod.spec.priority = (existing as Pod).spec.priority;
    pod.spec.priorityClassName ??= (existing as Pod).spec.priorityClassName;
    pod.spec.preemptionPolicy ??= (existing as Pod).spec.preemptionPolicy;
  }
  addDefaultTolerations(pod, api.settings.defaultNotReadyTolerationSeconds, api.settings.defaultUnreachableTolerationSeconds);
  if (existing) {
    const problems = validatePodUpdate(pod, existing as Pod);
    if (problems.length) return problems;
  }
  pod.status = existing ? (existing as Pod).status : { phase: 'Pending', qosClass: qosClass(pod) };
  return [];
} });

const POD_UPDATE_FORBIDDEN =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/**
 * Upstream: pkg/apis/core/validation ValidatePodUpdate. A pod's spec is
 * immutable but for images, activeDeadlineSeconds and added tolerations
 * (existing ones may change only their tolerationSeconds).
 */
function validatePodUpdate(pod: Pod, old: Pod): FieldError[] {
  const out: FieldError[] = [];
  const oldTolerations = old.spec.tolerations ?? [];
  const newTolerations = pod.spec.tolerations ?? [];
  const sameExceptSeconds = (a: Toleration, b: Toleration) =>
    (a.key ?? '') === (b.key ?? '') && (a.operator ?? 'Equal') === (b.operator ?? 'Equal') && (a.value ?? '') === (b.value ?? '') && (a.effect ?? '') === (b.effect ?? '');
  if (!oldTolerations.every((t) => newTolerations.some((n) => sameExceptSeconds(t, n)))) {
    out.push({ field: 'spec.tolerations', type: 'Forbidden', detail: 'existing toleration can not be modified except its tolerationSeconds' });
  }
  const comparable = (spec: Pod['spec'], images: Pod['spec']) => ({
    ...spec,
    containers: spec.containers.map((c, i) => ({ ...c, image: images.containers[i]?.image ?? c.image })),
    tolerations: undefined,
    activeDeadlineSeconds: undefined,
  });
  if (JSON.stringify(comparable(pod.spec, old.spec)) !== JSON.stringify(comparable(old.spec, old.spec))) {
    out.push({ field: 'spec', type: 'Forbidden', detail: POD_UPDATE_FORBIDDEN });
  }
  return out;
}

/** Upstream: plugin/pkg/admission/priority (the Priority admission plugin). */
function admitPriority(api: ApiServer, pod: Pod): ApiError | undefined {
  const className = pod.spec.priorityClassName;
  let value = 0;
  let preemptionPolicy = 'PreemptLowerPriority';
  if (className) {
    const pc = api.get<KubeObject & { value: number; preemptionPolicy?: string }>('PriorityClass', className);
    if (!pc) return errors.forbidden('Pod', pod.metadata.name, `no PriorityClass with name ${className} was found`);
    value = pc.value;
    preemptionPolicy = pc.preemptionPolicy ?? preemptionPolicy;
  } else {
    for (const pc of api.list<KubeObject & { value: number; globalDefault?: boolean; preemptionPolicy?: string }>('PriorityClass')) {
      if (pc.globalDefault) {
        value = pc.value;
        pod.spec.priorityClassName = pc.metadata.name;
        preemptionPolicy = pc.preemptionPolicy ?? preemptionPolicy;
      }
    }
  }
  if (pod.spec.priority !== undefined && pod.spec.priority !== value) {
    return errors.forbidden('Pod', pod.metadata.name, `the integer value of priority (${pod.spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`);
  }
  pod.spec.priority = value;
  pod.spec.preemptionPolicy ??= preemptionPolicy as Pod['spec']['preemptionPolicy'];
  return undefined;
}

/**
 * Upstream: plugin/pkg/admission/defaulttolerationseconds/admission.go. A pod
 * that does not already tolerate not-ready (resp. unreachable) NoExecute taints
 * gets a toleration for them, limited to the default number of seconds.
 */
export function addDefaultTolerations(pod: Pod, notReadySeconds: number, unreachableSeconds: number): void {
  const tolerations = pod.spec.tolerations ?? [];
  const covers = (key: string) =>
    tolerations.some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect));
  const additions: Toleration[] = [];
  if (!covers(TAINT_NOT_READY)) {
    additions.push({ key: TAINT_NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: notReadySeconds });
  }
  if (!covers(TAINT_UNREACHABLE)) {
    additions.push({ key: TAINT_UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: unreachableSeconds });
  }
  if (additions.length) pod.spec.tolerations = [...tolerations, ...additions];
}

/** Upstream: pkg/apis/core/helper/qos GetPodQOS (cpu and memory only). */
function qosClass(pod: Pod): string {
  let anySet = false;
  let guaranteed = true;
  for (const c of pod.spec.containers) {
    for (const resource of ['cpu', 'memory']) {
      const request = c.resources?.requests?.[resource];
      const limit = c.resources?.limits?.[resource];
      if (request !== undefined || limit !== undefined) anySet = true;
      if (limit === undefined || parseQuantity(limit as string) !== parseQuantity((request ?? limit) as string)) guaranteed = false;
    }
  }
  if (!anySet) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export function isNamespaced(kind: string): boolean {
  return NAMESPACED_KINDS.has(kind);
}
