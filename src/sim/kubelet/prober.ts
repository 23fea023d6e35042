/**
 * The kubelet's prober: one worker per container and probe type, ticking on
 * the virtual clock from the pod's admission every periodSeconds. Each
 * probe asks the container's behaviour how it answers now; a container that
 * does not answer fails the probe when its timeout runs out.
 *
 * A worker whose verdict is settled sleeps through the ticks that cannot
 * change anything (a passing probe of a container whose behaviour answers
 * the same until its next change point, a startup probe once started, any
 * probe of a container not running) and wakes on the same grid at the first
 * tick that can: behaviour is data, so the skipped ticks are known to be
 * no-ops. This keeps 150,000 probed pods as cheap as unprobed ones.
 * Upstream: pkg/kubelet/prober/worker.go (doProbe), prober.go (events),
 * prober_manager.go (UpdatePodStatus: readiness probed at once when a
 * container starts).
 */
import type { Pod } from '../api/types';
import { nextAnswerChange } from './container-behaviour';
import { containerAnswer } from './container-fault';
import { appendLog } from './container-logs';
import type { ContainerRuntime } from './containers';
import { probeTimerKey, visiblePod, type KubeletHost } from './host';
import { PROBE_TYPES, probeOf, probeOutcome, resolveProbe, type ResolvedProbe } from './probe-spec';
import type { LocalContainer, LocalPod, ProbeState, ProbeType } from './state';

/** Upstream worker initialValue. */
const INITIAL: Record<ProbeType, ProbeState['result']> = { readiness: 'Failure', liveness: 'Success', startup: 'Unknown' };
/** Upstream probeType.String(). */
const TITLE: Record<ProbeType, string> = { readiness: 'Readiness', liveness: 'Liveness', startup: 'Startup' };

export interface ProberHooks {
  changed(name: string, podKey: string): void;
}

export class Prober {
  constructor(
    private readonly host: KubeletHost,
    private readonly runtime: ContainerRuntime,
    private readonly hooks: ProberHooks,
  ) {}

  /** Upstream AddPod: a worker per probe, its ticker started now. */
  addPod(name: string, podKey: string, local: LocalPod, pod: Pod): void {
    const now = this.host.ctx.clock.nowMs;
    for (const spec of pod.spec.containers) {
      const c = local.containers.find((x) => x.name === spec.name)!;
      for (const type of PROBE_TYPES) {
        const probe = probeOf(spec, type);
        if (!probe) continue;
        const resolved = resolveProbe(spec, probe);
        c.probes[type] = { spec: resolved, result: INITIAL[type], lastResult: 'Unknown', resultRun: 0, onHold: false, instance: -1, awaitingTimeout: false, nextTickMs: now + resolved.periodMs };
        this.host.slots.set(probeTimerKey(name, podKey, c.name, type), now + resolved.periodMs);
      }
    }
  }

  /** A new container instance: results start over; readiness is probed at once (the manual trigger). */
  containerStarted(name: string, podKey: string, local: LocalPod, c: LocalContainer): void {
    for (const type of PROBE_TYPES) {
      const state = c.probes[type];
      if (!state) continue;
      Object.assign(state, { result: INITIAL[type], lastResult: 'Unknown', resultRun: 0, onHold: false, instance: c.restartCount });
    }
    this.wake(name, podKey, c);
    if (c.started) this.trigger(name, podKey, local, c, 'readiness');
  }

  /**
   * The container's behaviour or state changed (a new run, a fault): every
   * sleeping worker ticks again from the first tick of its grid after now.
   */
  wake(name: string, podKey: string, c: LocalContainer): void {
    const now = this.host.ctx.clock.nowMs;
    for (const type of PROBE_TYPES) {
      const state = c.probes[type];
      if (!state || state.awaitingTimeout) continue;
      const period = state.spec.periodMs;
      const next = state.nextTickMs - period * Math.floor((state.nextTickMs - now - 1) / period);
      if (next === state.nextTickMs && this.host.slots.has(probeTimerKey(name, podKey, c.name, type))) continue;
      state.nextTickMs = next;
      this.host.slots.set(probeTimerKey(name, podKey, c.name, type), next);
    }
  }

  cancel(name: string, podKey: string, local: LocalPod): void {
    for (const c of local.containers) for (const type of PROBE_TYPES) this.host.slots.cancel(probeTimerKey(name, podKey, c.name, type));
  }

  onTimer(name: string, podKey: string, containerName: string, type: ProbeType): void {
    const local = this.host.require(name).pods[podKey];
    const c = local?.containers.find((x) => x.name === containerName);
    const state = c?.probes[type];
    if (!local || !c || !state || local.stage === 'stopping' || local.stage === 'shutdown-killing') return;
    const now = this.host.ctx.clock.nowMs;
    if (state.awaitingTimeout) {
      // The container never answered: the probe fails when its timeout runs out.
      state.awaitingTimeout = false;
      this.record(name, podKey, local, c, type, false, probeOutcome(state.spec, type, 'hung', local.podIP).output);
      // A trigger sent while the probe was blocked waits in the channel (buffer 1): it runs now.
      const triggered = state.triggered === true;
      state.triggered = false;
      if (state.nextTickMs > now && !triggered) return this.host.slots.set(probeTimerKey(name, podKey, c.name, type), state.nextTickMs);
    }
    // Upstream time.Ticker: a fixed grid; a tick missed while a probe was blocked runs once, now.
    while (state.nextTickMs <= now) state.nextTickMs += state.spec.periodMs;
    this.doProbe(name, podKey, local, c, type, state);
    this.armNextTick(name, podKey, c, type, state);
  }

  /**
   * Upstream manualTriggerCh: probe now; the ticker goes on on its grid
   * (worker.run selects on the ticker or the trigger, it does not reset it).
   */
  private trigger(name: string, podKey: string, local: LocalPod, c: LocalContainer, type: ProbeType): void {
    const state = c.probes[type];
    if (!state) return;
    if (state.awaitingTimeout) {
      state.triggered = true;
      return;
    }
    this.doProbe(name, podKey, local, c, type, state);
    this.armNextTick(name, podKey, c, type, state);
  }

  /** The worker's next tick: the next grid tick, or the first one that can change anything (none: asleep until woken). */
  private armNextTick(name: string, podKey: string, c: LocalContainer, type: ProbeType, state: ProbeState): void {
    if (state.awaitingTimeout) return;
    const key = probeTimerKey(name, podKey, c.name, type);
    const wakeAtMs = this.quietUntil(c, type, state);
    if (wakeAtMs === null) return this.host.slots.set(key, state.nextTickMs);
    if (wakeAtMs === Infinity) return this.host.slots.cancel(key);
    const period = state.spec.periodMs;
    if (wakeAtMs > state.nextTickMs) state.nextTickMs += period * Math.ceil((wakeAtMs - state.nextTickMs) / period);
    this.host.slots.set(key, state.nextTickMs);
  }

  /**
   * Until when every tick of this worker is a no-op (Infinity: until the
   * container changes; null: the next tick may matter). Mirrors doProbe and
   * record: the ticks skipped are exactly the ones they would ignore.
   */
  private quietUntil(c: LocalContainer, type: ProbeType, state: ProbeState): number | null {
    if (c.state !== 'running' || c.startedAtMs === null || state.onHold) return Infinity;
    if (type === 'startup' && c.started) return Infinity;
    if (type !== 'startup' && !c.started) return null;
    const sinceStart = this.host.ctx.clock.nowMs - c.startedAtMs;
    if (Math.floor(sinceStart / 1000) < state.spec.initialDelaySeconds) return null;
    const settled = state.result === 'Success' && state.lastResult === 'Success' && state.resultRun >= state.spec.successThreshold;
    // A fault (container-fault.ts) never answers 'ok'; applying one wakes the worker.
    if (!settled || containerAnswer(c, this.host.ctx.clock.nowMs) !== 'ok') return null;
    const change = nextAnswerChange(c.behaviour, sinceStart);
    return change === null ? Infinity : c.startedAtMs + change;
  }

  /** Upstream: worker.doProbe. */
  private doProbe(name: string, podKey: string, local: LocalPod, c: LocalContainer, type: ProbeType, state: ProbeState): void {
    if (c.state !== 'running' || c.startedAtMs === null || state.onHold) return;
    const now = this.host.ctx.clock.nowMs;
    // Probe disabled for initialDelaySeconds (whole seconds since the start, as upstream truncates).
    if (Math.floor((now - c.startedAtMs) / 1000) < state.spec.initialDelaySeconds) return;
    // Startup stops once started; the others wait for it.
    if (c.started ? type === 'startup' : type !== 'startup') return;
    const answer = containerAnswer(c, now);
    if (answer === 'hung') {
      state.awaitingTimeout = true;
      this.host.slots.set(probeTimerKey(name, podKey, c.name, type), now + state.spec.timeoutMs);
      return;
    }
    const outcome = probeOutcome(state.spec, type, answer, local.podIP);
    // An HTTP probe the app answers 503 shows in its access log.
    if (!outcome.success && answer === 'unready' && state.spec.handler === 'http') appendLog(c.log, [now, 'probe', type, state.spec.path, 503]);
    this.record(name, podKey, local, c, type, outcome.success, outcome.output);
  }

  /** A probe's result: events, the threshold, and what the kubelet does about a verdict. */
  private record(name: string, podKey: string, local: LocalPod, c: LocalContainer, type: ProbeType, success: boolean, output: string): void {
    const state = c.probes[type]!;
    if (c.state !== 'running' || state.instance !== c.restartCount) return;
    const result = success ? 'Success' : 'Failure';
    if (!success) {
      const pod = visiblePod(this.host, name, podKey, local.uid);
      if (pod) this.host.recordPodEvent(name, pod, 'Warning', 'Unhealthy', `${TITLE[type]} probe failed: ${output}`);
    }
    if (state.lastResult === result) state.resultRun++;
    else {
      state.lastResult = result;
      state.resultRun = 1;
    }
    if (state.resultRun < (success ? state.spec.successThreshold : state.spec.failureThreshold)) return;
    state.result = result;
    if ((type === 'liveness' && !success) || type === 'startup') {
      state.onHold = true;
      state.resultRun = 0;
    }
    this.act(name, podKey, local, c, type, success);
  }

  private act(name: string, podKey: string, local: LocalPod, c: LocalContainer, type: ProbeType, success: boolean): void {
    if (type === 'liveness') {
      if (!success) this.runtime.kill(name, podKey, local, c, 'liveness');
      return;
    }
    if (type === 'startup') {
      if (!success) return this.runtime.kill(name, podKey, local, c, 'startup');
      c.started = true;
      c.ready = !c.hasReadinessProbe;
      this.hooks.changed(name, podKey);
      return this.trigger(name, podKey, local, c, 'readiness');
    }
    if (c.ready === (success && c.started)) return;
    c.ready = success && c.started;
    this.hooks.changed(name, podKey);
  }
}

export type { ResolvedProbe };
