/**
 * `kubectl scale <kind>/<name> --replicas=N`: sets spec.replicas through
 * the scale subresource of a Deployment, ReplicaSet or StatefulSet.
 *
 * Upstream: kubernetes/kubectl pkg/cmd/scale/scale.go (Validate) and
 * pkg/scale; the scale subresource of pkg/registry/apps.
 */
import { ActionError } from '../actions';
import type { ApiServer } from '../apiserver/apiserver';
import { isServedKind } from '../apiserver/admission';
import { errors } from '../apiserver/errors';
import type { KubeObject } from '../api/types';
import { updateWorkloadSpec } from './controller-utils';

/** Kind names kubectl accepts for the scalable kinds (singular, plural, short). */
const SCALABLE_KINDS: Record<string, string> = {
  deployment: 'Deployment',
  deployments: 'Deployment',
  deploy: 'Deployment',
  replicaset: 'ReplicaSet',
  replicasets: 'ReplicaSet',
  rs: 'ReplicaSet',
  statefulset: 'StatefulSet',
  statefulsets: 'StatefulSet',
  sts: 'StatefulSet',
};

type Scalable = KubeObject & { spec: { replicas?: number } };

/** Sets spec.replicas; returns kubectl's line ("deployment.apps/web scaled"). */
export function scaleWorkload(api: ApiServer, kind: string, namespace: string, name: string, replicas: number): string {
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw new ActionError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  }
  const resolved = SCALABLE_KINDS[kind.toLowerCase()];
  if (!resolved) {
    const served = isServedKind(kind) || isServedKind(kind.charAt(0).toUpperCase() + kind.slice(1));
    // A served kind without a scale subresource (Pod, DaemonSet, …) is a 404 from the API server.
    throw new ActionError(served ? 'the server could not find the requested resource' : `the server doesn't have a resource type "${kind}"`);
  }
  if (!api.get(resolved, name, namespace)) throw errors.notFound(resolved, name);
  updateWorkloadSpec<Scalable>(api, resolved, name, namespace, (draft) => {
    if (draft.spec.replicas === replicas) return false;
    draft.spec.replicas = replicas;
  });
  return `${resolved.toLowerCase()}.apps/${name} scaled`;
}
