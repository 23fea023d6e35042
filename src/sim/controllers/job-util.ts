/**
 * Job helpers: the pod failure policy (Upstream:
 * pkg/controller/job/pod_failure_policy.go), the pod-failure backoff
 * (backoff_utils.go) and the condition helpers of job_controller.go.
 */
import type * as batch from 'kubernetes-types/batch/v1';
import type { ContainerStatus, PodCondition } from 'kubernetes-types/core/v1';
import { getPodCondition } from '../api/conditions';
import { fromTimestamp, toTimestamp } from '../core/time';
import type { KubeObject, Pod, StoredMeta } from '../api/types';

export interface Job extends batch.Job, KubeObject {
  kind: 'Job';
  apiVersion: 'batch/v1';
  metadata: StoredMeta & { namespace: string };
  spec: batch.JobSpec;
  status?: batch.JobStatus;
}

export type JobCondition = batch.JobCondition;
export type JobStatus = batch.JobStatus;

/** Upstream: batch.JobTrackingFinalizer. */
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
/** Upstream: DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff. */
export const DEFAULT_JOB_POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_JOB_POD_FAILURE_BACKOFF_MS = 360_000;

// ---- pod failure policy ---------------------------------------------------------

export interface PodFailurePolicyMatch {
  /** Set when a FailJob rule matched: the Job fails with this message. */
  failJobMessage?: string;
  /** Whether the failure counts against backoffLimit (false for Ignore). */
  countFailed: boolean;
  action?: string;
}

/**
 * Upstream: matchPodFailurePolicy — the first rule whose onExitCodes or
 * onPodConditions match decides. FailIndex needs backoffLimitPerIndex
 * (not modelled), so such a rule falls through like upstream's without it.
 */
export function matchPodFailurePolicy(policy: batch.PodFailurePolicy | undefined, pod: Pod): PodFailurePolicyMatch {
  if (!policy) return { countFailed: true };
  for (const [index, rule] of policy.rules.entries()) {
    if (rule.onExitCodes) {
      const container = matchOnExitCodes(pod, rule.onExitCodes);
      if (!container) continue;
      const exitCode = container.state!.terminated!.exitCode;
      const message = `Container ${container.name} for pod ${pod.metadata.namespace}/${pod.metadata.name} failed with exit code ${exitCode} matching ${rule.action} rule at index ${index}`;
      const decided = decide(rule.action, message);
      if (decided) return decided;
    } else if (rule.onPodConditions) {
      const condition = matchOnPodConditions(pod, rule.onPodConditions);
      if (!condition) continue;
      const message = `Pod ${pod.metadata.namespace}/${pod.metadata.name} has condition ${condition.type} matching ${rule.action} rule at index ${index}`;
      const decided = decide(rule.action, message);
      if (decided) return decided;
    }
  }
  return { countFailed: true };
}

function decide(action: string, failJobMessage: string): PodFailurePolicyMatch | undefined {
  switch (action) {
    case 'Ignore':
      return { countFailed: false, action };
    case 'Count':
      return { countFailed: true, action };
    case 'FailJob':
      return { failJobMessage, countFailed: true, action };
    default:
      return undefined;
  }
}

function matchOnExitCodes(pod: Pod, requirement: batch.PodFailurePolicyOnExitCodesRequirement): ContainerStatus | undefined {
  const statuses = [...(pod.status.containerStatuses ?? []), ...(pod.status.initContainerStatuses ?? [])];
  return statuses.find((status) => {
    const terminated = status.state?.terminated;
    if (!terminated || terminated.exitCode === 0) return false;
    if (requirement.containerName !== undefined && requirement.containerName !== status.name) return false;
    const listed = requirement.values.includes(terminated.exitCode);
    return requirement.operator === 'In' ? listed : requirement.operator === 'NotIn' ? !listed : false;
  });
}

function matchOnPodConditions(pod: Pod, patterns: readonly batch.PodFailurePolicyOnPodConditionsPattern[]): PodCondition | undefined {
  for (const condition of pod.status.conditions ?? []) {
    if (patterns.some((p) => p.type === condition.type && (p.status ?? 'True') === condition.status)) return condition;
  }
  return undefined;
}

// ---- pod failure backoff ----------------------------------------------------------

/** Upstream: backoffRecord — consecutive failures since the last success. */
export interface BackoffRecord {
  failuresAfterLastSuccess: number;
  lastFailureTimeMs: number | null;
}

/**
 * Upstream: newBackoffRecord — a success resets the count; failures after
 * the last success add to it.
 */
export function newBackoffRecord(old: BackoffRecord | undefined, newSucceeded: readonly Pod[], newFailed: readonly Pod[]): BackoffRecord {
  const record: BackoffRecord = old ? { ...old } : { failuresAfterLastSuccess: 0, lastFailureTimeMs: null };
  const failedTimes = newFailed.map(getFinishedTimeMs).sort((a, b) => a - b);
  if (newSucceeded.length === 0) {
    if (failedTimes.length === 0) return record;
    return { failuresAfterLastSuccess: record.failuresAfterLastSuccess + failedTimes.length, lastFailureTimeMs: failedTimes[failedTimes.length - 1]! };
  }
  const lastSuccessMs = Math.max(...newSucceeded.map(getFinishedTimeMs));
  const after = failedTimes.filter((t) => t > lastSuccessMs);
  return { failuresAfterLastSuccess: after.length, lastFailureTimeMs: after.length ? after[after.length - 1]! : null };
}

/**
 * Upstream: getRemainingTimeForFailuresCount — 10 s doubling per
 * consecutive failure, capped at 6 min, counted from the last failure.
 */
export function getRemainingTimeMs(record: BackoffRecord | undefined, nowMs: number): number {
  if (!record || record.failuresAfterLastSuccess === 0 || record.lastFailureTimeMs === null) return 0;
  let backoffMs = DEFAULT_JOB_POD_FAILURE_BACKOFF_MS;
  for (let i = 1; i < record.failuresAfterLastSuccess; i++) {
    backoffMs *= 2;
    if (backoffMs >= MAX_JOB_POD_FAILURE_BACKOFF_MS) {
      backoffMs = MAX_JOB_POD_FAILURE_BACKOFF_MS;
      break;
    }
  }
  const elapsedMs = nowMs - record.lastFailureTimeMs;
  return backoffMs < elapsedMs ? 0 : backoffMs - elapsedMs;
}

/**
 * Upstream: getFinishedTime — when every container terminated; else when
 * Ready turned False; else the deletion time (deletionTimestamp − grace);
 * else the creation time.
 */
export function getFinishedTimeMs(pod: Pod): number {
  const statuses = pod.status.containerStatuses ?? [];
  const finished = statuses.map((s) => s.state?.terminated?.finishedAt);
  if (statuses.length > 0 && finished.every((t) => t !== undefined)) return Math.max(...finished.map((t) => fromTimestamp(t!)));
  const ready = getPodCondition(pod, 'Ready');
  if (ready?.status === 'False' && ready.lastTransitionTime) return fromTimestamp(ready.lastTransitionTime);
  if (pod.metadata.deletionTimestamp) return fromTimestamp(pod.metadata.deletionTimestamp) - (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
  return fromTimestamp(pod.metadata.creationTimestamp);
}

// ---- conditions ---------------------------------------------------------------------

/** Upstream: newCondition. */
export function newCondition(type: string, status: string, reason: string, message: string, nowMs: number): JobCondition {
  const now = toTimestamp(nowMs);
  return { type, status, lastProbeTime: now, lastTransitionTime: now, reason, message };
}

export function findCondition(status: JobStatus | undefined, type: string): JobCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/** Upstream: IsJobFinished — Complete or Failed is True. */
export function isJobFinished(job: Job): boolean {
  return (job.status?.conditions ?? []).some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

/**
 * Upstream: ensureJobConditionStatus — replace a condition whose status,
 * reason or message differ; append a missing one unless it would be False.
 * Returns whether anything changed.
 */
export function ensureJobConditionStatus(status: JobStatus, type: string, value: string, reason: string, message: string, nowMs: number): boolean {
  const conditions = (status.conditions ??= []);
  const index = conditions.findIndex((c) => c.type === type);
  if (index >= 0) {
    const old = conditions[index]!;
    if (old.status === value && (old.reason ?? '') === reason && (old.message ?? '') === message) return false;
    conditions[index] = newCondition(type, value, reason, message, nowMs);
    return true;
  }
  if (value === 'False') return false;
  conditions.push(newCondition(type, value, reason, message, nowMs));
  return true;
}
