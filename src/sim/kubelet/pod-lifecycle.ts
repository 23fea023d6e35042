/**
 * The pods a kubelet runs: admission, the stages of pod-stages.ts on the
 * virtual clock, deletion, and reconciling with what the API holds. The
 * containers inside a running pod are the runtime's (containers.ts) and the
 * prober's (prober.ts).
 * Upstream: pkg/kubelet/kubelet.go (syncPod, HandlePodAdditions),
 * pkg/kubelet/status (status manager).
 */
import { toTimestamp } from '../core/time';
import { isPodTerminal } from '../api/conditions';
import type { Node, Pod } from '../api/types';
import { admissionFailure, type Rejection } from './admission';
import { internalIP, nextPodIP } from './addresses';
import { BehaviourError } from './container-behaviour';
import { appendLog } from './container-logs';
import { ContainerRuntime } from './containers';
import { podKeyOf, podTimerKey, visiblePod, type KubeletHost } from './host';
import { failedStatus, liveStatus, statusSignature } from './pod-status';
import { STAGE_DELAYS, nextTransition, type PodTransition } from './pod-stages';
import { Prober } from './prober';
import type { LocalPod, PodStage, ProbeType } from './state';

type Status = Pod['status'];

export class PodLifecycle {
  readonly runtime: ContainerRuntime;
  readonly prober: Prober;
  /** While a transition runs, container changes wait for its single status write. */
  private quiet = false;

  constructor(private readonly host: KubeletHost) {
    this.runtime = new ContainerRuntime(host);
    this.prober = new Prober(host, this.runtime, { changed: (name, podKey) => this.containersChanged(name, podKey) });
    this.runtime.hooks = {
      started: (name, podKey, local, c) => this.prober.containerStarted(name, podKey, local, c),
      changed: (name, podKey) => this.containersChanged(name, podKey),
    };
  }

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
      return this.writeStatus(pod, (stored) => liveStatus(stored, current, this.now(), this.hostIP(name)));
    }
    if (current.stage === 'running') this.postIfBehind(name, pod, current);
  }

  /** A stage's timer fired: take the transition the table gives. */
  onTimer(name: string, podKey: string): void {
    const local = this.host.require(name).pods[podKey];
    if (!local) return;
    const transition = nextTransition(local);
    if (transition) this.advance(name, podKey, local, transition);
  }

  onContainerTimer(name: string, podKey: string, container: string): void {
    this.runtime.onTimer(name, podKey, container);
  }

  onProbeTimer(name: string, podKey: string, container: string, type: ProbeType): void {
    this.prober.onTimer(name, podKey, container, type);
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

  forget(name: string, podKey: string): void {
    const state = this.host.require(name);
    const local = state.pods[podKey];
    if (!local) return;
    delete state.pods[podKey];
    this.host.slots.cancel(podTimerKey(name, podKey));
    this.runtime.cancel(name, podKey, local);
    this.prober.cancel(name, podKey, local);
  }

  private advance(name: string, podKey: string, local: LocalPod, transition: PodTransition): void {
    // The API hears nothing from a cut-off node, nor about a pod replaced under the same name.
    const pod = visiblePod(this.host, name, podKey, local.uid);
    if (transition.to === 'gone') this.forget(name, podKey);
    else this.enter(name, podKey, local, transition.to, pod);
    if (transition.effect === 'start-containers') {
      this.quiet = true;
      for (const c of local.containers) this.runtime.run(name, podKey, local, c);
      this.quiet = false;
    }
    if (pod) this.take(name, this.host.api.get<Pod>('Pod', pod.metadata.name, pod.metadata.namespace) ?? pod, local, transition);
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

  /** A container started, exited, restarted or changed readiness: the pod completes, or the status manager posts. */
  private containersChanged(name: string, podKey: string): void {
    const local = this.host.require(name).pods[podKey];
    if (this.quiet || !local || local.stage !== 'running') return;
    const transition = nextTransition(local);
    if (transition) return this.advance(name, podKey, local, transition);
    const pod = visiblePod(this.host, name, podKey, local.uid);
    if (pod) this.postIfBehind(name, pod, local);
  }

  /** The status manager: post when the API shows something else than the containers do. */
  private postIfBehind(name: string, pod: Pod, local: LocalPod): void {
    const status = liveStatus(pod, local, this.now(), this.hostIP(name));
    if (statusSignature(status) !== statusSignature(pod.status)) this.writeStatus(pod, () => status);
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
    const rejection = this.admission(name, pod);
    if (rejection) {
      // Upstream rejectPod: a Warning event with the reason, phase Failed; the owner replaces the pod.
      this.host.recordPodEvent(name, pod, 'Warning', rejection.reason, rejection.message.replace(/^Pod was rejected: /, ''));
      return this.writeStatus(pod, (stored) => failedStatus(stored, this.now(), rejection.reason, rejection.message));
    }
    // After a reboot every container restarts once more.
    const restartBase = (container: string) => (pod.status.containerStatuses?.find((s) => s.name === container)?.restartCount ?? 0) + (wasRunning ? 1 : 0);
    let containers;
    try {
      containers = this.runtime.create(pod, restartBase);
    } catch (error) {
      if (!(error instanceof BehaviourError)) throw error;
      // Admission validates the annotation; one written before that (or by hand) is refused here.
      return this.writeStatus(pod, (stored) => failedStatus(stored, this.now(), 'InvalidBehaviour', error.message));
    }
    const local: LocalPod = { uid: pod.metadata.uid, stage: 'starting', podIP: nextPodIP(state, this.host.api.get<Node>('Node', name), pod), restartPolicy: pod.spec.restartPolicy ?? 'Always', containers };
    const podKey = podKeyOf(pod);
    state.pods[podKey] = local;
    this.writeStatus(pod, (stored) => liveStatus(stored, local, this.now(), this.hostIP(name)));
    this.enter(name, podKey, local, 'starting', pod);
    this.prober.addPod(name, podKey, local, pod);
  }

  /** Upstream lifecycle predicate Admit, against the pods this kubelet already runs. */
  private admission(name: string, pod: Pod): Rejection | null {
    const node = this.host.api.get<Node>('Node', name);
    if (!node) return null;
    const admitted: Pod[] = [];
    for (const [key, local] of Object.entries(this.host.require(name).pods)) {
      if (local.stage === 'completed' || local.stage === 'stopped') continue;
      const [namespace, podName] = key.split('/') as [string, string];
      const other = this.host.api.get<Pod>('Pod', podName, namespace);
      if (other && other.metadata.uid === local.uid) admitted.push(other);
    }
    return admissionFailure(pod, node, admitted);
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
    for (const c of local.containers) if (c.state === 'running') appendLog(c.log, [this.host.ctx.clock.nowMs, 'term']);
    this.runtime.cancel(name, podKey, local);
    this.prober.cancel(name, podKey, local);
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
