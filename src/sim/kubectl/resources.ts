/**
 * The resource types this cluster serves, as discovery lists them
 * (`kubectl api-resources`): plural, singular and short names, API group,
 * scope. kubectl resolves whatever the user typed ("po", "deploy",
 * "deployments.apps") against this list.
 *
 * Upstream: the short names come from each registry's ShortNames()
 * (pkg/registry/*\/rest/storage*.go); the wording of the error for an unknown
 * type from cli-runtime/pkg/resource/builder.go (via
 * kubectl/pkg/cmd/util/helpers.go): `the server doesn't have a resource type "foo"`.
 */
export interface ResourceType {
  kind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  group: string;
  version: string;
  namespaced: boolean;
  verbs: string[];
}

const RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export const RESOURCE_TYPES: readonly ResourceType[] = [
  { kind: 'Event', plural: 'events', singular: 'event', shortNames: ['ev'], group: '', version: 'v1', namespaced: true, verbs: RW },
  { kind: 'Namespace', plural: 'namespaces', singular: 'namespace', shortNames: ['ns'], group: '', version: 'v1', namespaced: false, verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] },
  { kind: 'Node', plural: 'nodes', singular: 'node', shortNames: ['no'], group: '', version: 'v1', namespaced: false, verbs: RW },
  { kind: 'Pod', plural: 'pods', singular: 'pod', shortNames: ['po'], group: '', version: 'v1', namespaced: true, verbs: RW },
  { kind: 'Service', plural: 'services', singular: 'service', shortNames: ['svc'], group: '', version: 'v1', namespaced: true, verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] },
  { kind: 'DaemonSet', plural: 'daemonsets', singular: 'daemonset', shortNames: ['ds'], group: 'apps', version: 'v1', namespaced: true, verbs: RW },
  { kind: 'Deployment', plural: 'deployments', singular: 'deployment', shortNames: ['deploy'], group: 'apps', version: 'v1', namespaced: true, verbs: RW },
  { kind: 'ReplicaSet', plural: 'replicasets', singular: 'replicaset', shortNames: ['rs'], group: 'apps', version: 'v1', namespaced: true, verbs: RW },
  { kind: 'StatefulSet', plural: 'statefulsets', singular: 'statefulset', shortNames: ['sts'], group: 'apps', version: 'v1', namespaced: true, verbs: RW },
  { kind: 'Job', plural: 'jobs', singular: 'job', shortNames: [], group: 'batch', version: 'v1', namespaced: true, verbs: RW },
  { kind: 'Lease', plural: 'leases', singular: 'lease', shortNames: [], group: 'coordination.k8s.io', version: 'v1', namespaced: true, verbs: RW },
  { kind: 'EndpointSlice', plural: 'endpointslices', singular: 'endpointslice', shortNames: [], group: 'discovery.k8s.io', version: 'v1', namespaced: true, verbs: RW },
  { kind: 'PodDisruptionBudget', plural: 'poddisruptionbudgets', singular: 'poddisruptionbudget', shortNames: ['pdb'], group: 'policy', version: 'v1', namespaced: true, verbs: RW },
  { kind: 'PriorityClass', plural: 'priorityclasses', singular: 'priorityclass', shortNames: ['pc'], group: 'scheduling.k8s.io', version: 'v1', namespaced: false, verbs: RW },
];

/**
 * Kinds a real cluster serves that this one does not: kubectl names them
 * (so `get ingress` says what a real cluster without them would), never
 * pretends to list them.
 */
const NAMES = new Map<string, ResourceType>();
for (const r of RESOURCE_TYPES) {
  for (const n of [r.plural, r.singular, r.kind.toLowerCase(), ...r.shortNames]) NAMES.set(n, r);
  if (r.group) {
    NAMES.set(`${r.plural}.${r.group}`, r);
    NAMES.set(`${r.singular}.${r.group}`, r);
  }
}
// "ep" is Endpoints upstream; the simulation serves EndpointSlices only, so it is not resolved.

/** The type the user named ("po", "Deployment", "deployments.apps"), case-insensitively as kubectl does for kinds. */
export function resolveResource(name: string): ResourceType | undefined {
  return NAMES.get(name) ?? NAMES.get(name.toLowerCase());
}

export function resourceOfKind(kind: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((r) => r.kind === kind);
}

/** "deployment.apps" (kubectl's object names in messages: deployment.apps/web configured). */
export function qualifiedSingular(r: ResourceType): string {
  return r.group ? `${r.singular}.${r.group}` : r.singular;
}

/** "deployments.apps" (the API server's messages: deployments.apps "web" not found). */
export function qualifiedPlural(r: ResourceType): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

export function unknownResourceType(name: string): string {
  return `error: the server doesn't have a resource type "${name}"`;
}
