/**
 * The disruption controller: keeps every PodDisruptionBudget's status
 * (expectedPods, desiredHealthy, currentHealthy, disruptionsAllowed, the
 * DisruptionAllowed condition) current, which is what the eviction
 * subresource reads to admit or refuse an eviction. It also ages out the
 * status.disruptedPods entries the eviction API leaves behind.
 *
 * Upstream: pkg/controller/disruption/disruption.go. Not modelled: the
 * stale-DisruptionTarget cleanup (here an eviction's condition write and its
 * delete cannot fail apart), the generic scale subresource for custom
 * controllers, and "MultiplePodDisruptionBudgets" events (a pod event
 * enqueues every PDB that selects the pod, not only the first).
 */
import '../apiserver/workload-kinds';
import type { WatchEvent } from '../apiserver/apiserver';
import { ApiError } from '../apiserver/errors';
import type { Component, ComponentContext } from '../component';
import { isPodReady } from '../api/conditions';
import { drainQueue } from '../core/heap';
import {
  conditionsAreUpToDate,
  pdbGeneration,
  pdbSelector,
  setStatusCondition,
  updateDisruptionAllowedCondition,
  DISRUPTION_ALLOWED_CONDITION,
  SYNC_FAILED_REASON,
  type PodDisruptionBudget,
} from '../api/pdb';
import { keyOf, type KubeObject, type OwnerReference, type Pod } from '../api/types';
import { fromTimestamp, MINUTE_MS, toTimestamp } from '../core/time';
import { TimerSlots, type Timer } from '../core/timers';
import { PodSelectorIndex, splitKey } from './pod-selector-index';

/** Upstream: DeletionTimeout — how long an evicted pod may take to be marked for deletion. */
export const DELETION_TIMEOUT_MS = 2 * MINUTE_MS;

/** The event source of upstream's recorder (EventSource{Component: "controllermanager"}). */
export const DISRUPTION_SOURCE = 'controllermanager';

export interface DisruptionState {
  queue: string[];
  /** Upstream: recheckQueue — PDB key → when to look at it again. */
  recheckAtMs: [string, number][];
  timerSeqs: [string, number][];
}

/** A sync failure upstream reports by event and answers with failSafe. */
class SyncError extends Error {}

interface ExpectedCount {
  expectedCount: number;
  desiredHealthy: number;
  unmanagedPods: string[];
}

type Scaled = KubeObject & { spec?: { replicas?: number } };

export class DisruptionController implements Component {
  readonly name = 'disruption';
  private readonly queue: Set<string>;
  private readonly recheckAtMs: Map<string, number>;
  private readonly timers: TimerSlots;
  private readonly index: PodSelectorIndex;

  constructor(
    private readonly ctx: ComponentContext,
    state?: DisruptionState,
  ) {
    this.queue = new Set(state?.queue);
    this.recheckAtMs = new Map(state?.recheckAtMs);
    this.timers = new TimerSlots(ctx.timers, this.name, new Map(state?.timerSeqs));
    this.index = new PodSelectorIndex(ctx.api);
    const pdbs = [...ctx.api.list<PodDisruptionBudget>('PodDisruptionBudget')];
    for (const pdb of pdbs) this.index.set(keyOf(pdb), pdb.metadata.namespace, pdbSelector(pdb), false);
    for (const pod of ctx.api.list<Pod>('Pod')) this.index.podChanged(pod, false);
    ctx.api.watch<PodDisruptionBudget>('PodDisruptionBudget', (event) => this.pdbEvent(event));
    ctx.api.watch<Pod>('Pod', (event) => this.podEvent(event));
    // A fresh controller lists what exists, as its informers would on start.
    if (!state) for (const key of pdbs.map(keyOf).sort()) this.queue.add(key);
  }

  sync(): boolean {
    return drainQueue(this.queue, (key) => this.syncPdb(key));
  }

  /** A recheck is due (an entry of disruptedPods times out). */
  onTimer(timer: Timer): void {
    if (!this.timers.claim(timer)) return;
    this.recheckAtMs.delete(timer.key);
    this.queue.add(timer.key);
  }

  snapshot(): DisruptionState {
    return { queue: [...this.queue], recheckAtMs: [...this.recheckAtMs], timerSeqs: [...this.timers.seqs] };
  }

  // ---- watch handlers (Upstream: addDB/updateDB/removeDB, addPod/updatePod/deletePod) ----

  private pdbEvent(event: WatchEvent<PodDisruptionBudget>): void {
    const pdb = event.object;
    const key = keyOf(pdb);
    if (event.type === 'DELETED') this.index.remove(key);
    else if (!event.old || JSON.stringify(event.old.spec.selector) !== JSON.stringify(pdb.spec.selector)) {
      this.index.set(key, pdb.metadata.namespace, pdbSelector(pdb));
    }
    this.queue.add(key);
  }

  private podEvent(event: WatchEvent<Pod>): void {
    for (const key of this.index.podChanged(event.object, event.type === 'DELETED', event.old)) this.queue.add(key);
  }

  // ---- reconciliation -----------------------------------------------------

  /** Upstream: sync. */
  private syncPdb(key: string): void {
    const [namespace, name] = splitKey(key);
    const pdb = this.ctx.api.get<PodDisruptionBudget>('PodDisruptionBudget', name, namespace);
    if (!pdb) {
      this.timers.cancel(key);
      this.recheckAtMs.delete(key);
      return;
    }
    try {
      this.trySync(pdb, key);
    } catch (error) {
      if (!(error instanceof SyncError)) throw error;
      this.failSafe(pdb, error.message);
    }
  }

  /** Upstream: trySync. */
  private trySync(pdb: PodDisruptionBudget, key: string): void {
    const pods = this.index.podsOf(key);
    if (pods.length === 0) this.recordEvent(pdb, 'Normal', 'NoPods', 'No matching pods found');
    const { expectedCount, desiredHealthy, unmanagedPods } = this.getExpectedPodCount(pdb, pods);
    if (unmanagedPods.length > 0) {
      this.recordEvent(
        pdb,
        'Warning',
        'UnmanagedPods',
        `Pods selected by this PodDisruptionBudget (selector: ${JSON.stringify(pdb.spec.selector ?? null)}) were found ` +
          'to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. ' +
          'To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.',
      );
    }
    const nowMs = this.ctx.clock.nowMs;
    const { disruptedPods, recheckMs } = this.buildDisruptedPodMap(pods, pdb, nowMs);
    const currentHealthy = countHealthyPods(pods, disruptedPods, nowMs);
    this.updatePdbStatus(pdb, currentHealthy, desiredHealthy, expectedCount, disruptedPods);
    if (recheckMs !== undefined) this.enqueuePdbForRecheck(key, recheckMs);
  }

  /** Upstream: getExpectedPodCount. Throws SyncError. */
  private getExpectedPodCount(pdb: PodDisruptionBudget, pods: Pod[]): ExpectedCount {
    const { maxUnavailable, minAvailable } = pdb.spec;
    if (maxUnavailable !== undefined) {
      const { expectedCount, unmanagedPods } = this.getExpectedScale(pods);
      const desiredHealthy = Math.max(0, expectedCount - getScaledValueFromIntOrPercent(maxUnavailable, expectedCount));
      return { expectedCount, desiredHealthy, unmanagedPods };
    }
    if (typeof minAvailable === 'number') return { expectedCount: pods.length, desiredHealthy: minAvailable, unmanagedPods: [] };
    if (typeof minAvailable === 'string') {
      const { expectedCount, unmanagedPods } = this.getExpectedScale(pods);
      return { expectedCount, desiredHealthy: getScaledValueFromIntOrPercent(minAvailable, expectedCount), unmanagedPods };
    }
    return { expectedCount: 0, desiredHealthy: 0, unmanagedPods: [] };
  }

  /**
   * Upstream: getExpectedScale — the sum of the scales of the pods'
   * controllers (each counted once); pods without a controller are reported.
   */
  private getExpectedScale(pods: Pod[]): { expectedCount: number; unmanagedPods: string[] } {
    const controllerScale = new Map<string, number>();
    const seenRefs = new Set<string>();
    const unmanagedPods: string[] = [];
    for (const pod of pods) {
      const controllerRef = getControllerOf(pod);
      if (!controllerRef) {
        unmanagedPods.push(pod.metadata.name);
        continue;
      }
      // Upstream skips controllers it already knows (keyed there by the resolved uid only).
      if (seenRefs.has(controllerRef.uid)) continue;
      seenRefs.add(controllerRef.uid);
      const found = this.findControllerScale(controllerRef, pod.metadata.namespace);
      if (!found) throw new SyncError(`found no controllers for pod "${pod.metadata.name}"`);
      controllerScale.set(found.uid, found.scale);
    }
    let expectedCount = 0;
    for (const scale of controllerScale.values()) expectedCount += scale;
    return { expectedCount, unmanagedPods };
  }

  /**
   * Upstream: finders() — getPodReplicationController, getPodDeployment,
   * getPodReplicaSet, getPodStatefulSet, then getScaleController for kinds
   * without a lister.
   */
  private findControllerScale(ref: OwnerReference, namespace: string): { uid: string; scale: number } | undefined {
    const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0]! : '';
    const owner = this.ownerOf(ref, namespace);
    if (ref.kind === 'ReplicationController' && group === '') return owner && scaleOf(owner);
    if (ref.kind === 'StatefulSet' && group === 'apps') return owner && scaleOf(owner);
    if (ref.kind === 'ReplicaSet' && (group === 'apps' || group === 'extensions')) {
      if (!owner) return undefined;
      const deploymentRef = getControllerOf(owner);
      const deployment = deploymentRef?.kind === 'Deployment' ? this.ownerOf(deploymentRef, namespace) : undefined;
      return scaleOf(deployment ?? owner);
    }
    // getScaleController: these kinds are served but have no scale subresource.
    const noScale: Record<string, string> = { DaemonSet: 'daemonsets.apps', Job: 'jobs.batch', CronJob: 'cronjobs.batch' };
    const resource = noScale[ref.kind];
    if (resource) throw new SyncError(`${resource} does not implement the scale subresource`);
    throw new SyncError(`no matches for kind "${ref.kind}" in version "${ref.apiVersion}"`);
  }

  /** The referenced object if it exists with that uid (a lister Get plus the uid check). */
  private ownerOf(ref: OwnerReference, namespace: string): Scaled | undefined {
    const object = this.ctx.api.get<Scaled>(ref.kind, ref.name, namespace);
    return object?.metadata.uid === ref.uid ? object : undefined;
  }

  /**
   * Upstream: buildDisruptedPodMap — keeps the entries of pods not yet marked
   * for deletion whose DeletionTimeout has not passed; returns the earliest
   * timeout left.
   */
  private buildDisruptedPodMap(
    pods: Pod[],
    pdb: PodDisruptionBudget,
    nowMs: number,
  ): { disruptedPods: Record<string, string>; recheckMs: number | undefined } {
    const disruptedPods: Record<string, string> = {};
    const recorded = pdb.status.disruptedPods;
    let recheckMs: number | undefined;
    if (!recorded) return { disruptedPods, recheckMs };
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp) continue;
      const disruptionTime = recorded[pod.metadata.name];
      if (disruptionTime === undefined) continue;
      const expectedDeletionMs = fromTimestamp(disruptionTime) + DELETION_TIMEOUT_MS;
      if (expectedDeletionMs < nowMs) {
        // Upstream prints the PDB's namespace twice here; kept as a real cluster shows it.
        const message = `Pod was expected by PDB ${pdb.metadata.namespace}/${pdb.metadata.namespace} to be deleted but it wasn't`;
        this.recordEvent(pod, 'Warning', 'NotDeleted', message);
      } else {
        if (recheckMs === undefined || expectedDeletionMs < recheckMs) recheckMs = expectedDeletionMs;
        disruptedPods[pod.metadata.name] = disruptionTime;
      }
    }
    return { disruptedPods, recheckMs };
  }

  /** Upstream: updatePdbStatus — writes only when something changed. */
  private updatePdbStatus(
    pdb: PodDisruptionBudget,
    currentHealthy: number,
    desiredHealthy: number,
    expectedCount: number,
    disruptedPods: Record<string, string>,
  ): void {
    // expectedCount > 0 keeps a PDB that matched no pods safe when its first pods appear.
    let disruptionsAllowed = currentHealthy - desiredHealthy;
    if (expectedCount <= 0 || disruptionsAllowed <= 0) disruptionsAllowed = 0;
    const status = pdb.status;
    const generation = pdbGeneration(pdb);
    if (
      status.currentHealthy === currentHealthy &&
      status.desiredHealthy === desiredHealthy &&
      status.expectedPods === expectedCount &&
      status.disruptionsAllowed === disruptionsAllowed &&
      sameDisruptedPods(status.disruptedPods, disruptedPods) &&
      status.observedGeneration === generation &&
      conditionsAreUpToDate(pdb)
    ) {
      return;
    }
    const now = toTimestamp(this.ctx.clock.nowMs);
    this.writeStatus(pdb, (draft) => {
      draft.status = {
        currentHealthy,
        desiredHealthy,
        expectedPods: expectedCount,
        disruptionsAllowed,
        ...(Object.keys(disruptedPods).length > 0 ? { disruptedPods } : {}),
        observedGeneration: generation,
        conditions: draft.status.conditions ?? [],
      };
      updateDisruptionAllowedCondition(draft.status, now);
    });
  }

  /** Upstream: failSafe — with the budget unknown, allow no disruption. */
  private failSafe(pdb: PodDisruptionBudget, message: string): void {
    this.recordEvent(pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${message}`);
    const now = toTimestamp(this.ctx.clock.nowMs);
    const condition = {
      type: DISRUPTION_ALLOWED_CONDITION,
      status: 'False',
      reason: SYNC_FAILED_REASON,
      message,
      observedGeneration: pdb.status.observedGeneration ?? 0,
    };
    this.writeStatus(pdb, (draft) => {
      const wasAllowed = draft.status.disruptionsAllowed !== 0;
      draft.status.disruptionsAllowed = 0;
      const conditionChanged = setStatusCondition((draft.status.conditions ??= []), condition, now);
      return wasAllowed || conditionChanged;
    });
  }

  /** Upstream: writePdbStatus. A PDB deleted meanwhile is simply gone. */
  private writeStatus(pdb: PodDisruptionBudget, mutate: (draft: PodDisruptionBudget) => void | boolean): void {
    try {
      this.ctx.api.update<PodDisruptionBudget>('PodDisruptionBudget', pdb.metadata.name, pdb.metadata.namespace, mutate);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
  }

  /**
   * Upstream: enqueuePdbForRecheck — the delaying queue keeps the earliest
   * time per key. At least 1 ms ahead: an entry expires only strictly after
   * its timeout, and a recheck at the same instant would find nothing new.
   */
  private enqueuePdbForRecheck(key: string, atMs: number): void {
    const dueMs = Math.max(atMs, this.ctx.clock.nowMs + 1);
    const current = this.recheckAtMs.get(key);
    if (current !== undefined && current <= dueMs && this.timers.has(key)) return;
    this.recheckAtMs.set(key, dueMs);
    this.timers.set(key, dueMs);
  }

  private recordEvent(object: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.api.recordEvent(object, type, reason, message, DISRUPTION_SOURCE);
  }
}

// ---- helpers ---------------------------------------------------------------

/** Upstream: countHealthyPods — Ready, not being deleted, not just evicted. */
export function countHealthyPods(pods: readonly Pod[], disruptedPods: Record<string, string>, nowMs: number): number {
  const anyDisrupted = Object.keys(disruptedPods).length > 0;
  let currentHealthy = 0;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const disruptionTime = anyDisrupted ? disruptedPods[pod.metadata.name] : undefined;
    if (disruptionTime !== undefined && fromTimestamp(disruptionTime) + DELETION_TIMEOUT_MS > nowMs) continue;
    if (isPodReady(pod)) currentHealthy++;
  }
  return currentHealthy;
}

/**
 * Upstream: intstr.GetScaledValueFromIntOrPercent with roundUp = true.
 * Throws SyncError for a string that is not a percentage.
 */
export function getScaledValueFromIntOrPercent(value: number | string, total: number): number {
  if (typeof value === 'number') return value;
  const match = /^(\d+)%$/.exec(value);
  if (!match) throw new SyncError(`invalid value for IntOrString: invalid type: string is not a percentage`);
  return Math.ceil((Number(match[1]) * total) / 100);
}

/** Upstream: metav1.GetControllerOf. */
function getControllerOf(object: KubeObject): OwnerReference | undefined {
  for (const ref of object.metadata.ownerReferences ?? []) if (ref.controller === true) return ref;
  return undefined;
}

function scaleOf(object: Scaled): { uid: string; scale: number } {
  return { uid: object.metadata.uid, scale: object.spec?.replicas ?? 1 };
}

function sameDisruptedPods(a: Record<string, string> | undefined, b: Record<string, string>): boolean {
  const x = a ?? {};
  const keys = Object.keys(x);
  return keys.length === Object.keys(b).length && keys.every((k) => x[k] === b[k]);
}

