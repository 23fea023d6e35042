/** Pod spec validation and defaulting, shared by Pods and the workload kinds' templates. */
import type { Toleration } from 'kubernetes-types/core/v1';
import { validateLabel, validateLabelValue, validateQualifiedName, validateSubdomain } from '../../kube/names';
import { parseQuantity } from '../api/quantity';
import { TAINT_EFFECTS } from '../api/taints';
import type { Pod } from '../api/types';
import type { FieldError } from './errors';
import { BEHAVIOUR_ANNOTATION, BehaviourError, parseBehaviour } from '../kubelet/container-behaviour';

/** The simulation's container behaviour annotation (kubelet/container-behaviour.ts) must parse. `at` is the metadata's path. */
export function validateBehaviour(annotations: Record<string, string> | undefined, at: string): FieldError[] {
  const value = annotations?.[BEHAVIOUR_ANNOTATION];
  if (value === undefined) return [];
  try {
    parseBehaviour(value);
    return [];
  } catch (error) {
    if (!(error instanceof BehaviourError)) throw error;
    return [{ field: `${at}.annotations[${BEHAVIOUR_ANNOTATION}]`, type: 'Invalid value', value, detail: error.message }];
  }
}

/** Upstream ValidateProbe: periods, timeouts and thresholds at least 1, delays not negative; liveness and startup succeed once. */
function validateProbes(c: Pod['spec']['containers'][number], path: string): FieldError[] {
  const out: FieldError[] = [];
  for (const field of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    const probe = c[field];
    if (!probe) continue;
    for (const key of ['periodSeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold'] as const) {
      const v = probe[key];
      if (v !== undefined && !(Number.isInteger(v) && v >= 1)) out.push({ field: `${path}.${field}.${key}`, type: 'Invalid value', value: v, detail: 'must be greater than or equal to 1' });
    }
    const delay = probe.initialDelaySeconds;
    if (delay !== undefined && !(Number.isInteger(delay) && delay >= 0)) out.push({ field: `${path}.${field}.initialDelaySeconds`, type: 'Invalid value', value: delay, detail: 'must be greater than or equal to 0' });
    if (field !== 'readinessProbe' && probe.successThreshold !== undefined && probe.successThreshold !== 1) {
      out.push({ field: `${path}.${field}.successThreshold`, type: 'Invalid value', value: probe.successThreshold, detail: 'must be 1' });
    }
  }
  return out;
}

/** Upstream: ValidatePodSpec, the parts the simulation reads. `at` is the spec's field path. */
export function validatePodSpec(spec: Pod['spec'], at: string): FieldError[] {
  const out: FieldError[] = [];
  if (!spec || typeof spec !== 'object') return [{ field: at, type: 'Required value' }];
  if (!Array.isArray(spec.containers) || spec.containers.length === 0) {
    out.push({ field: `${at}.containers`, type: 'Required value' });
  }
  (spec.containers ?? []).forEach((c, i) => {
    const path = `${at}.containers[${i}]`;
    if (!c.name) out.push({ field: `${path}.name`, type: 'Required value' });
    else for (const detail of validateLabel(c.name)) out.push({ field: `${path}.name`, type: 'Invalid value', value: c.name, detail });
    if (!c.image) out.push({ field: `${path}.image`, type: 'Required value' });
    out.push(...validateProbes(c, path));
    for (const kind of ['requests', 'limits'] as const) {
      for (const [resource, value] of Object.entries(c.resources?.[kind] ?? {})) {
        if (parseQuantity(value as string) === undefined) {
          out.push({ field: `${path}.resources.${kind}[${resource}]`, type: 'Invalid value', value, detail: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'" });
        }
      }
    }
  });
  if (spec.restartPolicy && !['Always', 'OnFailure', 'Never'].includes(spec.restartPolicy)) {
    out.push({ field: `${at}.restartPolicy`, type: 'Unsupported value', value: spec.restartPolicy, detail: 'supported values: "Always", "OnFailure", "Never"' });
  }
  if (spec.nodeName) {
    for (const detail of validateSubdomain(spec.nodeName)) out.push({ field: `${at}.nodeName`, type: 'Invalid value', value: spec.nodeName, detail });
  }
  (spec.tolerations ?? []).forEach((t, i) => out.push(...validateToleration(t, `${at}.tolerations[${i}]`)));
  return out;
}

/** Upstream: pkg/apis/core/validation ValidateTolerations. */
function validateToleration(t: Toleration, path: string): FieldError[] {
  const out: FieldError[] = [];
  if (t.key) for (const detail of validateQualifiedName(t.key)) out.push({ field: `${path}.key`, type: 'Invalid value', value: t.key, detail });
  if (!t.key && t.operator !== 'Exists') {
    out.push({ field: `${path}.operator`, type: 'Invalid value', value: t.operator ?? '', detail: 'operator must be Exists when `key` is empty, which means "match all values and all keys"' });
  }
  if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
    out.push({ field: `${path}.effect`, type: 'Invalid value', value: t.effect ?? '', detail: "effect must be 'NoExecute' when `tolerationSeconds` is set" });
  }
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      for (const detail of validateLabelValue(t.value ?? '')) out.push({ field: `${path}.value`, type: 'Invalid value', value: t.value, detail });
      break;
    case 'Exists':
      if (t.value) out.push({ field: `${path}.operator`, type: 'Invalid value', value: t, detail: "value must be empty when `operator` is 'Exists'" });
      break;
    default:
      out.push({ field: `${path}.operator`, type: 'Unsupported value', value: t.operator, detail: 'supported values: "Equal", "Exists"' });
  }
  if (t.effect && !TAINT_EFFECTS.includes(t.effect as never)) {
    out.push({ field: `${path}.effect`, type: 'Unsupported value', value: t.effect, detail: 'supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"' });
  }
  return out;
}

/** Upstream: pkg/apis/core/v1/defaults.go (SetDefaults_PodSpec and friends), the fields the simulation reads. */
export function defaultPodSpec(spec: Pod['spec']): void {
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ??= 'default-scheduler';
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.enableServiceLinks ??= true;
  for (const c of spec.containers) {
    c.imagePullPolicy ??= c.image && (!c.image.includes(':') || c.image.endsWith(':latest')) ? 'Always' : 'IfNotPresent';
    // Requests default to limits (SetDefaults_ResourceRequirements).
    if (c.resources?.limits) {
      c.resources.requests = { ...c.resources.limits, ...c.resources.requests };
    }
  }
}
