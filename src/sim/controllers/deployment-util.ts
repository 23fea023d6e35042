/**
 * Pure helpers of the Deployment controller: fenceposts, revisions and
 * their annotations, new/old ReplicaSet selection, proportions, conditions.
 *
 * Upstream: pkg/controller/deployment/util/deployment_util.go (names kept),
 * and the ReplicaSet sort orders of pkg/controller/controller_utils.go.
 */
import { deepClone } from '../core/clone';
import { fromTimestamp, toTimestamp } from '../core/time';
import type { LabelSelector } from '../api/types';
import type { Deployment, DeploymentCondition, PodTemplate, ReplicaSet } from './workload-types';
import { compareStrings, computeHash, scaledValueFromIntOrPercent, stableStringify } from './workload-utils';

/** Upstream: apps.DefaultDeploymentUniqueLabelKey. */
export const DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY = 'pod-template-hash';
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const LAST_APPLIED_CONFIG_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
export const DEPRECATED_ROLLBACK_TO_ANNOTATION = 'deprecated.deployment.rollback.to';
/** Upstream: the controller manager's MaxRevHistoryLengthInChars. */
export const MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000;
const MAX_INT32 = 2147483647;

// Condition reasons (upstream names).
export const ReplicaSetUpdatedReason = 'ReplicaSetUpdated';
export const FailedRSCreateReason = 'ReplicaSetCreateError';
export const NewReplicaSetReason = 'NewReplicaSetCreated';
export const FoundNewRSReason = 'FoundNewReplicaSet';
export const NewRSAvailableReason = 'NewReplicaSetAvailable';
export const TimedOutReason = 'ProgressDeadlineExceeded';
export const PausedDeployReason = 'DeploymentPaused';
export const ResumedDeployReason = 'DeploymentResumed';
export const MinimumReplicasAvailable = 'MinimumReplicasAvailable';
export const MinimumReplicasUnavailable = 'MinimumReplicasUnavailable';

type Status = Deployment['status'];

// ---- fenceposts -------------------------------------------------------------

/**
 * Upstream: ResolveFenceposts → [maxSurge, maxUnavailable]. Surge rounds
 * up, unavailable down; if both come out 0, unavailable is 1 ("surge might
 * not work due to quota"). Values validation would reject count as 0.
 */
export function resolveFenceposts(maxSurge: number | string | undefined, maxUnavailable: number | string | undefined, desired: number): [number, number] {
  const surge = scaledValueFromIntOrPercent(maxSurge ?? 0, desired, true) ?? 0;
  let unavailable = scaledValueFromIntOrPercent(maxUnavailable ?? 0, desired, false) ?? 0;
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

export function isRollingUpdate(d: Deployment): boolean {
  return d.spec.strategy.type === 'RollingUpdate';
}

/** Upstream: MaxUnavailable — 0 unless rolling; never more than the replicas. */
export function maxUnavailable(d: Deployment): number {
  if (!isRollingUpdate(d) || d.spec.replicas === 0) return 0;
  const rolling = d.spec.strategy.rollingUpdate;
  const [, unavailable] = resolveFenceposts(rolling?.maxSurge, rolling?.maxUnavailable, d.spec.replicas);
  return Math.min(unavailable, d.spec.replicas);
}

/** Upstream: MaxSurge — 0 unless rolling. */
export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const rolling = d.spec.strategy.rollingUpdate;
  return resolveFenceposts(rolling?.maxSurge, rolling?.maxUnavailable, d.spec.replicas)[0];
}

export function hasProgressDeadline(d: Deployment): boolean {
  return d.spec.progressDeadlineSeconds !== undefined && d.spec.progressDeadlineSeconds !== MAX_INT32;
}

export function hasRevisionHistoryLimit(d: Deployment): boolean {
  return d.spec.revisionHistoryLimit !== undefined && d.spec.revisionHistoryLimit !== MAX_INT32;
}

// ---- revisions and annotations -------------------------------------------------

/** Upstream: Revision — 0 when unannotated, undefined when unparsable. */
export function revision(rs: ReplicaSet): number | undefined {
  const value = rs.metadata.annotations?.[REVISION_ANNOTATION];
  if (value === undefined) return 0;
  return /^-?\d+$/.test(value) ? Number(value) : undefined;
}

export function maxRevision(replicaSets: readonly ReplicaSet[]): number {
  let max = 0;
  for (const rs of replicaSets) max = Math.max(max, revision(rs) ?? 0);
  return max;
}

/** Upstream: SetDeploymentRevision (on the controller's working copy). */
export function setDeploymentRevision(d: Deployment, value: string): boolean {
  const annotations = (d.metadata.annotations ??= {});
  if (annotations[REVISION_ANNOTATION] === value) return false;
  annotations[REVISION_ANNOTATION] = value;
  return true;
}

/** Annotations a Deployment never copies to its ReplicaSets (nor takes back on rollback). */
export const ANNOTATIONS_TO_SKIP: ReadonlySet<string> = new Set([
  LAST_APPLIED_CONFIG_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  DEPRECATED_ROLLBACK_TO_ANNOTATION,
]);

/**
 * Upstream: SetNewReplicaSetAnnotations, on a mutable copy of the RS. Copies
 * the Deployment's annotations, raises the revision to `newRevision` if it
 * is lower (remembering the old one in revision-history: a rollback), and
 * for a RS about to be created sets desired/max replicas. Returns whether
 * anything changed.
 */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: string, exists: boolean): boolean {
  const annotations = (rs.metadata.annotations ??= {});
  let changed = false;
  for (const [key, value] of Object.entries(d.metadata.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(key) || annotations[key] === value) continue;
    annotations[key] = value;
    changed = true;
  }
  const oldRevision = annotations[REVISION_ANNOTATION];
  const oldRevisionInt = oldRevision === undefined || oldRevision === '' ? 0 : /^-?\d+$/.test(oldRevision) ? Number(oldRevision) : undefined;
  // Upstream gives up (and reports no change) on an unparsable revision.
  if (oldRevisionInt === undefined) return false;
  if (oldRevisionInt < Number(newRevision)) {
    annotations[REVISION_ANNOTATION] = newRevision;
    changed = true;
    if (oldRevision !== undefined) appendRevisionHistory(annotations, oldRevision);
  }
  if (!exists && setReplicasAnnotations(rs, d.spec.replicas, d.spec.replicas + maxSurge(d))) changed = true;
  return changed;
}

/** The revision-history annotation keeps the newest revisions that fit in 2000 characters. */
function appendRevisionHistory(annotations: Record<string, string>, oldRevision: string): void {
  const history = annotations[REVISION_HISTORY_ANNOTATION] ?? '';
  if (history === '') {
    annotations[REVISION_HISTORY_ANNOTATION] = oldRevision;
    return;
  }
  const revisions = history.split(',');
  let totalLength = history.length + oldRevision.length + 1;
  let start = 0;
  while (totalLength > MAX_REV_HISTORY_LENGTH_IN_CHARS && start < revisions.length) {
    totalLength -= revisions[start]!.length + 1;
    start++;
  }
  if (totalLength <= MAX_REV_HISTORY_LENGTH_IN_CHARS) {
    annotations[REVISION_HISTORY_ANNOTATION] = [...revisions.slice(start), oldRevision].join(',');
  }
}

/** Upstream: SetReplicasAnnotations. */
export function setReplicasAnnotations(rs: ReplicaSet, desiredReplicas: number, maxReplicas: number): boolean {
  const annotations = (rs.metadata.annotations ??= {});
  let updated = false;
  if (annotations[DESIRED_REPLICAS_ANNOTATION] !== String(desiredReplicas)) {
    annotations[DESIRED_REPLICAS_ANNOTATION] = String(desiredReplicas);
    updated = true;
  }
  if (annotations[MAX_REPLICAS_ANNOTATION] !== String(maxReplicas)) {
    annotations[MAX_REPLICAS_ANNOTATION] = String(maxReplicas);
    updated = true;
  }
  return updated;
}

export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desiredReplicas: number, maxReplicas: number): boolean {
  const annotations = rs.metadata.annotations ?? {};
  return annotations[DESIRED_REPLICAS_ANNOTATION] !== String(desiredReplicas) || annotations[MAX_REPLICAS_ANNOTATION] !== String(maxReplicas);
}

function intAnnotation(rs: ReplicaSet, key: string): number | undefined {
  const value = rs.metadata.annotations?.[key];
  return value !== undefined && /^[-+]?\d+$/.test(value) ? Number(value) : undefined;
}

export function getDesiredReplicasAnnotation(rs: ReplicaSet): number | undefined {
  return intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
}

// ---- new and old ReplicaSets ------------------------------------------------------

/** Upstream: ComputeHash of the Deployment's template (see workload-utils computeHash). */
export function podTemplateHash(template: PodTemplate, collisionCount: number | undefined): string {
  return computeHash(template, collisionCount);
}

/**
 * Upstream: EqualIgnoreHash — templates equal apart from the
 * pod-template-hash label, with apiequality.Semantic's rule that empty
 * and missing maps and lists are equal.
 */
export function equalIgnoreHash(a: PodTemplate, b: PodTemplate): boolean {
  return canonicalTemplate(a) === canonicalTemplate(b);
}

/** Stored objects are never mutated, so a template's canonical text can be kept per object. */
const canonicalCache = new WeakMap<PodTemplate, string>();

function canonicalTemplate(template: PodTemplate): string {
  let text = canonicalCache.get(template);
  if (text === undefined) {
    text = computeCanonicalTemplate(template);
    canonicalCache.set(template, text);
  }
  return text;
}

function computeCanonicalTemplate(template: PodTemplate): string {
  const copy = deepClone(template);
  if (copy.metadata?.labels) delete copy.metadata.labels[DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY];
  return stableStringify(dropEmpty(copy));
}

function dropEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map(dropEmpty);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const kept = dropEmpty(v);
    if (kept !== undefined) out[key] = kept;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** Upstream: FindNewReplicaSet — the oldest RS whose template is the Deployment's. */
export function findNewReplicaSet(d: Deployment, rsList: readonly ReplicaSet[]): ReplicaSet | undefined {
  return [...rsList].sort(byCreationTimestamp).find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
}

/** Upstream: FindOldReplicaSets → [old RSs with replicas, all old RSs]. */
export function findOldReplicaSets(d: Deployment, rsList: readonly ReplicaSet[]): [ReplicaSet[], ReplicaSet[]] {
  const newRS = findNewReplicaSet(d, rsList);
  const all = rsList.filter((rs) => rs.metadata.uid !== newRS?.metadata.uid);
  return [all.filter((rs) => rs.spec.replicas !== 0), all];
}

/** Upstream: FilterActiveReplicaSets — the ones with replicas. */
export function filterActiveReplicaSets(replicaSets: readonly (ReplicaSet | undefined)[]): ReplicaSet[] {
  return replicaSets.filter((rs): rs is ReplicaSet => rs !== undefined && rs.spec.replicas > 0);
}

/** Upstream: FindActiveOrLatest — the only active RS, else the newest if none is active, else none. */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreationTimestamp(b, a));
  const active = filterActiveReplicaSets([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

export function cloneSelectorAndAddLabel(selector: LabelSelector, key: string, value: string): LabelSelector {
  const copy = deepClone(selector);
  return { ...copy, matchLabels: { ...copy.matchLabels, [key]: value } };
}

// ---- counts ----------------------------------------------------------------------

type Maybe = ReplicaSet | undefined;
const sum = (rss: readonly Maybe[], f: (rs: ReplicaSet) => number | undefined) => rss.reduce((n, rs) => n + (rs ? (f(rs) ?? 0) : 0), 0);

export const getReplicaCountForReplicaSets = (rss: readonly Maybe[]) => sum(rss, (rs) => rs.spec.replicas);
export const getActualReplicaCountForReplicaSets = (rss: readonly Maybe[]) => sum(rss, (rs) => rs.status.replicas);
export const getReadyReplicaCountForReplicaSets = (rss: readonly Maybe[]) => sum(rss, (rs) => rs.status.readyReplicas);
export const getAvailableReplicaCountForReplicaSets = (rss: readonly Maybe[]) => sum(rss, (rs) => rs.status.availableReplicas);

/**
 * Upstream: NewRSNewReplicas. Rolling: grow the new RS up to
 * replicas + maxSurge pods in total, never past replicas. Recreate: all.
 */
export function newRSNewReplicas(d: Deployment, allRSs: readonly Maybe[], newRS: ReplicaSet): number {
  if (!isRollingUpdate(d)) return d.spec.replicas;
  const currentPodCount = getReplicaCountForReplicaSets(allRSs);
  const maxTotalPods = d.spec.replicas + maxSurge(d);
  if (currentPodCount >= maxTotalPods) return newRS.spec.replicas;
  const scaleUpCount = Math.min(maxTotalPods - currentPodCount, d.spec.replicas - newRS.spec.replicas);
  return newRS.spec.replicas + scaleUpCount;
}

/** Upstream: IsSaturated — the new RS has all replicas, knows it, and all are available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = getDesiredReplicasAnnotation(rs);
  if (desired === undefined) return false;
  return rs.spec.replicas === d.spec.replicas && desired === d.spec.replicas && rs.status.availableReplicas === d.spec.replicas;
}

/**
 * Upstream: GetProportion — this RS's share of `toAdd` (negative when
 * scaling down), bounded by what is still left to hand out.
 */
export function getProportion(rs: ReplicaSet | undefined, d: Deployment, toAdd: number, added: number): number {
  if (!rs || rs.spec.replicas === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = getReplicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** Upstream: getReplicaSetFraction — rs.replicas × (new max) / (max it was sized for), minus its size. */
function getReplicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  if (d.spec.replicas === 0) return -rs.spec.replicas;
  const deploymentReplicas = d.spec.replicas + maxSurge(d);
  // Without the annotation upstream falls back to the Deployment's current size.
  const annotatedReplicas = intAnnotation(rs, MAX_REPLICAS_ANNOTATION) ?? d.status.replicas ?? 0;
  if (annotatedReplicas === 0) return 0;
  return roundHalfAwayFromZero((rs.spec.replicas * deploymentReplicas) / annotatedReplicas) - rs.spec.replicas;
}

/** Go's math.Round (JavaScript's Math.round rounds -2.5 to -2). */
function roundHalfAwayFromZero(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

// ---- progress -------------------------------------------------------------------

/** Upstream: DeploymentComplete — all replicas updated and available, nothing old left, generation observed. */
export function deploymentComplete(d: Deployment, status: Status): boolean {
  const replicas = d.spec.replicas;
  return (
    status.updatedReplicas === replicas &&
    (status.replicas ?? 0) === replicas &&
    status.availableReplicas === replicas &&
    (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 1)
  );
}

/** Upstream: DeploymentProgressing — more updated/ready/available pods, or fewer old ones. */
export function deploymentProgressing(d: Deployment, status: Status): boolean {
  const old = d.status;
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (status.replicas ?? 0) - (status.updatedReplicas ?? 0);
  return (
    (status.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (status.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (status.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** Upstream: DeploymentTimedOut — strictly more than progressDeadlineSeconds since the last progress. */
export function deploymentTimedOut(d: Deployment, status: Status, nowMs: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const condition = getDeploymentCondition(status, 'Progressing');
  if (!condition) return false;
  // A completed rollout estimates no progress until its next one is noticed.
  if (condition.reason === NewRSAvailableReason) return false;
  if (condition.reason === TimedOutReason) return true;
  if (!condition.lastUpdateTime) return false;
  return fromTimestamp(condition.lastUpdateTime) + d.spec.progressDeadlineSeconds! * 1000 < nowMs;
}

// ---- conditions -------------------------------------------------------------------

export function newDeploymentCondition(type: string, status: string, reason: string, message: string, nowMs: number): DeploymentCondition {
  const now = toTimestamp(nowMs);
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

export function getDeploymentCondition(status: Status, type: string): DeploymentCondition | undefined {
  return status.conditions?.find((c) => c.type === type);
}

/**
 * Upstream: SetDeploymentCondition — no change for the same status and
 * reason; lastTransitionTime kept while the status stays.
 */
export function setDeploymentCondition(status: Status, condition: DeploymentCondition): void {
  const current = getDeploymentCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const next = current && current.status === condition.status ? { ...condition, lastTransitionTime: current.lastTransitionTime } : condition;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}

export function removeDeploymentCondition(status: Status, type: string): void {
  if (!status.conditions) return;
  status.conditions = status.conditions.filter((c) => c.type !== type);
  if (status.conditions.length === 0) delete status.conditions;
}

// ---- orders ---------------------------------------------------------------------------

/** Upstream: ReplicaSetsByCreationTimestamp — oldest first, name as tiebreak. */
export function byCreationTimestamp(a: ReplicaSet, b: ReplicaSet): number {
  return compareStrings(a.metadata.creationTimestamp, b.metadata.creationTimestamp) || compareStrings(a.metadata.name, b.metadata.name);
}

/** Upstream: ReplicaSetsBySizeNewer — largest first; same size: newer first. */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  return b.spec.replicas - a.spec.replicas || byCreationTimestamp(b, a);
}

/** Upstream: ReplicaSetsBySizeOlder — largest first; same size: older first. */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  return b.spec.replicas - a.spec.replicas || byCreationTimestamp(a, b);
}

/** Upstream: ReplicaSetsByRevision — lowest revision first; creation time when equal or unparsable. */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  const ra = revision(a);
  const rb = revision(b);
  if (ra === undefined || rb === undefined || ra === rb) return byCreationTimestamp(a, b);
  return ra - rb;
}
