/**
 * Pod statuses as the kubelet's status manager writes them
 * (pkg/kubelet/kubelet_pods.go generateAPIPodStatus, pkg/kubelet/status).
 * Each function returns the new status for a draft pod.
 */
import type { ContainerState as V1ContainerState, ContainerStatus as V1ContainerStatus } from 'kubernetes-types/core/v1';
import { toTimestamp } from '../core/time';
import type { Pod, PodCondition } from '../api/types';
import type { LocalContainer, LocalPod, TerminatedState } from './state';

type Status = Pod['status'];

function condition(type: string, status: string, now: string, previous: Status, reason?: string, message?: string): PodCondition {
  const old = previous.conditions?.find((c) => c.type === type);
  return {
    type,
    status,
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
    lastTransitionTime: old && old.status === status && old.lastTransitionTime ? old.lastTransitionTime : now,
  };
}

/** Keeps conditions that other components own (DisruptionTarget, …). */
function foreignConditions(previous: Status): PodCondition[] {
  const own = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);
  return (previous.conditions ?? []).filter((c) => !own.has(c.type));
}

/**
 * The five conditions the kubelet owns, in its order. `ready` drives
 * PodReadyToStartContainers, Ready and ContainersReady; `notReady` gives the
 * reason (and message) when it is false.
 */
function kubeletConditions(prev: Status, now: string, ready: boolean, notReady?: { reason: string; message?: string }, initializedReason?: string): PodCondition[] {
  const status = ready ? 'True' : 'False';
  return [
    condition('PodReadyToStartContainers', status, now, prev),
    condition('Initialized', 'True', now, prev, initializedReason),
    condition('Ready', status, now, prev, notReady?.reason, notReady?.message),
    condition('ContainersReady', status, now, prev, notReady?.reason, notReady?.message),
    condition('PodScheduled', 'True', now, prev),
  ];
}

/** Go's time.Duration.String for whole seconds: 10s, 1m20s, 5m0s. */
export function goDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes}m${seconds % 60}s` : `${Math.floor(minutes / 60)}h${minutes % 60}m${seconds % 60}s`;
}

/** Upstream: format.Pod — "name_namespace(uid)". */
export function formatPod(pod: Pod): string {
  return `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
}

const containerID = (c: LocalContainer) => `containerd://${c.name}-${c.restartCount}`;

function terminated(t: TerminatedState): V1ContainerState {
  return { terminated: { exitCode: t.exitCode, reason: t.reason, startedAt: toTimestamp(t.startedAtMs), finishedAt: toTimestamp(t.finishedAtMs), containerID: t.containerID } };
}

/** Upstream: convertToAPIContainerStatuses, for one container the kubelet runs. */
function containerStatus(pod: Pod, c: LocalContainer): V1ContainerStatus {
  const image = pod.spec.containers.find((s) => s.name === c.name)?.image ?? '';
  let state: V1ContainerState;
  if (c.state === 'running') state = { running: { startedAt: toTimestamp(c.startedAtMs!) } };
  else if (c.state === 'terminated' && c.lastExit) state = terminated(c.lastExit);
  else if (c.waitingReason === 'CrashLoopBackOff') {
    state = { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${goDuration(c.backoffMs)} restarting failed container=${c.name} pod=${formatPod(pod)}` } };
  } else state = { waiting: { reason: 'ContainerCreating' } };
  const last = c.state !== 'terminated' && c.lastExit ? terminated(c.lastExit) : undefined;
  return {
    name: c.name,
    image,
    imageID: '',
    ...(c.state === 'running' || c.lastExit ? { containerID: c.state === 'running' ? containerID(c) : c.lastExit!.containerID } : {}),
    ready: c.ready,
    started: c.started,
    restartCount: c.restartCount,
    state,
    ...(last ? { lastState: last } : {}),
  };
}

/**
 * The status the kubelet's status manager posts for a pod it runs
 * (generateAPIPodStatus): phase from the containers (getPhase), Ready and
 * ContainersReady when every container is ready, and each container's state.
 */
export function liveStatus(pod: Pod, local: LocalPod, now: string, hostIP: string): Status {
  const prev = pod.status;
  const sandbox = local.stage !== 'starting';
  const all = local.containers;
  const done = sandbox && all.every((c) => c.state === 'terminated');
  const phase = done ? (all.every((c) => c.lastExit?.exitCode === 0) ? 'Succeeded' : 'Failed') : sandbox || prev.phase === 'Running' ? 'Running' : 'Pending';
  const unready = all.filter((c) => !c.ready).map((c) => c.name);
  const ready = sandbox && unready.length === 0;
  const completedReason = phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed';
  const notReady = done ? { reason: completedReason } : { reason: 'ContainersNotReady', message: `containers with unready status: [${unready.join(' ')}]` };
  const conditions = [
    condition('PodReadyToStartContainers', sandbox ? 'True' : 'False', now, prev),
    condition('Initialized', 'True', now, prev, done ? completedReason : undefined),
    condition('Ready', ready ? 'True' : 'False', now, prev, ready ? undefined : notReady.reason, ready ? undefined : notReady.message),
    condition('ContainersReady', ready ? 'True' : 'False', now, prev, ready ? undefined : notReady.reason, ready ? undefined : notReady.message),
    condition('PodScheduled', 'True', now, prev),
  ];
  return {
    ...prev,
    phase,
    hostIP,
    hostIPs: [{ ip: hostIP }],
    ...(sandbox ? { podIP: local.podIP, podIPs: [{ ip: local.podIP }] } : {}),
    startTime: prev.startTime ?? now,
    conditions: [...conditions, ...foreignConditions(prev)],
    containerStatuses: all.map((c) => containerStatus(pod, c)),
  };
}

/** What the status manager compares to decide the API is behind (phase, Ready, each container's state). */
export function statusSignature(status: Status): string {
  const ready = status.conditions?.find((c) => c.type === 'Ready')?.status ?? '';
  const containers = (status.containerStatuses ?? []).map((c) => `${c.name}:${c.ready}:${c.started}:${c.restartCount}:${Object.keys(c.state ?? {})[0] ?? ''}:${c.state?.waiting?.reason ?? ''}`);
  return [status.phase ?? '', ready, ...containers].join('|');
}

/** The pod ended without being deleted (node shutdown, rejection, restartPolicy Never after a reboot). */
export function failedStatus(pod: Pod, now: string, reason?: string, message?: string, disruption?: { reason: string; message: string }): Status {
  const prev = pod.status;
  const conditions = [
    ...kubeletConditions(prev, now, false, { reason: 'PodFailed' }),
    ...foreignConditions(prev).filter((c) => !(disruption && c.type === 'DisruptionTarget')),
  ];
  if (disruption) conditions.push(condition('DisruptionTarget', 'True', now, prev, disruption.reason, disruption.message));
  return {
    ...prev,
    phase: 'Failed',
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
    conditions,
    containerStatuses: pod.spec.containers.map((c) => ({
      name: c.name,
      image: c.image ?? '',
      imageID: '',
      ready: false,
      started: false,
      restartCount: prev.containerStatuses?.find((s) => s.name === c.name)?.restartCount ?? 0,
      state: { terminated: { exitCode: 137, reason: 'Error', finishedAt: now } },
    })),
  };
}
