/**
 * `kubectl rollout undo | pause | resume | restart | history` for
 * Deployments: client-side edits of the Deployment that the controller then
 * acts on. Each returns kubectl's success line; kubectl's own errors are
 * ActionErrors, API errors stay ApiErrors.
 *
 * Upstream: kubernetes/kubectl pkg/polymorphichelpers/rollback.go
 * (DeploymentRollbacker.Rollback, deploymentRevision), objectpauser.go,
 * objectresumer.go, objectrestarter.go, history.go.
 */
import { ActionError } from '../actions';
import type { ApiServer } from '../apiserver/apiserver';
import { errors } from '../apiserver/errors';
import { toTimestamp } from '../core/time';
import { deepClone } from '../core/clone';
import { updateWorkloadSpec } from './controller-utils';
import { ANNOTATIONS_TO_SKIP, DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY, equalIgnoreHash, revision } from './deployment-util';
import type { Deployment, ReplicaSet } from './workload-types';
import { getControllerOf } from './workload-utils';

/** The annotation `kubectl rollout restart` sets on the pod template. */
export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';

export interface RolloutRevision {
  revision: number;
  replicaSet: string;
  changeCause?: string;
}

/**
 * `kubectl rollout undo deployment/<name> [--to-revision=N]`: puts the pod
 * template of revision N (default: the previous one) back into the
 * Deployment, with that revision's annotations.
 */
export function rollbackDeployment(api: ApiServer, namespace: string, name: string, toRevision = 0): string {
  const d = requireDeployment(api, namespace, name);
  if (toRevision < 0) throw revisionNotFound(toRevision);
  const target = deploymentRevision(api, d, toRevision);
  if (d.spec.paused) {
    throw new ActionError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  }
  if (equalIgnoreHash(target.spec.template, d.spec.template)) {
    return `deployment.apps/${name} skipped rollback (current template already matches revision ${toRevision})`;
  }
  const template = deepClone(target.spec.template);
  if (template.metadata?.labels) delete template.metadata.labels[DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY];
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(d.metadata.annotations ?? {})) if (ANNOTATIONS_TO_SKIP.has(key)) annotations[key] = value;
  for (const [key, value] of Object.entries(target.metadata.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(key)) annotations[key] = value;
  updateWorkloadSpec<Deployment>(api, 'Deployment', name, namespace, (draft) => {
    draft.spec.template = template;
    draft.metadata.annotations = annotations;
  });
  return `deployment.apps/${name} rolled back`;
}

/** kubectl's deploymentRevision: revision N, or the second-newest one for 0. */
function deploymentRevision(api: ApiServer, d: Deployment, toRevision: number): ReplicaSet {
  let latest: [number, ReplicaSet] | undefined;
  let previous: [number, ReplicaSet] | undefined;
  for (const rs of ownedReplicaSets(api, d)) {
    const v = revision(rs);
    if (v === undefined) continue;
    if (toRevision > 0) {
      if (v === toRevision) return rs;
    } else if (!latest || latest[0] < v) {
      previous = latest;
      latest = [v, rs];
    } else if (!previous || previous[0] < v) {
      previous = [v, rs];
    }
  }
  if (toRevision > 0) throw revisionNotFound(toRevision);
  if (!previous) throw new ActionError(`no rollout history found for deployment "${d.metadata.name}"`);
  return previous[1];
}

/** `kubectl rollout pause deployment/<name>`. */
export function pauseDeployment(api: ApiServer, namespace: string, name: string): string {
  return setPaused(api, namespace, name, true);
}

/** `kubectl rollout resume deployment/<name>`. */
export function resumeDeployment(api: ApiServer, namespace: string, name: string): string {
  return setPaused(api, namespace, name, false);
}

function setPaused(api: ApiServer, namespace: string, name: string, paused: boolean): string {
  const d = requireDeployment(api, namespace, name);
  const verb = paused ? 'paused' : 'resumed';
  if ((d.spec.paused ?? false) === paused) throw new ActionError(`deployments.apps "${name}" is already ${verb}`);
  updateWorkloadSpec<Deployment>(api, 'Deployment', name, namespace, (draft) => {
    if (paused) draft.spec.paused = true;
    else delete draft.spec.paused;
  });
  return `deployment.apps/${name} ${verb}`;
}

/** `kubectl rollout restart deployment/<name>`: a template annotation change starts a new rollout. */
export function restartDeployment(api: ApiServer, namespace: string, name: string): string {
  const d = requireDeployment(api, namespace, name);
  if (d.spec.paused) throw new ActionError("can't restart paused deployment (run rollout resume first)");
  updateWorkloadSpec<Deployment>(api, 'Deployment', name, namespace, (draft) => {
    const metadata = (draft.spec.template.metadata ??= {});
    metadata.annotations = { ...metadata.annotations, [RESTARTED_AT_ANNOTATION]: toTimestamp(api.nowMs) };
  });
  return `deployment.apps/${name} restarted`;
}

/** `kubectl rollout history deployment/<name>`: revisions, oldest first. */
export function rolloutHistory(api: ApiServer, namespace: string, name: string): RolloutRevision[] {
  const d = requireDeployment(api, namespace, name);
  const out: RolloutRevision[] = [];
  for (const rs of ownedReplicaSets(api, d)) {
    const v = revision(rs);
    if (v === undefined) continue;
    const changeCause = rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION];
    out.push({ revision: v, replicaSet: rs.metadata.name, ...(changeCause ? { changeCause } : {}) });
  }
  return out.sort((a, b) => a.revision - b.revision);
}

function requireDeployment(api: ApiServer, namespace: string, name: string): Deployment {
  const d = api.get<Deployment>('Deployment', name, namespace);
  if (!d) throw errors.notFound('Deployment', name);
  return d;
}

/** The ReplicaSets the Deployment controls (kubectl: deploymentutil.GetAllReplicaSets). */
function ownedReplicaSets(api: ApiServer, d: Deployment): ReplicaSet[] {
  return api
    .dependentsOf(d.metadata.uid)
    .filter((o): o is ReplicaSet => o.kind === 'ReplicaSet' && getControllerOf(o)?.uid === d.metadata.uid)
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
}

function revisionNotFound(toRevision: number): ActionError {
  return new ActionError(`unable to find specified revision ${toRevision} in history`);
}
