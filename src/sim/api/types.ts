/**
 * The API object shapes, from kubernetes-types, narrowed to what the store
 * guarantees once an object is admitted (metadata filled in, spec and status
 * present).
 */
import type * as core from 'kubernetes-types/core/v1';
import type * as coordination from 'kubernetes-types/coordination/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';

export type { Taint, Toleration, NodeCondition, PodCondition, Container } from 'kubernetes-types/core/v1';
export type { ObjectMeta, OwnerReference, LabelSelector } from 'kubernetes-types/meta/v1';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface StoredMeta extends Mutable<ObjectMeta> {
  name: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: StoredMeta;
}

export interface Pod extends core.Pod, KubeObject {
  kind: 'Pod';
  apiVersion: 'v1';
  metadata: StoredMeta & { namespace: string };
  spec: core.PodSpec;
  status: core.PodStatus;
}

export interface Node extends core.Node, KubeObject {
  kind: 'Node';
  apiVersion: 'v1';
  metadata: StoredMeta;
  spec: core.NodeSpec;
  status: core.NodeStatus;
}

export interface Lease extends coordination.Lease, KubeObject {
  kind: 'Lease';
  apiVersion: 'coordination.k8s.io/v1';
  metadata: StoredMeta & { namespace: string };
  spec: coordination.LeaseSpec;
}

export interface Namespace extends core.Namespace, KubeObject {
  kind: 'Namespace';
  apiVersion: 'v1';
  metadata: StoredMeta;
}

/** A manifest as a user writes it: only apiVersion, kind and a name are required. */
export interface Manifest {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
}

/** Kinds whose objects live in a namespace. */
export const NAMESPACED_KINDS: ReadonlySet<string> = new Set([
  'Pod',
  'Lease',
  'ReplicaSet',
  'Deployment',
  'DaemonSet',
  'StatefulSet',
  'Job',
  'Service',
  'EndpointSlice',
  'PodDisruptionBudget',
]);

/** The REST resource name of a kind, as the API server's messages use it. */
export function resourceName(kind: string): string {
  const special: Record<string, string> = {
    Endpoints: 'endpoints',
    PriorityClass: 'priorityclasses.scheduling.k8s.io',
    PodDisruptionBudget: 'poddisruptionbudgets.policy',
    EndpointSlice: 'endpointslices.discovery.k8s.io',
    Deployment: 'deployments.apps',
    ReplicaSet: 'replicasets.apps',
    DaemonSet: 'daemonsets.apps',
    StatefulSet: 'statefulsets.apps',
    Job: 'jobs.batch',
    Lease: 'leases.coordination.k8s.io',
  };
  return special[kind] ?? `${kind.toLowerCase()}s`;
}

/** Store key of an object: "ns/name" for namespaced kinds, "name" otherwise. */
export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export function keyOf(obj: KubeObject): string {
  return objectKey(obj.metadata.namespace, obj.metadata.name);
}

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
