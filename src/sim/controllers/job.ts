/**
 * The Job controller: keeps `parallelism` pods running until `completions`
 * pods succeeded, replaces failed ones after an exponential backoff, and
 * fails the Job past backoffLimit (kubernetes-behaviour.md §6.5). A pod
 * deleted before it finished — evicted by the taint manager, collected by
 * PodGC, killed by a node shutdown — counts as a failure unless a
 * podFailurePolicy rule ignores it.
 *
 * Upstream: pkg/controller/job/job_controller.go (syncJob, manageJob,
 * trackJobStatusAndRemoveFinalizers, enactJobFinished), backoff_utils.go,
 * pod_failure_policy.go. Pod events are batched by 1 s (syncJobBatchPeriod),
 * as upstream. Finished pods are counted once through the
 * batch.kubernetes.io/job-tracking finalizer, as upstream: a pod is counted
 * when the controller removes the finalizer. Our API server does not keep
 * an object for its finalizers, so a pod that vanishes while it still has
 * the finalizer is held here (as upstream's API server would hold it) until
 * counted. The uncountedTerminatedPods two-step is not needed: our writes
 * cannot half-fail. Not modelled: Indexed completion mode (treated as
 * NonIndexed), backoffLimitPerIndex, successPolicy, managedBy, podFailurePolicy
 * FailIndex, MaxUncountedPods.
 */
import '../apiserver/workload-kinds';
import { ApiError } from '../apiserver/errors';
import type { WatchEvent } from '../apiserver/apiserver';
import type { Component, ComponentContext } from '../component';
import { isPodActive, isPodReady, isPodTerminal } from '../api/conditions';
import { fromTimestamp, toTimestamp } from '../core/time';
import { keyOf, type OwnerReference, type Pod } from '../api/types';
import type { Timer } from '../core/timers';
import {
  ensureJobConditionStatus,
  findCondition,
  getRemainingTimeMs,
  isJobFinished,
  JOB_TRACKING_FINALIZER,
  matchPodFailurePolicy,
  newBackoffRecord,
  newCondition,
  type BackoffRecord,
  type Job,
  type JobCondition,
  type JobStatus,
} from './job-util';
import { WorkQueue, type WorkQueueState } from './workload-queue';
import {
  compareActivePods,
  controlledPods,
  createPod,
  deletePod,
  getControllerOf,
  getPodFromTemplate,
  newControllerRef,
  slowStartBatch,
  SLOW_START_INITIAL_BATCH_SIZE,
  splitKey,
  stableStringify,
  type PodTemplate,
} from './workload-utils';

export type { Job } from './job-util';

/** The event source upstream's recorder uses. */
export const JOB_SOURCE = 'job-controller';
/** Upstream: syncJobBatchPeriod — pod events and status updates sync the Job this much later. */
export const SYNC_JOB_BATCH_PERIOD_MS = 1_000;
/** Upstream: MaxPodCreateDeletePerSync. */
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;

export interface JobControllerState {
  queue: WorkQueueState;
  /** Upstream: podBackoffStore, by Job key. */
  backoffRecords: [string, BackoffRecord][];
  /** Job key → pods that vanished while still carrying the tracking finalizer. */
  heldPods: [string, Pod[]][];
}

/** Upstream: syncJobCtx. */
interface SyncJobCtx {
  key: string;
  job: Job;
  status: JobStatus;
  pods: Pod[];
  /** uids of held pods (gone from the API server, not yet counted). */
  vanished: Set<string>;
  activePods: Pod[];
  active: number;
  ready: number;
  terminating: number;
  succeeded: number;
  newBackoffRecord: BackoffRecord;
  finishedCondition: JobCondition | undefined;
  failedCall: boolean;
}

export class JobController implements Component {
  readonly name = 'job';
  private readonly queue: WorkQueue;
  private readonly backoffRecords: Map<string, BackoffRecord>;
  private readonly heldPods: Map<string, Pod[]>;

  constructor(
    private readonly ctx: ComponentContext,
    state?: JobControllerState,
  ) {
    this.queue = new WorkQueue(ctx.clock, ctx.timers, this.name, state?.queue);
    this.backoffRecords = new Map(state?.backoffRecords.map(([key, r]) => [key, { ...r }]));
    this.heldPods = new Map(state?.heldPods.map(([key, pods]) => [key, structuredClone(pods)]));
    ctx.api.watch<Job>('Job', (event) => this.jobEvent(event));
    ctx.api.watch<Pod>('Pod', (event) => this.podEvent(event));
    if (!state) for (const job of ctx.api.list<Job>('Job')) this.queue.add(keyOf(job));
  }

  onTimer(timer: Timer): void {
    this.queue.onTimer(timer);
  }

  sync(): boolean {
    return this.queue.process((key) => this.syncJob(key));
  }

  /** When the Job may next create pods after failures (undefined: no backoff). For the UI and tests. */
  podCreationBackoffUntilMs(job: Job): number | undefined {
    const remainingMs = getRemainingTimeMs(this.backoffRecords.get(keyOf(job)), this.ctx.clock.nowMs);
    return remainingMs > 0 ? this.ctx.clock.nowMs + remainingMs : undefined;
  }

  snapshot(): JobControllerState {
    return {
      queue: this.queue.snapshot(),
      backoffRecords: [...this.backoffRecords].map(([key, r]) => [key, { ...r }]),
      heldPods: [...this.heldPods].map(([key, pods]) => [key, structuredClone(pods)]),
    };
  }

  // ---- watch handlers -----------------------------------------------------

  /** Upstream: addJob / updateJob / deleteJob — spec changes sync at once, status updates batched. */
  private jobEvent(event: WatchEvent<Job>): void {
    const key = keyOf(event.object);
    if (event.type === 'MODIFIED' && event.old?.metadata.generation === event.object.metadata.generation) {
      this.queue.addAfter(key, SYNC_JOB_BATCH_PERIOD_MS);
    } else {
      this.queue.add(key);
    }
  }

  /** Upstream: addPod / updatePod / deletePod — wake the Job, batched. */
  private podEvent(event: WatchEvent<Pod>): void {
    const pod = event.object;
    const oldRef = event.old ? getControllerOf(event.old) : undefined;
    const ref = getControllerOf(pod);
    if (oldRef && oldRef.uid !== ref?.uid) this.enqueueOwner(pod.metadata.namespace, oldRef);
    if (!ref) return;
    const job = this.resolveControllerRef(pod.metadata.namespace, ref);
    if (!job) return;
    if (event.type === 'DELETED' && hasTrackingFinalizer(pod)) {
      // Upstream's API server would keep the object until we drop the finalizer.
      const held = this.heldPods.get(keyOf(job)) ?? [];
      this.heldPods.set(keyOf(job), [...held, pod]);
    }
    this.queue.addAfter(keyOf(job), SYNC_JOB_BATCH_PERIOD_MS);
  }

  private enqueueOwner(namespace: string, ref: OwnerReference): void {
    const job = this.resolveControllerRef(namespace, ref);
    if (job) this.queue.addAfter(keyOf(job), SYNC_JOB_BATCH_PERIOD_MS);
  }

  private resolveControllerRef(namespace: string, ref: OwnerReference): Job | undefined {
    if (ref.kind !== 'Job') return undefined;
    const job = this.ctx.api.get<Job>('Job', ref.name, namespace);
    return job && job.metadata.uid === ref.uid ? job : undefined;
  }

  // ---- reconciliation -------------------------------------------------------

  /** Upstream: syncJob. False when an API call failed. */
  private syncJob(key: string): boolean {
    const [namespace, name] = splitKey(key);
    const job = this.ctx.api.get<Job>('Job', name, namespace);
    if (!job || isJobFinished(job)) {
      this.backoffRecords.delete(key);
      this.heldPods.delete(key);
      return true;
    }
    const jobCtx = this.newSyncJobCtx(key, job);
    this.decideFinished(jobCtx);
    if (jobCtx.finishedCondition) {
      // Remove the active pods of a failed Job; it is finished only once they are gone.
      const { deleted, deletedReady } = this.deleteActivePods(jobCtx, jobCtx.activePods, false);
      if (deleted !== jobCtx.active) jobCtx.finishedCondition = undefined;
      jobCtx.active -= deleted;
      jobCtx.terminating += deleted;
      jobCtx.ready -= deletedReady;
    } else {
      this.manageAndCheckCompletion(jobCtx);
    }
    jobCtx.status.active = jobCtx.active;
    jobCtx.status.ready = jobCtx.ready;
    jobCtx.status.terminating = jobCtx.terminating;
    this.trackJobStatusAndRemoveFinalizers(jobCtx);
    return !jobCtx.failedCall;
  }

  /** Upstream: the first half of syncJob — the pods, what finished since the last count, startTime. */
  private newSyncJobCtx(key: string, job: Job): SyncJobCtx {
    const held = (this.heldPods.get(key) ?? []).filter((pod) => getControllerOf(pod)?.uid === job.metadata.uid);
    const pods = [...controlledPods(this.ctx.api, job), ...held];
    const vanished = new Set(held.map((pod) => pod.metadata.uid));
    const activePods = pods.filter((pod) => !vanished.has(pod.metadata.uid) && isPodActive(pod));
    const newSucceeded = pods.filter((pod) => hasTrackingFinalizer(pod) && pod.status.phase === 'Succeeded');
    const newFailed = pods.filter((pod) => hasTrackingFinalizer(pod) && isPodFailed(pod, job, vanished));
    const status: JobStatus = structuredClone(job.status ?? {});
    if (!status.startTime && !job.spec.suspend) status.startTime = toTimestamp(this.ctx.clock.nowMs);
    return {
      key,
      job,
      status,
      pods,
      vanished,
      activePods,
      active: activePods.length,
      ready: activePods.filter(isPodReady).length,
      terminating: pods.filter((pod) => !vanished.has(pod.metadata.uid) && pod.metadata.deletionTimestamp && !isPodTerminal(pod)).length,
      succeeded: (status.succeeded ?? 0) + newSucceeded.length,
      newBackoffRecord: newBackoffRecord(this.backoffRecords.get(key), newSucceeded, newFailed),
      finishedCondition: undefined,
      failedCall: false,
    };
  }

  /**
   * Upstream: the failure checks of syncJob — an interim condition already
   * set, a FailJob rule, the backoff limit, the active deadline. New
   * failures use the interim FailureTarget condition (delayTerminalCondition).
   */
  private decideFinished(jobCtx: SyncJobCtx): void {
    const { job, status } = jobCtx;
    const nowMs = this.ctx.clock.nowMs;
    const successCriteriaMet = findCondition(status, 'SuccessCriteriaMet');
    if (successCriteriaMet?.status === 'True') {
      jobCtx.finishedCondition = successCriteriaMet;
      return;
    }
    const failureTarget = findCondition(status, 'FailureTarget');
    if (failureTarget?.status === 'True') {
      jobCtx.finishedCondition = newCondition('Failed', 'True', failureTarget.reason ?? '', failureTarget.message ?? '', nowMs);
      return;
    }
    const failJobMessage = this.getFailJobMessage(jobCtx);
    if (failJobMessage !== undefined) {
      jobCtx.finishedCondition = newCondition('FailureTarget', 'True', 'PodFailurePolicy', failJobMessage, nowMs);
      return;
    }
    const failed = (status.failed ?? 0) + this.newFailedPods(jobCtx).filter((pod) => matchPodFailurePolicy(job.spec.podFailurePolicy, pod).countFailed).length;
    if (failed > (job.spec.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, jobCtx.pods)) {
      jobCtx.finishedCondition = newCondition('FailureTarget', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', nowMs);
      return;
    }
    const deadlineSeconds = job.spec.activeDeadlineSeconds;
    if (deadlineSeconds === undefined || !status.startTime || job.spec.suspend) return;
    const remainingMs = fromTimestamp(status.startTime) + deadlineSeconds * 1000 - nowMs;
    if (remainingMs <= 0) {
      jobCtx.finishedCondition = newCondition('FailureTarget', 'True', 'DeadlineExceeded', 'Job was active longer than specified deadline', nowMs);
    } else {
      this.queue.addAfter(jobCtx.key, remainingMs);
    }
  }

  private newFailedPods(jobCtx: SyncJobCtx): Pod[] {
    return jobCtx.pods.filter((pod) => hasTrackingFinalizer(pod) && isPodFailed(pod, jobCtx.job, jobCtx.vanished));
  }

  /** Upstream: getFailJobMessage — the first failed pod that matches a FailJob rule. */
  private getFailJobMessage(jobCtx: SyncJobCtx): string | undefined {
    const policy = jobCtx.job.spec.podFailurePolicy;
    if (!policy) return undefined;
    for (const pod of jobCtx.pods) {
      if (!isPodFailed(pod, jobCtx.job, jobCtx.vanished)) continue;
      const message = matchPodFailurePolicy(policy, pod).failJobMessage;
      if (message !== undefined) return message;
    }
    return undefined;
  }

  /** Upstream: the not-finished branch of syncJob — manageJob, then the completion check and suspension. */
  private manageAndCheckCompletion(jobCtx: SyncJobCtx): void {
    const { job } = jobCtx;
    if (job.metadata.deletionTimestamp) return;
    jobCtx.active = this.manageJob(jobCtx);
    const completions = job.spec.completions;
    // Without completions, the first success ends the Job once nothing runs any more.
    const complete = completions === undefined ? jobCtx.succeeded > 0 && jobCtx.active === 0 : jobCtx.succeeded >= completions && jobCtx.active === 0;
    const nowMs = this.ctx.clock.nowMs;
    if (complete) {
      jobCtx.finishedCondition = newCondition('SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods', nowMs);
    } else if (job.spec.suspend) {
      if (ensureJobConditionStatus(jobCtx.status, 'Suspended', 'True', 'JobSuspended', 'Job suspended', nowMs)) {
        this.recordEvent(job, 'Normal', 'Suspended', 'Job suspended');
      }
    } else if (ensureJobConditionStatus(jobCtx.status, 'Suspended', 'False', 'JobResumed', 'Job resumed', nowMs)) {
      this.recordEvent(job, 'Normal', 'Resumed', 'Job resumed');
      // A resumed Job's activeDeadlineSeconds counts from now.
      jobCtx.status.startTime = toTimestamp(nowMs);
    }
  }

  /**
   * Upstream: manageJob. Returns the number of active pods. Too many: delete
   * the cheapest; too few: create, unless the failure backoff is still
   * running (then, as upstream, it reports 0 active until the retry).
   */
  private manageJob(jobCtx: SyncJobCtx): number {
    const { job } = jobCtx;
    let active = jobCtx.active;
    if (job.spec.suspend) return active - this.deleteJobPods(jobCtx, [...jobCtx.activePods].sort(compareActivePods));
    const parallelism = job.spec.parallelism ?? 1;
    const completions = job.spec.completions;
    let wantActive: number;
    if (completions === undefined) wantActive = jobCtx.succeeded > 0 ? active : parallelism;
    else wantActive = Math.max(0, Math.min(completions - jobCtx.succeeded, parallelism));
    const rmAtLeast = Math.max(active - wantActive, 0);
    if (rmAtLeast > 0) {
      const podsToDelete = [...jobCtx.activePods].sort(compareActivePods).slice(0, Math.min(rmAtLeast, MAX_POD_CREATE_DELETE_PER_SYNC));
      return active - this.deleteJobPods(jobCtx, podsToDelete);
    }
    // With podReplacementPolicy Failed, a terminating pod still holds its place.
    const terminating = onlyReplaceFailedPods(job) ? jobCtx.terminating : 0;
    const diff = Math.min(wantActive - terminating - active, MAX_POD_CREATE_DELETE_PER_SYNC);
    if (diff <= 0) return active;
    const remainingMs = getRemainingTimeMs(jobCtx.newBackoffRecord, this.ctx.clock.nowMs);
    if (remainingMs > 0) {
      this.queue.addAfter(jobCtx.key, Math.max(remainingMs, SYNC_JOB_BATCH_PERIOD_MS));
      return 0;
    }
    const template = job.spec.template as PodTemplate;
    const finalizers = [...(template.metadata?.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER), JOB_TRACKING_FINALIZER];
    const podTemplate: PodTemplate = { ...template, metadata: { ...template.metadata, finalizers } };
    const created = slowStartBatch(diff, SLOW_START_INITIAL_BATCH_SIZE, () => {
      const pod = getPodFromTemplate(podTemplate, job, newControllerRef(job));
      return !(createPod(this.ctx.api, job, pod, JOB_SOURCE) instanceof ApiError);
    });
    if (created < diff) jobCtx.failedCall = true;
    active += created;
    return active;
  }

  /**
   * Upstream: deleteJobPods — the finalizer is dropped first, so pods
   * removed because there are too many (or the Job is suspended) do not count
   * as failures. Returns how many were deleted.
   */
  private deleteJobPods(jobCtx: SyncJobCtx, pods: readonly Pod[]): number {
    const { deleted, deletedReady } = this.deleteActivePods(jobCtx, pods, true);
    jobCtx.terminating += deleted;
    jobCtx.ready -= deletedReady;
    return deleted;
  }

  /** Upstream: deleteActivePods (keeping finalizers) / deleteJobPods (dropping them). */
  private deleteActivePods(jobCtx: SyncJobCtx, pods: readonly Pod[], dropFinalizer: boolean): { deleted: number; deletedReady: number } {
    let deleted = 0;
    let deletedReady = 0;
    for (const pod of pods) {
      if (dropFinalizer && !this.removeTrackingFinalizer(pod, jobCtx.key)) {
        jobCtx.failedCall = true;
        continue;
      }
      const error = deletePod(this.ctx.api, jobCtx.job, pod, JOB_SOURCE);
      if (error && error.reason !== 'NotFound') {
        jobCtx.failedCall = true;
        continue;
      }
      deleted++;
      if (isPodReady(pod)) deletedReady++;
    }
    return { deleted, deletedReady };
  }

  /**
   * Upstream: trackJobStatusAndRemoveFinalizers + enactJobFinished. Count
   * every finished pod that still has the finalizer, drop the finalizer,
   * record interim conditions, and mark the Job Complete or Failed once no
   * pod is terminating any more.
   */
  private trackJobStatusAndRemoveFinalizers(jobCtx: SyncJobCtx): void {
    const { job, status } = jobCtx;
    const finished = jobCtx.finishedCondition;
    const failing = finished !== undefined && finished.type !== 'SuccessCriteriaMet';
    for (const pod of jobCtx.pods) {
      if (!hasTrackingFinalizer(pod)) continue;
      const considerFailed = isPodFailed(pod, job, jobCtx.vanished);
      if (!(job.metadata.deletionTimestamp || finished || pod.status.phase === 'Succeeded' || considerFailed)) continue;
      if (pod.status.phase === 'Succeeded') status.succeeded = (status.succeeded ?? 0) + 1;
      // A finished (failed) Job counts every pod it had left as failed.
      else if ((considerFailed || failing) && matchPodFailurePolicy(job.spec.podFailurePolicy, pod).countFailed) status.failed = (status.failed ?? 0) + 1;
      if (!this.forgetPod(jobCtx, pod)) jobCtx.failedCall = true;
    }
    status.succeeded ??= 0;
    status.failed ??= 0;
    status.uncountedTerminatedPods ??= {};
    this.backoffRecords.set(jobCtx.key, jobCtx.newBackoffRecord);
    const final = this.recordInterimCondition(jobCtx);
    const jobFinished = final !== undefined && jobCtx.terminating === 0 && !jobCtx.failedCall;
    if (jobFinished) {
      ensureJobConditionStatus(status, final.type, final.status, final.reason ?? '', final.message ?? '', this.ctx.clock.nowMs);
      if (final.type === 'Complete') status.completionTime = final.lastTransitionTime;
    }
    this.writeStatus(job, status);
    if (jobFinished) this.recordJobFinished(job, status, final);
  }

  /**
   * Upstream: the FailureTarget / SuccessCriteriaMet step — the interim
   * condition goes into status now, and the final Failed / Complete follows
   * when no pod is terminating. Returns the final condition.
   */
  private recordInterimCondition(jobCtx: SyncJobCtx): JobCondition | undefined {
    const finished = jobCtx.finishedCondition;
    if (!finished) return undefined;
    const nowMs = this.ctx.clock.nowMs;
    if (finished.type === 'FailureTarget') {
      (jobCtx.status.conditions ??= []).push(finished);
      return newCondition('Failed', 'True', finished.reason ?? '', finished.message ?? '', nowMs);
    }
    if (finished.type === 'SuccessCriteriaMet') {
      if (!findCondition(jobCtx.status, 'SuccessCriteriaMet')) (jobCtx.status.conditions ??= []).push(finished);
      return newCondition('Complete', 'True', finished.reason ?? '', finished.message ?? '', nowMs);
    }
    return finished;
  }

  /** Drops the tracking finalizer: the pod is counted. A held pod is simply let go. */
  private forgetPod(jobCtx: SyncJobCtx, pod: Pod): boolean {
    if (jobCtx.vanished.has(pod.metadata.uid)) {
      this.release(jobCtx.key, pod);
      return true;
    }
    return this.removeTrackingFinalizer(pod, jobCtx.key);
  }

  /**
   * Upstream: removeTrackingFinalizerFromPods. A pod that is gone counts as
   * done (upstream: NotFound is success); its DELETED event held it, so let go.
   */
  private removeTrackingFinalizer(pod: Pod, key: string): boolean {
    if (!hasTrackingFinalizer(pod)) return true;
    try {
      this.ctx.api.update<Pod>('Pod', pod.metadata.name, pod.metadata.namespace, (draft) => {
        draft.metadata.finalizers = (draft.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
      });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.reason !== 'NotFound') return false;
      this.release(key, pod);
    }
    return true;
  }

  private release(key: string, pod: Pod): void {
    const held = (this.heldPods.get(key) ?? []).filter((p) => p.metadata.uid !== pod.metadata.uid);
    if (held.length > 0) this.heldPods.set(key, held);
    else this.heldPods.delete(key);
  }

  private writeStatus(job: Job, status: JobStatus): void {
    if (stableStringify(job.status ?? {}) === stableStringify(status)) return;
    this.ctx.api.update<Job>('Job', job.metadata.name, job.metadata.namespace, (draft) => {
      draft.status = status;
    });
  }

  /** Upstream: recordJobFinished. */
  private recordJobFinished(job: Job, status: JobStatus, condition: JobCondition): void {
    if (condition.type === 'Complete') {
      if (job.spec.completions !== undefined && (status.succeeded ?? 0) > job.spec.completions) {
        this.recordEvent(job, 'Warning', 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached');
      }
      this.recordEvent(job, 'Normal', 'Completed', 'Job completed');
    } else {
      this.recordEvent(job, 'Warning', condition.reason ?? 'Failed', condition.message ?? '');
    }
  }

  private recordEvent(job: Job, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.api.recordEvent(job, type, reason, message, JOB_SOURCE);
  }
}

// ---- helpers ---------------------------------------------------------------

function hasTrackingFinalizer(pod: Pod): boolean {
  return pod.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER) === true;
}

/**
 * Upstream: onlyReplaceFailedPods — podReplacementPolicy Failed, which a
 * podFailurePolicy implies.
 */
function onlyReplaceFailedPods(job: Job): boolean {
  return job.spec.podReplacementPolicy === 'Failed' || job.spec.podFailurePolicy !== undefined;
}

/**
 * Upstream: isPodFailed — Failed, or (TerminatingOrFailed) being deleted
 * before it succeeded. A pod that vanished unfinished counts as Failed
 * under either policy: upstream's kubelet or PodGC would have marked it so
 * while the finalizer kept the object.
 */
function isPodFailed(pod: Pod, job: Job, vanished: ReadonlySet<string>): boolean {
  if (pod.status.phase === 'Failed') return true;
  if (vanished.has(pod.metadata.uid)) return pod.status.phase !== 'Succeeded';
  if (onlyReplaceFailedPods(job)) return false;
  return pod.metadata.deletionTimestamp !== undefined && pod.status.phase !== 'Succeeded';
}

/**
 * Upstream: pastBackoffLimitOnFailure — with restartPolicy OnFailure the
 * container restarts of running pods count against backoffLimit.
 */
function pastBackoffLimitOnFailure(job: Job, pods: readonly Pod[]): boolean {
  if (job.spec.template.spec?.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const pod of pods) {
    if (pod.status.phase !== 'Running' && pod.status.phase !== 'Pending') continue;
    for (const s of [...(pod.status.initContainerStatuses ?? []), ...(pod.status.containerStatuses ?? [])]) restarts += s.restartCount;
  }
  const limit = job.spec.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}
