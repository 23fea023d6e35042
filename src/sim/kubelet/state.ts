/**
 * What a kubelet keeps about itself and the pods it runs: plain data, so the
 * world snapshots to JSON. The parts of the kubelet (lease, node status, pod
 * lifecycle, shutdown) read and write it through a KubeletHost.
 */
import type { NodeConfig } from '../actions';
import type { KubeletSettings } from '../config';
import type { ContainerBehaviour, PlannedExit } from './container-behaviour';
import type { ContainerFault } from './container-fault';
import type { ContainerLog } from './container-logs';
import type { ConditionOverride, NodeResources } from './node-status';
import type { ResolvedProbe } from './probe-spec';

/** The stages of a pod on its node (pod-stages.ts says how each one ends). */
export type PodStage = 'starting' | 'running' | 'completed' | 'stopping' | 'stopped' | 'shutdown-killing';

export type ProbeType = 'startup' | 'liveness' | 'readiness';

/** One probe worker's memory (upstream prober/worker.go). */
export interface ProbeState {
  spec: ResolvedProbe;
  /** The result the kubelet acts on: upstream's initial values are Failure (readiness), Success (liveness), Unknown (startup). */
  result: 'Success' | 'Failure' | 'Unknown';
  lastResult: 'Success' | 'Failure' | 'Unknown';
  /** How many probes in a row gave lastResult. */
  resultRun: number;
  /** After a liveness/startup verdict: no probing until a new container runs. */
  onHold: boolean;
  /** The container instance the result is about (restartCount of the run). */
  instance: number;
  /** A probe is waiting for its timeout (the container does not answer). */
  awaitingTimeout: boolean;
  /** A manual trigger arrived meanwhile (upstream manualTriggerCh, buffer 1): it probes once the timeout ends. */
  triggered?: boolean;
  /** When the ticker fires next (the worker's own period grid). */
  nextTickMs: number;
}

export interface TerminatedState {
  exitCode: number;
  reason: string;
  startedAtMs: number;
  finishedAtMs: number;
  containerID: string;
}

/** A container of a pod this kubelet runs (the runtime's view, kuberuntime). */
export interface LocalContainer {
  name: string;
  image: string;
  /** What it wrote (container-logs.ts): this run and the one before. */
  log: ContainerLog;
  behaviour: ContainerBehaviour;
  /** How each run ends (its own exit or the OOM killer); null: it runs until stopped. */
  exit: PlannedExit | null;
  hasStartupProbe: boolean;
  hasReadinessProbe: boolean;
  /** 'waiting': not created yet, or waiting out the restart back-off; 'terminated': exited and will not restart. */
  state: 'waiting' | 'running' | 'terminated';
  waitingReason: 'ContainerCreating' | 'CrashLoopBackOff';
  restartCount: number;
  startedAtMs: number | null;
  /** The last exit (lastState.terminated, or state.terminated when it will not restart). */
  lastExit: TerminatedState | null;
  /** Upstream flowcontrol.Backoff for this container: current delay and when it was last moved. */
  backoffMs: number;
  backoffUpdatedMs: number | null;
  /** Started (startup probe passed, or none) and ready (readiness passed, or none). */
  started: boolean;
  ready: boolean;
  probes: Partial<Record<ProbeType, ProbeState>>;
  /** A fault injected by the container-fault action (container-fault.ts); absent in older snapshots. */
  fault?: ContainerFault | null;
}

/** A pod this kubelet runs: its containers' state, which the API may not know yet. */
export interface LocalPod {
  uid: string;
  /** 'completed': every container exited and may not restart; the API may not know yet. */
  stage: PodStage;
  podIP: string;
  restartPolicy: string;
  containers: LocalContainer[];
}

export interface KubeletState {
  config: NodeConfig;
  settings: KubeletSettings;
  resources: NodeResources;
  nodeIndex: number;
  power: 'on' | 'off' | 'shutting-down';
  overrides: Record<string, ConditionOverride>;
  leaseBackoffMs: number;
  lastReportMs: number | null;
  lastUnschedulable: boolean;
  pods: Record<string, LocalPod>;
  nextPodIP: number;
  /** A graceful shutdown under way; `bootAfter`: started again meanwhile, so it boots once it is off (a reboot). */
  shutdown: { groupIndex: number; bootAfter?: boolean } | null;
}
