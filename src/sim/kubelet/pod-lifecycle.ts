/**
 * The pods a kubelet runs: admission, the stages of pod-stages.ts on the
 * virtual clock, deletion, and reconciling with what the API holds.
 * Upstream: pkg/kubelet/kubelet.go (syncPod, HandlePodAdditions),
 * pkg/kubelet/status (status manager).
 */
import { toTimestamp } from '../core/time';
import { isPodTerminal } from '../api/conditions';
import type { Pod } from '../api/types';
import { internalIP, nextPodIP } from './addresses';
import { podProgram } from './container-program';
import { podKeyOf, podTimerKey, type KubeletHost } from './host';
import { completedStatus, creatingStatus, failedStatus, runningStatus, showsRunningAndReady } from './pod-status';
import { STAGE_DELAYS, nextTransition, type PodTransition } from './pod-stages';
import type { LocalPod, PodStage } from './state';

type Status = Pod['status'];

export class PodLifecycle {
  constructor(private readonly host: KubeletHost) {}

  /** Reconciles one pod bound to this node with the containers the kubelet runs. */
  sync(name: string, podKey: string): void {
    const state = this.host.require(name);
    const local = state.pods[podKey];
    const [namespace, podName] = podKey.split('/') as [string, string];
    const pod = this.host.api.get<Pod>('Pod', podName, namespace);
    if (!pod || pod.spec.nodeName !== name || (local && local.uid !== pod.metadata.uid)) {
      // Deleted (or replaced) behind our back: the containers are killed.
      this.forget(name, podKey);
      if (!pod || pod.spec.nodeName !== name) return;
    }
    if (pod.metadata.deletionTimestamp) return this.stop(name, pod);
    if (isPodTerminal(pod)) return this.forget(name, podKey);
    const current = state.pods[podKey];
    if (!current) return this.admit(name, pod);
    if (current.stage === 'completed') {
      // The containers finished while the node was cut off: tell the API now.
      this.forget(name, podKey);
      return this.writeStatus(pod, (stored) => completedStatus(stored, this.now(), current.exitCode));
    }
    if (current.stage === 'running' && !showsRunningAndReady(pod)) {
      this.writeStatus(pod, (stored) => runningStatus(stored, this.now(), this.hostIP(name), current.podIP, current.restartCount));
    }
  }

  /** A stage's timer fired: take the transition the table gives. */
  onTimer(name: string, podKey: string): void {
    const local = this.host.require(name).pods[podKey];
    if (!local) return;
    const transition = nextTransition(local);
    if (!transition) return;
    const [namespace, podName] = podKey.split('/') as [string, string];
    const stored = this.host.reachable(name) ? this.host.api.get<Pod>('Pod', podName, namespace) : undefined;
    // The API hears nothing from a cut-off node, nor about a pod replaced under the same name.
    const pod = stored && stored.metadata.uid === local.uid ? stored : undefined;
    transition.apply?.(local);
    if (transition.to === 'gone') this.forget(name, podKey);
    else this.enter(name, podKey, local, transition.to, pod);
    if (pod) this.take(name, pod, local, transition);
  }

  /** Puts a pod in a stage and sets the stage's timer (`delayMs` for a stage whose delay is given). */
  enter(name: string, podKey: string, local: LocalPod, stage: PodStage, pod: Pod | undefined, delayMs?: number): void {
    local.stage = stage;
    const rule = STAGE_DELAYS[stage];
    const now = this.host.ctx.clock.nowMs;
    const delay = rule === 'given' ? delayMs : rule({ settings: this.host.require(name).settings, local, pod, nowMs: now });
    if (delay === null || delay === undefined) this.host.slots.cancel(podTimerKey(name, podKey));
    else this.host.slots.set(podTimerKey(name, podKey), now + delay);
  }

  private take(name: string, pod: Pod, local: LocalPod, transition: PodTransition): void {
    for (const event of transition.events?.(pod, local) ?? []) this.host.recordPodEvent(name, pod, event.type, event.reason, event.message);
    const env = { now: this.now(), hostIP: this.hostIP(name) };
    if (transition.forgetOnceReported) this.forget(name, podKeyOf(pod));
    // `pod` is the stored version: build the status once.
    const status = transition.status?.(pod, local, env);
    if (status) this.writeStatus(pod, () => status);
    if (transition.deletesObject) this.host.api.delete('Pod', pod.metadata.name, pod.metadata.namespace, { gracePeriodSeconds: 0 });
  }

  private admit(name: string, pod: Pod): void {
    const state = this.host.require(name);
    if (state.power === 'shutting-down') {
      return this.writeStatus(pod, (stored) => failedStatus(stored, this.now(), 'NodeShutdown', 'Pod was rejected as the node is shutting down.'));
    }
    const wasRunning = pod.status.phase === 'Running';
    if (wasRunning && pod.spec.restartPolicy === 'Never') {
      // After a reboot the containers are gone and may not be restarted.
      return this.writeStatus(pod, (stored) =>
        failedStatus(stored, this.now(), 'Error', 'The node was restarted and the pod may not be restarted (restartPolicy Never).'),
      );
    }
    const restartCount = (pod.status.containerStatuses?.[0]?.restartCount ?? 0) + (wasRunning ? 1 : 0);
    const local: LocalPod = {
      uid: pod.metadata.uid,
      stage: 'starting',
      restartCount,
      crashLooping: false,
      podIP: nextPodIP(state),
      restartPolicy: pod.spec.restartPolicy ?? 'Always',
      ...podProgram(pod.spec),
    };
    const podKey = podKeyOf(pod);
    state.pods[podKey] = local;
    this.writeStatus(pod, (stored) => creatingStatus(stored, this.now(), this.hostIP(name), restartCount));
    this.enter(name, podKey, local, 'starting', pod);
  }

  /** A deleted pod's containers get its grace period, then the kubelet removes the object. */
  private stop(name: string, pod: Pod): void {
    const podKey = podKeyOf(pod);
    const local = this.host.require(name).pods[podKey];
    if (!local || local.stage === 'stopped') {
      this.forget(name, podKey);
      if (local) this.confirmStopped(pod);
      else this.host.api.delete('Pod', pod.metadata.name, pod.metadata.namespace, { gracePeriodSeconds: 0 });
      return;
    }
    if (local.stage === 'stopping') return;
    for (const c of pod.spec.containers) this.host.recordPodEvent(name, pod, 'Normal', 'Killing', `Stopping container ${c.name}`);
    this.enter(name, podKey, local, 'stopping', pod);
  }

  /**
   * The containers of a deleted pod are gone: as upstream's kubelet (1.27+)
   * does, write the terminal phase first (the Job controller reads its finish
   * time), then remove the object.
   */
  private confirmStopped(pod: Pod): void {
    const { name, namespace } = pod.metadata;
    if (!isPodTerminal(pod)) this.host.api.updateStatus<Pod>('Pod', name, namespace, (stored) => failedStatus(stored, this.now()));
    this.host.api.delete('Pod', name, namespace, { gracePeriodSeconds: 0 });
  }

  forget(name: string, podKey: string): void {
    const state = this.host.require(name);
    if (!state.pods[podKey]) return;
    delete state.pods[podKey];
    this.host.slots.cancel(podTimerKey(name, podKey));
  }

  private writeStatus(pod: Pod, build: (stored: Pod) => Status): void {
    this.host.api.updateStatus<Pod>('Pod', pod.metadata.name, pod.metadata.namespace, build);
  }

  private hostIP(name: string): string {
    return internalIP(this.host.require(name));
  }

  private now(): string {
    return toTimestamp(this.host.ctx.clock.nowMs);
  }
}
