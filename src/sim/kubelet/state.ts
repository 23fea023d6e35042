/**
 * What a kubelet keeps about itself and the pods it runs: plain data, so the
 * world snapshots to JSON. The parts of the kubelet (lease, node status, pod
 * lifecycle, shutdown) read and write it through a KubeletHost.
 */
import type { NodeConfig } from '../actions';
import type { KubeletSettings } from '../config';
import type { ConditionOverride, NodeResources } from './node-status';

/** The stages of a pod on its node (pod-stages.ts says how each one ends). */
export type PodStage = 'starting' | 'running' | 'completed' | 'stopping' | 'stopped' | 'shutdown-killing';

/** A pod this kubelet runs: its containers' state, which the API may not know yet. */
export interface LocalPod {
  uid: string;
  /** 'completed': every container exited and may not restart; the API may not know yet. */
  stage: PodStage;
  restartCount: number;
  /** 'starting' after an exit: the containers wait out the restart back-off. */
  crashLooping: boolean;
  podIP: string;
  restartPolicy: string;
  runForMs: number | null;
  exitCode: number;
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
  shutdown: { groupIndex: number } | null;
}
