/**
 * The container runtime of a kubelet: containers start, run their
 * behaviour (container-behaviour.ts), exit or are killed, and restart by the
 * pod's restartPolicy with the restart back-off (CrashLoopBackOff).
 * Upstream: pkg/kubelet/kuberuntime (computePodActions, doBackOff, killContainer).
 */
import type { ContainerFaultKind } from '../actions';
import type { Pod } from '../api/types';
import { backoffWaitMs, nextBackoff } from './backoff';
import { plannedExit, podBehaviours } from './container-behaviour';
import { CRASH_EXIT, expireFault, runExit } from './container-fault';
import { appendLog, rotateLog } from './container-logs';
import { containerTimerKey, visiblePod, type KubeletHost } from './host';
import { probeOf } from './probe-spec';
import { formatPod } from './pod-status';
import type { LocalContainer, LocalPod } from './state';

/** What the runtime tells the rest of the kubelet. */
export interface RuntimeHooks {
  /** A container (re)started: its probe workers begin on the new instance. */
  started(name: string, podKey: string, local: LocalPod, container: LocalContainer): void;
  /** Some container changed: the status manager posts, or the pod completes. */
  changed(name: string, podKey: string): void;
}

export interface ExitCause {
  exitCode: number;
  reason: string;
}

/** Upstream restart rules: Always restarts, OnFailure on a non-zero exit code, Never does not. */
export function restarts(restartPolicy: string, exitCode: number): boolean {
  return restartPolicy === 'Always' || (restartPolicy === 'OnFailure' && exitCode !== 0);
}

export class ContainerRuntime {
  hooks!: RuntimeHooks;

  constructor(private readonly host: KubeletHost) {}

  /** The containers of a newly admitted pod, waiting to be created. `restartBase` carries restart counts over a reboot. */
  create(pod: Pod, restartBase: (name: string) => number): LocalContainer[] {
    const behaviours = podBehaviours(pod);
    return pod.spec.containers.map((spec) => {
      const behaviour = behaviours[spec.name]!;
      return {
        name: spec.name,
        image: spec.image ?? '',
        log: { current: [], previous: null },
        behaviour,
        exit: plannedExit(behaviour, spec.resources?.limits?.memory as string | undefined),
        hasStartupProbe: probeOf(spec, 'startup') !== undefined,
        hasReadinessProbe: probeOf(spec, 'readiness') !== undefined,
        state: 'waiting',
        waitingReason: 'ContainerCreating',
        restartCount: restartBase(spec.name),
        startedAtMs: null,
        lastExit: null,
        backoffMs: 0,
        backoffUpdatedMs: null,
        started: false,
        ready: false,
        probes: {},
        fault: null,
      };
    });
  }

  /** Runs a container: ready at once unless a startup or readiness probe has to pass first. */
  run(name: string, podKey: string, local: LocalPod, c: LocalContainer): void {
    const now = this.host.ctx.clock.nowMs;
    c.state = 'running';
    c.startedAtMs = now;
    c.started = !c.hasStartupProbe;
    c.ready = c.started && !c.hasReadinessProbe;
    appendLog(c.log, [now, 'start', c.image]);
    expireFault(c, now);
    const exit = runExit(c, now);
    if (exit) this.host.slots.set(containerTimerKey(name, podKey, c.name), now + exit.afterMs);
    const pod = visiblePod(this.host, name, podKey, local.uid);
    if (pod) this.host.recordPodEvent(name, pod, 'Normal', 'Started', `Started container ${c.name}`);
    this.hooks.started(name, podKey, local, c);
  }

  /** The container's own exit, or the end of its back-off. */
  onTimer(name: string, podKey: string, containerName: string): void {
    const local = this.host.require(name).pods[podKey];
    const c = local?.containers.find((x) => x.name === containerName);
    if (!local || !c || local.stage !== 'running') return;
    const exit = c.state === 'running' ? runExit(c, c.startedAtMs ?? this.host.ctx.clock.nowMs) : null;
    if (exit) this.exited(name, podKey, local, c, exit);
    else if (c.state === 'waiting' && c.waitingReason === 'CrashLoopBackOff') this.restart(name, podKey, local, c);
  }

  /** Upstream: killContainer after a failed liveness or startup probe (the container stops at once). */
  kill(name: string, podKey: string, local: LocalPod, c: LocalContainer, probe: 'liveness' | 'startup'): void {
    if (c.state !== 'running') return;
    const pod = visiblePod(this.host, name, podKey, local.uid);
    if (pod) this.host.recordPodEvent(name, pod, 'Normal', 'Killing', `Container ${c.name} failed ${probe} probe, will be restarted`);
    this.host.slots.cancel(containerTimerKey(name, podKey, c.name));
    appendLog(c.log, [this.host.ctx.clock.nowMs, 'term']);
    this.exited(name, podKey, local, c, { exitCode: 137, reason: 'Error' }, true);
  }

  /**
   * The container-fault action on a container of a running pod. Without
   * `forMs` the fault is about the current run (or, while the container waits
   * out its back-off, the next one); with it, about every run until it ends.
   * A crash ends the running process now.
   */
  fault(name: string, podKey: string, local: LocalPod, c: LocalContainer, kind: ContainerFaultKind, forMs: number | undefined): void {
    const now = this.host.ctx.clock.nowMs;
    const instance = c.state === 'running' ? c.restartCount : c.restartCount + 1;
    c.fault = forMs === undefined ? { kind, instance, untilMs: null } : { kind, instance: null, untilMs: now + forMs };
    if (kind !== 'crash' || c.state !== 'running') return;
    this.host.slots.cancel(containerTimerKey(name, podKey, c.name));
    this.exited(name, podKey, local, c, CRASH_EXIT);
  }

  /** Stops the timers of every container of a pod (the pod is being stopped or forgotten). */
  cancel(name: string, podKey: string, local: LocalPod): void {
    for (const c of local.containers) this.host.slots.cancel(containerTimerKey(name, podKey, c.name));
  }

  /** Upstream: computePodActions / doBackOff — restart now, wait out the back-off, or stay terminated. */
  private exited(name: string, podKey: string, local: LocalPod, c: LocalContainer, cause: ExitCause, killed = false): void {
    const now = this.host.ctx.clock.nowMs;
    if (!killed) appendLog(c.log, [now, 'exit', cause.exitCode, cause.reason]);
    c.lastExit = { exitCode: cause.exitCode, reason: cause.reason, startedAtMs: c.startedAtMs ?? now, finishedAtMs: now, containerID: `containerd://${c.name}-${c.restartCount}` };
    c.ready = false;
    c.started = false;
    if (!restarts(local.restartPolicy, cause.exitCode)) {
      c.state = 'terminated';
      return this.hooks.changed(name, podKey);
    }
    const waitMs = backoffWaitMs(c, now);
    if (waitMs === 0) return this.restart(name, podKey, local, c);
    c.state = 'waiting';
    c.waitingReason = 'CrashLoopBackOff';
    this.host.slots.set(containerTimerKey(name, podKey, c.name), now + waitMs);
    const pod = visiblePod(this.host, name, podKey, local.uid);
    if (pod) this.host.recordPodEvent(name, pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${formatPod(pod)}`);
    this.hooks.changed(name, podKey);
  }

  private restart(name: string, podKey: string, local: LocalPod, c: LocalContainer): void {
    nextBackoff(c, c.lastExit?.finishedAtMs ?? this.host.ctx.clock.nowMs, this.host.ctx.clock.nowMs);
    c.restartCount++;
    rotateLog(c.log);
    this.run(name, podKey, local, c);
    this.hooks.changed(name, podKey);
  }
}
