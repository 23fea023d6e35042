/**
 * The engine's front door: what the worker, the scenario runner, the command
 * line and the protocol use. Code outside src/sim imports from here; the
 * rooms behind it (controllers, kubelet, apiserver, …) are the engine's own.
 * The Kubernetes vocabulary helpers (sim/api: labels, names, taints,
 * conditions, quantity) are not here: they are headed for their own layer.
 */
export { Simulation, describeAction, ActionError } from './simulation';
export { CONTAINER_FAULTS, kubectlEquivalent } from './actions';
export { parseKubectl, runKubectl, runParsed, VERBS as KUBECTL_VERBS } from './kubectl';
export type { KubectlOutput, ParsedLine } from './kubectl';
export { openKubectlStream } from './kubectl/watch';
export type { KubectlStream, StreamChunk } from './kubectl/watch';
export { RESOURCE_TYPES } from './kubectl/resources';
export type { ActionRecord, SimulationOptions, WorldSnapshot } from './simulation';
export type { ActionName, ContainerFaultKind, NodeConfig, SimAction, TaintSpec } from './actions';
export { DEFAULT_SETTINGS, DEFAULT_KUBELET_SETTINGS, resolveSettings } from './config';
export type { KubeletSettings, Settings, SettingsOverrides } from './config';
export { SIM_EPOCH_MS, SECOND_MS, MINUTE_MS, HOUR_MS, formatClock, formatDuration, fromTimestamp, toTimestamp } from './core/time';
export { NAMESPACED_KINDS, keyOf, objectKey } from './api/types';
export type { KubeObject, Lease, Manifest, Namespace, Node, Pod } from './api/types';
export type { EventRecord } from './apiserver/events';
export type { ObjectChange, WatchEvent } from './apiserver/apiserver';
export { isServedKind } from './apiserver/admission';
export { LABEL_ZONE, LABEL_REGION } from './controllers/zones';
export type { ZoneState } from './controllers/zones';
export type { ScheduledEviction } from './controllers/taint-eviction';
export type { MachineView } from './views/machines';
export type { ZoneView } from './views/zones';
export type { ViewChanges } from './views/changes';
export { explain } from './views/explain';
export type { Explanation, ExplanationLine, ExplainTarget } from './views/explain';
export { History, checkpointSpacingMs } from './history/history';
export type { ForkInfo, HistoryOptions, RecordedInput, SeekProgress } from './history/history';
export { ADDON_NAMES, addonManifests } from './addons/manifests';
export type { AddonName } from './addons/manifests';
export { CLUSTER_DOMAIN, serviceDnsName } from './network/cidr';
export type { ContainerLogsOptions, ContainerLogsResult, LogLine, LogsError } from './pod-logs';
export { resourceName } from './api/types';
export { ApiError } from './apiserver/errors';
export type { ApiErrorCause } from './apiserver/errors';
export { MAX_RPS, TRAFFIC_TICK_MS } from './network/traffic';
export type { TrafficView, SecondCount } from './network/traffic';
export { BOOT_SLICE_OBJECTS, bootInSlices, drainBoot } from './boot';
export type { BootOptions, BootProgress } from './boot';
