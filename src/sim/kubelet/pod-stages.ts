/**
 * The pod lifecycle on a node as a table of stages, as kwok writes its Stage
 * configs (kustomize/stage/pod/general): each stage has a delay, and when it
 * is over the first transition whose `when` holds gives the next stage, the
 * status the kubelet writes and the events it records. The guards that are
 * not about the pod's own stage (the pod was replaced, the node is cut off)
 * stay in pod-lifecycle.ts.
 */
import type { KubeletSettings } from '../config';
import { fromTimestamp } from '../core/time';
import type { Pod } from '../api/types';
import { failedStatus, liveStatus } from './pod-status';
import type { LocalPod, PodStage } from './state';

type Status = Pod['status'];

export interface StageEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

/** What a status builder gets besides the stored pod. */
export interface StageEnv {
  now: string;
  hostIP: string;
}

export interface DelayInput {
  settings: KubeletSettings;
  local: LocalPod;
  /** The stored pod, when the kubelet can see it. */
  pod: Pod | undefined;
  nowMs: number;
}

/** How long a pod stays in a stage: ms, null = until something else happens, 'given' = set by whoever enters it. */
export type StageDelay = (input: DelayInput) => number | null;

export interface PodTransition {
  from: PodStage;
  /** The next stage; 'gone' = the kubelet forgets the pod. */
  to: PodStage | 'gone';
  /** Like kwok's selector: the transition applies only when this holds. */
  when?: (local: LocalPod) => boolean;
  /** What the container runtime does on the way (containers.ts). */
  effect?: 'start-containers';
  /** The stage is final: once the API has been told, the kubelet forgets the pod. */
  forgetOnceReported?: boolean;
  events?: (pod: Pod, local: LocalPod) => StageEvent[];
  /** The status to write; undefined = nothing to write. */
  status?: (stored: Pod, local: LocalPod, env: StageEnv) => Status | undefined;
  /** After writing the status, remove the object (grace 0), as the kubelet does for a deleted pod. */
  deletesObject?: boolean;
}

const SHUTDOWN_MESSAGE = 'Pod was terminated in response to imminent node shutdown.';

const allTerminated = (local: LocalPod) => local.containers.every((c) => c.state === 'terminated');

/** The time each stage lasts before its transitions are looked at. */
export const STAGE_DELAYS: Readonly<Record<PodStage, StageDelay | 'given'>> = {
  // The sandbox and containers are created after podStartupLatency.
  starting: ({ settings }) => settings.podStartupLatencyMs,
  // Containers run their behaviour; each has its own timers (containers.ts, prober.ts).
  running: () => null,
  completed: () => null,
  // A deleted pod's containers use their whole grace period.
  stopping: ({ pod, nowMs }) => (pod?.metadata.deletionTimestamp ? Math.max(fromTimestamp(pod.metadata.deletionTimestamp) - nowMs, 0) : null),
  stopped: () => null,
  // The shutdown manager gives each pod min(its group's period, its grace period).
  'shutdown-killing': 'given',
};

export const POD_TRANSITIONS: readonly PodTransition[] = [
  {
    from: 'starting',
    to: 'running',
    effect: 'start-containers',
    status: (stored, local, env) => liveStatus(stored, local, env.now, env.hostIP),
  },
  {
    // Every container exited and may not restart: Succeeded, or Failed if one exited non-zero.
    from: 'running',
    to: 'completed',
    when: allTerminated,
    forgetOnceReported: true,
    status: (stored, local, env) => liveStatus(stored, local, env.now, env.hostIP),
  },
  {
    // The grace period is over: write the terminal phase (the Job controller reads it), then remove the object.
    from: 'stopping',
    to: 'stopped',
    forgetOnceReported: true,
    status: (stored, _local, env) => (isTerminal(stored) ? undefined : failedStatus(stored, env.now)),
    deletesObject: true,
  },
  {
    // Upstream: nodeshutdown_manager killPods.
    from: 'shutdown-killing',
    to: 'gone',
    status: (stored, _local, env) =>
      failedStatus(stored, env.now, 'Terminated', SHUTDOWN_MESSAGE, { reason: 'TerminationByKubelet', message: SHUTDOWN_MESSAGE }),
  },
];

function isTerminal(pod: Pod): boolean {
  return pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed';
}

/** The transition that ends `local`'s stage now, if any. */
export function nextTransition(local: LocalPod): PodTransition | undefined {
  return POD_TRANSITIONS.find((t) => t.from === local.stage && (t.when?.(local) ?? true));
}
