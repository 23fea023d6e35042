/**
 * Adoption and release through controller references.
 *
 * Upstream: pkg/controller/controller_ref_manager.go
 * (BaseControllerRefManager.ClaimObject, PodControllerRefManager,
 * ReplicaSetControllerRefManager). Upstream patches with the owner's uid as
 * a precondition; our read-modify-write re-checks the stored object instead.
 */
import type { ApiServer } from '../apiserver/apiserver';
import { ApiError } from '../apiserver/errors';
import { matches, type Selector } from '../api/labels';
import type { KubeObject } from '../api/types';
import { compareStrings, getControllerOf, newControllerRef } from './workload-utils';

export interface ClaimResult<T extends KubeObject> {
  /** The objects `controller` owns after the claim (adopted ones as stored now). */
  claimed: T[];
  /** The first failed adoption or release; the caller retries later. */
  error?: ApiError;
}

/**
 * Upstream: ClaimObject for each candidate. Ours and matching: keep.
 * Ours and not matching: release. An orphan that matches and is not being
 * deleted: adopt. Owned by someone else: ignore. `claimed` keeps the
 * candidates' order, adopted objects last.
 */
export function claimObjects<T extends KubeObject>(api: ApiServer, controller: KubeObject, selector: Selector, candidates: readonly T[]): ClaimResult<T> {
  const result: ClaimResult<T> = { claimed: [] };
  const uid = controller.metadata.uid;
  const toRelease: T[] = [];
  const toAdopt: T[] = [];
  for (const object of candidates) {
    const ref = getControllerOf(object);
    const matching = matches(selector, object.metadata.labels);
    if (ref) {
      if (ref.uid !== uid) continue;
      if (matching) result.claimed.push(object);
      else toRelease.push(object);
    } else if (matching && !object.metadata.deletionTimestamp && object.metadata.namespace === controller.metadata.namespace) {
      toAdopt.push(object);
    }
  }
  // The writes go in name order, whatever order the candidates came in.
  for (const object of toRelease.sort(byName)) attempt(result, () => release(api, object, uid));
  for (const object of toAdopt.sort(byName)) {
    attempt(result, () => {
      const adopted = adopt(api, object, controller);
      if (adopted) result.claimed.push(adopted);
    });
  }
  return result;
}

function attempt(result: ClaimResult<KubeObject>, write: () => void): void {
  try {
    write();
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // Upstream: a NotFound means the object is gone, which settles it.
    if (error.reason !== 'NotFound') result.error ??= error;
  }
}

function byName(a: KubeObject, b: KubeObject): number {
  return compareStrings(a.metadata.name, b.metadata.name);
}

/** Upstream: AdoptPod / AdoptReplicaSet — add our controller reference. */
function adopt<T extends KubeObject>(api: ApiServer, object: T, controller: KubeObject): T | undefined {
  let adopted = true;
  const stored = api.update<T>(object.kind, object.metadata.name, object.metadata.namespace, (draft) => {
    // Someone else adopted it since we looked: upstream's patch would fail on the uid precondition.
    if (getControllerOf(draft) || draft.metadata.uid !== object.metadata.uid) return (adopted = false);
    draft.metadata.ownerReferences = [...(draft.metadata.ownerReferences ?? []), newControllerRef(controller)];
  });
  return adopted ? stored : undefined;
}

/** Upstream: ReleasePod / ReleaseReplicaSet — remove our owner reference. */
function release(api: ApiServer, object: KubeObject, controllerUid: string): void {
  api.update(object.kind, object.metadata.name, object.metadata.namespace, (draft) => {
    const refs = draft.metadata.ownerReferences ?? [];
    const kept = refs.filter((ref) => ref.uid !== controllerUid);
    if (kept.length === refs.length) return false;
    draft.metadata.ownerReferences = kept;
  });
}
