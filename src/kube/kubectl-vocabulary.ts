/**
 * kubectl's words for Tab completion in the console: verbs with their flags
 * and the resource type names (with short names). The engine's kubectl
 * (src/sim/kubectl) is the authority; a test checks this list against it.
 */
export const GLOBAL_FLAGS = ['--namespace', '--help'];

export const KUBECTL_VERB_FLAGS: Readonly<Record<string, readonly string[]>> = {
  get: ['--all-namespaces', '--output', '--selector', '--field-selector', '--show-labels', '--watch', '--watch-only', '--no-headers', '--ignore-not-found'],
  describe: ['--all-namespaces', '--selector', '--show-events'],
  apply: ['--filename'],
  create: ['--filename', '--image', '--replicas'],
  delete: ['--filename', '--selector', '--all', '--all-namespaces', '--grace-period', '--force', '--now', '--wait', '--ignore-not-found', '--field-selector'],
  cordon: [],
  uncordon: [],
  drain: ['--ignore-daemonsets', '--delete-emptydir-data', '--delete-local-data', '--force', '--grace-period', '--timeout', '--disable-eviction'],
  taint: ['--overwrite'],
  label: ['--overwrite', '--selector', '--all'],
  annotate: ['--overwrite', '--selector', '--all'],
  scale: ['--replicas'],
  set: [],
  rollout: ['--to-revision', '--watch', '--timeout', '--revision'],
  events: ['--all-namespaces', '--for', '--types', '--watch'],
  logs: ['--container', '--follow', '--previous', '--tail'],
  exec: ['--container', '--stdin', '--tty'],
  top: ['--all-namespaces'],
  version: ['--client', '--output'],
  'cluster-info': [],
  'api-resources': ['--namespaced', '--output'],
  explain: ['--recursive'],
  config: ['--minify', '--raw'],
};

/** Second words: rollout, set, top, config, create. */
export const KUBECTL_SUBCOMMANDS: Readonly<Record<string, readonly string[]>> = {
  rollout: ['history', 'pause', 'restart', 'resume', 'status', 'undo'],
  set: ['image'],
  top: ['node', 'pod'],
  config: ['current-context', 'get-contexts', 'view'],
  create: ['deployment', 'namespace'],
};

/** Resource type → its kind, for names: plural first, then the other names kubectl accepts. */
export const KUBECTL_RESOURCES: readonly { kind: string; names: readonly string[] }[] = [
  { kind: 'Pod', names: ['pods', 'pod', 'po'] },
  { kind: 'Node', names: ['nodes', 'node', 'no'] },
  { kind: 'Deployment', names: ['deployments', 'deployment', 'deploy'] },
  { kind: 'ReplicaSet', names: ['replicasets', 'replicaset', 'rs'] },
  { kind: 'DaemonSet', names: ['daemonsets', 'daemonset', 'ds'] },
  { kind: 'StatefulSet', names: ['statefulsets', 'statefulset', 'sts'] },
  { kind: 'Job', names: ['jobs', 'job'] },
  { kind: 'Service', names: ['services', 'service', 'svc'] },
  { kind: 'EndpointSlice', names: ['endpointslices', 'endpointslice'] },
  { kind: 'PodDisruptionBudget', names: ['poddisruptionbudgets', 'poddisruptionbudget', 'pdb'] },
  { kind: 'Event', names: ['events', 'event', 'ev'] },
  { kind: 'Lease', names: ['leases', 'lease'] },
  { kind: 'Namespace', names: ['namespaces', 'namespace', 'ns'] },
  { kind: 'PriorityClass', names: ['priorityclasses', 'priorityclass', 'pc'] },
];
