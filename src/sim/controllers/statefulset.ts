/**
 * The StatefulSet controller: pods with a stable identity `<set>-<ordinal>`
 * (kubernetes-behaviour.md §6.4). The replacement for an ordinal can only
 * be created once the old object is gone, so a pod stuck Terminating on a
 * dead node blocks its ordinal — and, with OrderedReady, every ordinal
 * after it — until the node returns, PodGC removes it or an admin
 * force-deletes it.
 *
 * Upstream: pkg/controller/statefulset/stateful_set.go (handlers, sync) and
 * stateful_set_control.go (UpdateStatefulSet, getStatefulSetRevisions,
 * updateStatefulSet, processReplica, processCondemned, truncateHistory).
 * Simplified: ControllerRevisions are kept in this controller's state
 * rather than as API objects; no PersistentVolumeClaims; no
 * MaxUnavailableStatefulSet (alpha); no orphan adoption or identity repair.
 */
import '../apiserver/workload-kinds';
import { ApiError } from '../apiserver/errors';
import type { WatchEvent } from '../apiserver/apiserver';
import type { Component, ComponentContext } from '../component';
import { isPodReady } from '../api/conditions';
import { keyOf, type Manifest, type OwnerReference, type Pod } from '../api/types';
import type { Timer } from '../core/timers';
import {
  getEndOrdinal,
  getOrdinal,
  getPodRevision,
  getStartOrdinal,
  isCreated,
  isFinished,
  isMemberOf,
  isRunningAndAvailable,
  isRunningAndReady,
  isTerminating,
  isUnavailable,
  newStatefulSetPod,
  type StatefulSet,
} from './statefulset-util';
import { WorkQueue, type WorkQueueState } from './workload-queue';
import { computeHash, controlledPods, getControllerOf, slowStartBatch, splitKey, stableStringify, type PodTemplate } from './workload-utils';

export type { StatefulSet } from './statefulset-util';

/** The event source upstream's recorder uses. */
export const STATEFULSET_SOURCE = 'statefulset-controller';

/** Upstream: a ControllerRevision of the set — its template and revision number. */
export interface Revision {
  name: string;
  revision: number;
  template: PodTemplate;
}

export interface StatefulSetHistory {
  /** "namespace/name" of the set, to forget the history when the set is gone. */
  key: string;
  revisions: Revision[];
}

export interface StatefulSetState {
  queue: WorkQueueState;
  /** Set uid → its revisions. */
  histories: [string, StatefulSetHistory][];
}

type Status = NonNullable<StatefulSet['status']>;

/** Whether the pass must stop (monotonic mode), and whether an API call failed. */
interface Step {
  exit: boolean;
  failed: boolean;
}

const CONTINUE: Step = { exit: false, failed: false };
const EXIT: Step = { exit: true, failed: false };

export class StatefulSetController implements Component {
  readonly name = 'statefulset';
  private readonly queue: WorkQueue;
  private readonly histories: Map<string, StatefulSetHistory>;

  constructor(
    private readonly ctx: ComponentContext,
    state?: StatefulSetState,
  ) {
    this.queue = new WorkQueue(ctx.clock, ctx.timers, this.name, state?.queue);
    this.histories = new Map(state?.histories.map(([uid, h]) => [uid, structuredClone(h)]));
    ctx.api.watch<StatefulSet>('StatefulSet', (event) => this.queue.add(keyOf(event.object)));
    ctx.api.watch<Pod>('Pod', (event) => this.podEvent(event));
    if (!state) for (const set of ctx.api.list<StatefulSet>('StatefulSet')) this.queue.add(keyOf(set));
  }

  onTimer(timer: Timer): void {
    this.queue.onTimer(timer);
  }

  sync(): boolean {
    return this.queue.process((key) => this.syncStatefulSet(key));
  }

  /** The revisions of a set, oldest first (the UI's history; tests). */
  revisions(set: StatefulSet): readonly Revision[] {
    return this.histories.get(set.metadata.uid)?.revisions ?? [];
  }

  snapshot(): StatefulSetState {
    return { queue: this.queue.snapshot(), histories: [...this.histories].map(([uid, h]) => [uid, structuredClone(h)]) };
  }

  // ---- watch handlers -----------------------------------------------------

  /** Upstream: addPod / updatePod / deletePod of stateful_set.go. */
  private podEvent(event: WatchEvent<Pod>): void {
    const pod = event.object;
    const oldRef = event.old ? getControllerOf(event.old) : undefined;
    const ref = getControllerOf(pod);
    if (oldRef && oldRef.uid !== ref?.uid) {
      const old = this.resolveControllerRef(pod.metadata.namespace, oldRef);
      if (old) this.queue.add(keyOf(old));
    }
    const set = ref ? this.resolveControllerRef(pod.metadata.namespace, ref) : undefined;
    if (!set) return;
    this.queue.add(keyOf(set));
    const minReadySeconds = set.spec.minReadySeconds ?? 0;
    if (event.old && !isPodReady(event.old) && isPodReady(pod) && minReadySeconds > 0) {
      this.queue.addAfter(keyOf(set), minReadySeconds * 1000);
    }
  }

  private resolveControllerRef(namespace: string, ref: OwnerReference): StatefulSet | undefined {
    if (ref.kind !== 'StatefulSet') return undefined;
    const set = this.ctx.api.get<StatefulSet>('StatefulSet', ref.name, namespace);
    return set && set.metadata.uid === ref.uid ? set : undefined;
  }

  // ---- reconciliation -------------------------------------------------------

  /** Upstream: syncStatefulSet + UpdateStatefulSet + performUpdate. False when an API call failed. */
  private syncStatefulSet(key: string): boolean {
    const [namespace, name] = splitKey(key);
    const set = this.ctx.api.get<StatefulSet>('StatefulSet', name, namespace);
    if (!set) {
      for (const [uid, history] of this.histories) if (history.key === key) this.histories.delete(uid);
      return true;
    }
    const pods = controlledPods(this.ctx.api, set).filter((pod) => isMemberOf(set, pod));
    const { current, update, collisionCount } = this.getStatefulSetRevisions(set);
    const { status, failed } = this.updateStatefulSet(set, current, update, collisionCount, pods);
    this.updateStatefulSetStatus(set, status);
    this.truncateHistory(set, controlledPods(this.ctx.api, set), current, update);
    const minReadySeconds = set.spec.minReadySeconds ?? 0;
    if (minReadySeconds > 0 && status.availableReplicas !== (set.spec.replicas ?? 1)) this.queue.addAfter(key, minReadySeconds * 1000);
    return !failed;
  }

  /**
   * Upstream: getStatefulSetRevisions. The update revision is the set's
   * template; an equal older revision is reused (a rollback bumps its
   * number); the current revision is the one status names, else the update one.
   */
  private getStatefulSetRevisions(set: StatefulSet): { current: Revision; update: Revision; collisionCount: number } {
    const history = this.historyOf(set);
    const revisions = history.revisions;
    let collisionCount = set.status?.collisionCount ?? 0;
    const template = set.spec.template as PodTemplate;
    const text = stableStringify(template);
    const next = revisions.reduce((max, r) => Math.max(max, r.revision), 0) + 1;
    const equal = revisions.filter((r) => stableStringify(r.template) === text);
    let update: Revision;
    if (equal.length > 0 && equal[equal.length - 1] === revisions[revisions.length - 1]) {
      update = revisions[revisions.length - 1]!;
    } else if (equal.length > 0) {
      update = equal[equal.length - 1]!;
      update.revision = next;
      revisions.sort((a, b) => a.revision - b.revision);
    } else {
      // Upstream: CreateControllerRevision bumps collisionCount while the name is taken.
      while (revisions.some((r) => r.name === revisionName(set, template, collisionCount))) collisionCount++;
      update = { name: revisionName(set, template, collisionCount), revision: next, template: structuredClone(template) };
      revisions.push(update);
    }
    const current = revisions.find((r) => r.name === set.status?.currentRevision) ?? update;
    return { current, update, collisionCount };
  }

  private historyOf(set: StatefulSet): StatefulSetHistory {
    let history = this.histories.get(set.metadata.uid);
    if (!history) this.histories.set(set.metadata.uid, (history = { key: keyOf(set), revisions: [] }));
    return history;
  }

  /**
   * Upstream: updateStatefulSet. Replicas in ordinal order: replace finished
   * pods, create missing ones, and in OrderedReady mode stop at the first pod
   * that is not Running, Ready and available. Then condemned pods (ordinals
   * beyond replicas) from the highest down, then the rolling update.
   */
  private updateStatefulSet(set: StatefulSet, current: Revision, update: Revision, collisionCount: number, pods: Pod[]): { status: Status; failed: boolean } {
    const status: Status = {
      observedGeneration: set.metadata.generation ?? 1,
      currentRevision: current.name,
      updateRevision: update.name,
      collisionCount,
      replicas: 0,
    };
    const start = getStartOrdinal(set);
    const end = getEndOrdinal(set);
    const replicas: Pod[] = [];
    const condemned: Pod[] = [];
    for (const pod of pods) {
      const ordinal = getOrdinal(pod);
      if (ordinal >= start && ordinal <= end) replicas[ordinal - start] = pod;
      else if (ordinal >= 0) condemned.push(pod);
    }
    for (let ordinal = start; ordinal <= end; ordinal++) {
      replicas[ordinal - start] ??= this.newVersionedStatefulSetPod(set, current, update, ordinal);
    }
    condemned.sort((a, b) => getOrdinal(b) - getOrdinal(a));
    const nowMs = this.ctx.clock.nowMs;
    const minReadySeconds = set.spec.minReadySeconds ?? 0;
    const firstUnavailablePod = [...replicas, ...[...condemned].reverse()].find((pod) => isUnavailable(pod, minReadySeconds, nowMs));
    const finish = (failed: boolean) => ({ status: this.computeStatus(status, set, current, update, [...replicas, ...condemned]), failed });
    if (set.metadata.deletionTimestamp) return finish(false);

    const monotonic = set.spec.podManagementPolicy !== 'Parallel';
    let step = runForAll(replicas.length, (i) => this.processReplica(set, monotonic, replicas, i), monotonic);
    if (step.exit || step.failed) return finish(step.failed);
    step = runForAll(condemned.length, (i) => this.processCondemned(set, firstUnavailablePod, monotonic, condemned[i]!), monotonic);
    if (step.exit || step.failed) return finish(step.failed);
    const result = finish(false);
    if (set.spec.updateStrategy?.type === 'OnDelete') return result;
    return { status: result.status, failed: this.rollingUpdate(set, update, replicas, result.status) };
  }

  /**
   * Upstream: newVersionedStatefulSetPod — ordinals below the partition are
   * (re)created at the current revision, the others at the update revision.
   */
  private newVersionedStatefulSetPod(set: StatefulSet, current: Revision, update: Revision, ordinal: number): Pod {
    const partition = set.spec.updateStrategy?.rollingUpdate ? (set.spec.updateStrategy.rollingUpdate.partition ?? 0) : undefined;
    const revision = partition !== undefined && ordinal < getStartOrdinal(set) + partition ? current : update;
    return newStatefulSetPod(set, revision.template, ordinal, revision.name);
  }

  /** Upstream: processReplica. */
  private processReplica(set: StatefulSet, monotonic: boolean, replicas: Pod[], i: number): Step {
    const pod = replicas[i]!;
    // Succeeded counts too: how an evicted or rebooted pod ends depends on its exit code.
    if (isFinished(pod)) {
      if (!isTerminating(pod) && !this.deleteStatefulPod(set, pod)) return { exit: true, failed: true };
      // The new pod is created once the old object is gone.
      return EXIT;
    }
    if (!isCreated(pod)) {
      const created = this.createStatefulPod(set, pod);
      if (!created) return { exit: true, failed: true };
      replicas[i] = created;
      // Without bursting, one creation per pass.
      return monotonic ? EXIT : CONTINUE;
    }
    if (!monotonic) return CONTINUE;
    // A terminating pod, or one not yet Running, Ready and available, holds up every later ordinal.
    if (isTerminating(pod) || !isRunningAndReady(pod)) return EXIT;
    if (!isRunningAndAvailable(pod, set.spec.minReadySeconds ?? 0, this.ctx.clock.nowMs)) return EXIT;
    return CONTINUE;
  }

  /** Upstream: processCondemned — scale down from the highest ordinal, one at a time when monotonic. */
  private processCondemned(set: StatefulSet, firstUnavailablePod: Pod | undefined, monotonic: boolean, pod: Pod): Step {
    if (isTerminating(pod)) return monotonic ? EXIT : CONTINUE;
    const minReadySeconds = set.spec.minReadySeconds ?? 0;
    const healthy = isRunningAndReady(pod) && isRunningAndAvailable(pod, minReadySeconds, this.ctx.clock.nowMs);
    if (monotonic && !healthy && pod !== firstUnavailablePod) return EXIT;
    return this.deleteStatefulPod(set, pod) ? EXIT : { exit: true, failed: true };
  }

  /**
   * Upstream: the RollingUpdate tail of updateStatefulSet — delete the
   * highest-ordinal pod (at or above the partition) not at the update
   * revision, one at a time, waiting for each to be available again.
   * Returns whether a deletion failed.
   */
  private rollingUpdate(set: StatefulSet, update: Revision, replicas: readonly Pod[], status: Status): boolean {
    const updateMin = set.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
    const minReadySeconds = set.spec.minReadySeconds ?? 0;
    for (let target = replicas.length - 1; target >= updateMin; target--) {
      const pod = replicas[target]!;
      if (getPodRevision(pod) !== update.name && !isTerminating(pod)) {
        status.currentReplicas = (status.currentReplicas ?? 0) - 1;
        return !this.deleteStatefulPod(set, pod, true);
      }
      if (isUnavailable(pod, minReadySeconds, this.ctx.clock.nowMs)) return false;
    }
    return false;
  }

  /** Upstream: updateStatus / computeReplicaStatus. */
  private computeStatus(status: Status, set: StatefulSet, current: Revision, update: Revision, pods: readonly Pod[]): Status {
    const nowMs = this.ctx.clock.nowMs;
    const counts = { replicas: 0, readyReplicas: 0, availableReplicas: 0, currentReplicas: 0, updatedReplicas: 0 };
    for (const pod of pods) {
      if (isCreated(pod)) counts.replicas++;
      if (isRunningAndReady(pod)) {
        counts.readyReplicas++;
        if (isRunningAndAvailable(pod, set.spec.minReadySeconds ?? 0, nowMs)) counts.availableReplicas++;
      }
      if (isCreated(pod) && !isTerminating(pod)) {
        if (getPodRevision(pod) === current.name) counts.currentReplicas++;
        if (getPodRevision(pod) === update.name) counts.updatedReplicas++;
      }
    }
    return Object.assign(status, counts);
  }

  /** Upstream: updateStatefulSetStatus — complete a finished rolling update, write on change. */
  private updateStatefulSetStatus(set: StatefulSet, status: Status): void {
    if (set.spec.updateStrategy?.type !== 'OnDelete' && status.updatedReplicas === status.replicas && status.readyReplicas === status.replicas) {
      status.currentReplicas = status.updatedReplicas;
      status.currentRevision = status.updateRevision;
    }
    const old = (set.status ?? {}) as Record<string, unknown>;
    if (Object.entries(status).every(([field, value]) => old[field] === value)) return;
    this.ctx.api.update<StatefulSet>('StatefulSet', set.metadata.name, set.metadata.namespace, (draft) => {
      draft.status = { ...draft.status, ...status };
    });
  }

  /**
   * Upstream: truncateHistory — keep the live revisions (current, update,
   * those of existing pods) and at most revisionHistoryLimit others.
   */
  private truncateHistory(set: StatefulSet, pods: readonly Pod[], current: Revision, update: Revision): void {
    const history = this.historyOf(set);
    const live = new Set([current.name, update.name, ...pods.map(getPodRevision)]);
    const old = history.revisions.filter((r) => !live.has(r.name));
    const limit = set.spec.revisionHistoryLimit ?? 10;
    if (limit < 0 || old.length <= limit) return;
    const doomed = new Set(old.slice(0, old.length - limit).map((r) => r.name));
    history.revisions = history.revisions.filter((r) => !doomed.has(r.name));
  }

  // ---- pod control (Upstream: stateful_pod_control.go) ----------------------

  private createStatefulPod(set: StatefulSet, pod: Pod): Pod | undefined {
    try {
      const created = this.ctx.api.create<Pod>(pod as unknown as Manifest);
      this.recordPodEvent('create', set, pod.metadata.name);
      return created;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // Upstream sinks AlreadyExists without an event and retries with backoff.
      if (error.reason !== 'AlreadyExists') this.recordPodEvent('create', set, pod.metadata.name, error);
      return undefined;
    }
  }

  /** True on success; NotFound counts as success when `ignoreNotFound`. */
  private deleteStatefulPod(set: StatefulSet, pod: Pod, ignoreNotFound = false): boolean {
    try {
      this.ctx.api.delete('Pod', pod.metadata.name, pod.metadata.namespace);
      this.recordPodEvent('delete', set, pod.metadata.name);
      return true;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.recordPodEvent('delete', set, pod.metadata.name, error);
      return ignoreNotFound && error.reason === 'NotFound';
    }
  }

  /** Upstream: recordPodEvent — "create Pod web-0 in StatefulSet web successful". */
  private recordPodEvent(verb: 'create' | 'delete', set: StatefulSet, podName: string, error?: ApiError): void {
    const title = verb === 'create' ? 'Create' : 'Delete';
    if (!error) {
      this.ctx.api.recordEvent(set, 'Normal', `Successful${title}`, `${verb} Pod ${podName} in StatefulSet ${set.metadata.name} successful`, STATEFULSET_SOURCE);
    } else {
      this.ctx.api.recordEvent(set, 'Warning', `Failed${title}`, `${verb} Pod ${podName} in StatefulSet ${set.metadata.name} failed error: ${error.message}`, STATEFULSET_SOURCE);
    }
  }
}

/** Upstream: ControllerRevisionName(set.Name, hash). */
function revisionName(set: StatefulSet, template: PodTemplate, collisionCount: number): string {
  return `${set.metadata.name.slice(0, 223)}-${computeHash(template, collisionCount)}`;
}

/**
 * Upstream: runForAll — in order, stopping at the first step that says so
 * (monotonic); or all of them in slow-start batches, stopping only on errors.
 */
function runForAll(count: number, fn: (i: number) => Step, monotonic: boolean): Step {
  if (monotonic) {
    for (let i = 0; i < count; i++) {
      const step = fn(i);
      if (step.exit || step.failed) return step;
    }
    return CONTINUE;
  }
  const succeeded = slowStartBatch(count, 1, (i) => !fn(i).failed);
  return succeeded < count ? { exit: true, failed: true } : CONTINUE;
}
