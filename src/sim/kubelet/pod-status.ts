/**
 * Pod statuses as the kubelet's status manager writes them
 * (pkg/kubelet/kubelet_pods.go generateAPIPodStatus, pkg/kubelet/status).
 * Each function returns the new status for a draft pod.
 */
import type { Pod, PodCondition } from '../api/types';

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

/** Containers are being created (or wait to restart): not Ready. */
export function creatingStatus(pod: Pod, now: string, hostIP: string, restartCount: number, waitingReason = 'ContainerCreating'): Status {
  const prev = pod.status;
  const notReady = `containers with unready status: [${pod.spec.containers.map((c) => c.name).join(' ')}]`;
  return {
    ...prev,
    phase: prev.phase === 'Running' ? 'Running' : 'Pending',
    hostIP,
    hostIPs: [{ ip: hostIP }],
    startTime: prev.startTime ?? now,
    conditions: [
      ...kubeletConditions(prev, now, false, { reason: 'ContainersNotReady', message: notReady }),
      ...foreignConditions(prev),
    ],
    containerStatuses: pod.spec.containers.map((c) => ({
      name: c.name,
      image: c.image ?? '',
      imageID: '',
      ready: false,
      started: false,
      restartCount,
      state: { waiting: { reason: waitingReason } },
    })),
  };
}

/** Containers run and pass their readiness checks: Running and Ready. */
export function runningStatus(pod: Pod, now: string, hostIP: string, podIP: string, restartCount: number): Status {
  const prev = pod.status;
  return {
    ...prev,
    phase: 'Running',
    hostIP,
    hostIPs: [{ ip: hostIP }],
    podIP,
    podIPs: [{ ip: podIP }],
    startTime: prev.startTime ?? now,
    conditions: [
      ...kubeletConditions(prev, now, true),
      ...foreignConditions(prev),
    ],
    containerStatuses: pod.spec.containers.map((c) => ({
      name: c.name,
      image: c.image ?? '',
      imageID: '',
      containerID: `containerd://${c.name}-${restartCount}`,
      ready: true,
      started: true,
      restartCount,
      state: { running: { startedAt: now } },
    })),
  };
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

/** Whether the API already shows the pod Running and Ready (the status manager's reconcile check). */
export function showsRunningAndReady(pod: Pod): boolean {
  return pod.status.phase === 'Running' && pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
}

/** Every container exited: Succeeded when all exited 0 (and may not restart), else Failed. */
export function completedStatus(pod: Pod, now: string, exitCode: number): Status {
  const prev = pod.status;
  const phase = exitCode === 0 ? 'Succeeded' : 'Failed';
  const reason = exitCode === 0 ? 'PodCompleted' : 'PodFailed';
  return {
    ...prev,
    phase,
    conditions: [
      ...kubeletConditions(prev, now, false, { reason }, reason),
      ...foreignConditions(prev),
    ],
    containerStatuses: pod.spec.containers.map((c) => ({
      name: c.name,
      image: c.image ?? '',
      imageID: '',
      ready: false,
      started: false,
      restartCount: prev.containerStatuses?.find((s) => s.name === c.name)?.restartCount ?? 0,
      state: { terminated: { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', finishedAt: now } },
    })),
  };
}
