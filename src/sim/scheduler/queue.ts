/**
 * The scheduling queue: activeQ (higher priority first, then earlier
 * timestamp — the PrioritySort plugin), backoffQ (1 s doubling to 10 s per
 * failed attempt) and the unschedulable pool, flushed every 30 s of pods
 * parked there for more than 5 min. Plain data; its timers live in the
 * TimerQueue.
 *
 * Upstream: pkg/scheduler/backend/queue/scheduling_queue.go (PriorityQueue:
 * Add, Pop, AddUnschedulableIfNotPresent, movePodsToActiveOrBackoffQueue,
 * flushBackoffQCompleted, flushUnschedulablePodsLeftover,
 * calculateBackoffDuration) and plugins/queuesort/priority_sort.go.
 *
 * Simplification: a pod leaves backoffQ exactly when its backoff ends
 * (upstream polls every second, and newer releases may pop a backing-off
 * pod early when activeQ is empty).
 */
import { Heap } from '../core/heap';
import type { Timer, TimerSlots } from '../core/timers';

/** Upstream: DefaultPodInitialBackoffDuration / DefaultPodMaxBackoffDuration. */
export const POD_INITIAL_BACKOFF_MS = 1_000;
export const POD_MAX_BACKOFF_MS = 10_000;
/** Upstream: DefaultPodMaxInUnschedulablePodsDuration. */
export const POD_MAX_IN_UNSCHEDULABLE_PODS_MS = 5 * 60_000;
/** Upstream: the period of flushUnschedulablePodsLeftover. */
export const UNSCHEDULABLE_FLUSH_PERIOD_MS = 30_000;

const FLUSH_TIMER = 'flush';
const BACKOFF_PREFIX = 'backoff/';

export type QueueName = 'active' | 'backoff' | 'unschedulable' | 'scheduling';

/** Upstream: QueuedPodInfo. Plain data (snapshotted as is). */
export interface QueuedPod {
  key: string;
  priority: number;
  /** Added to the queue, or last failed attempt. */
  timestampMs: number;
  attempts: number;
  queue: QueueName;
  /** Plugins that rejected the pod in its last attempt (queueing hints read them). */
  unschedulablePlugins: string[];
  /** Identity of its live activeQ entry. */
  activeSeq: number;
}

export interface QueueState {
  startMs: number;
  seq: number;
  pods: QueuedPod[];
}

interface ActiveEntry {
  key: string;
  priority: number;
  timestampMs: number;
  seq: number;
}

const beforeInActiveQ = (a: ActiveEntry, b: ActiveEntry): boolean =>
  a.priority !== b.priority ? a.priority > b.priority : a.timestampMs !== b.timestampMs ? a.timestampMs < b.timestampMs : a.seq < b.seq;

/** Upstream: calculateBackoffDuration — 1 s, doubled per further attempt, capped at 10 s. */
export function backoffDurationMs(attempts: number): number {
  let duration = POD_INITIAL_BACKOFF_MS;
  for (let i = 1; i < attempts; i++) {
    if (duration > POD_MAX_BACKOFF_MS - duration) return POD_MAX_BACKOFF_MS;
    duration += duration;
  }
  return duration;
}

export class SchedulingQueue {
  readonly pods = new Map<string, QueuedPod>();
  private readonly active = new Heap<ActiveEntry>(beforeInActiveQ);
  private readonly startMs: number;
  private seq: number;
  private unschedulableCount = 0;
  /** Rejector plugin → keys of pods in the unschedulable pool it rejected. */
  private readonly byPlugin = new Map<string, Set<string>>();

  constructor(
    private readonly timers: TimerSlots,
    private readonly clock: { readonly nowMs: number },
    state?: QueueState,
  ) {
    this.startMs = state?.startMs ?? clock.nowMs;
    this.seq = state?.seq ?? 0;
    for (const pod of state?.pods ?? []) {
      const copy = { ...pod, unschedulablePlugins: [...pod.unschedulablePlugins] };
      this.pods.set(copy.key, copy);
      if (copy.queue === 'unschedulable') this.enterPool(copy);
      if (copy.queue === 'active') this.active.push({ key: copy.key, priority: copy.priority, timestampMs: copy.timestampMs, seq: copy.activeSeq });
    }
  }

  get hasUnschedulable(): boolean {
    return this.unschedulableCount > 0;
  }

  /** Upstream: Add — a new pending pod goes to activeQ. */
  add(key: string, priority: number): void {
    if (this.pods.has(key)) return;
    const pod: QueuedPod = { key, priority, timestampMs: this.clock.nowMs, attempts: 0, queue: 'active', unschedulablePlugins: [], activeSeq: 0 };
    this.pods.set(key, pod);
    this.pushActive(pod);
  }

  /** Upstream: Pop — the head of activeQ; its attempts count goes up. */
  pop(): QueuedPod | undefined {
    for (let entry = this.active.pop(); entry; entry = this.active.pop()) {
      const pod = this.pods.get(entry.key);
      if (!pod || pod.queue !== 'active' || pod.activeSeq !== entry.seq) continue;
      pod.queue = 'scheduling';
      pod.attempts++;
      return pod;
    }
    return undefined;
  }

  delete(key: string): void {
    const pod = this.pods.get(key);
    if (!pod) return;
    this.leave(pod);
    this.pods.delete(key);
  }

  /**
   * Upstream: AddUnschedulableIfNotPresent. A pod rejected by plugins waits
   * in the unschedulable pool for an event; one that failed for another
   * reason (no plugin to blame) retries after its backoff.
   */
  addUnschedulable(pod: QueuedPod, plugins: readonly string[]): void {
    this.leave(pod);
    pod.timestampMs = this.clock.nowMs;
    pod.unschedulablePlugins = [...plugins];
    if (plugins.length === 0) {
      this.toBackoff(pod);
      return;
    }
    this.enterPool(pod);
    this.armFlush();
  }

  /** Upstream: movePodsToActiveOrBackoffQueue, for one pod of the unschedulable pool. */
  moveToActiveOrBackoff(pod: QueuedPod): void {
    if (pod.queue !== 'unschedulable') return;
    this.leave(pod);
    if (this.clock.nowMs < this.backoffExpiryMs(pod)) this.toBackoff(pod);
    else this.pushActive(pod);
  }

  /** A changed spec deserves a fresh try: to activeQ, or backoffQ if still backing off. */
  requeueUpdated(pod: QueuedPod): void {
    if (pod.queue === 'unschedulable') this.moveToActiveOrBackoff(pod);
  }

  unschedulablePods(): QueuedPod[] {
    const out: QueuedPod[] = [];
    for (const pod of this.pods.values()) if (pod.queue === 'unschedulable') out.push(pod);
    return out;
  }

  /** Pods of the unschedulable pool rejected by any of `plugins`, in queue order. */
  rejectedBy(plugins: readonly string[]): QueuedPod[] {
    const keys = new Set<string>();
    for (const plugin of plugins) for (const key of this.byPlugin.get(plugin) ?? []) keys.add(key);
    if (keys.size === 0) return [];
    const out: QueuedPod[] = [];
    for (const pod of this.pods.values()) if (keys.has(pod.key)) out.push(pod);
    return out;
  }

  backoffExpiryMs(pod: QueuedPod): number {
    return pod.timestampMs + backoffDurationMs(pod.attempts);
  }

  /** True if the timer was the queue's (and has been handled). */
  onTimer(timer: Timer): boolean {
    if (timer.key === FLUSH_TIMER) {
      if (this.timers.claim(timer)) this.flushUnschedulablePodsLeftover();
      return true;
    }
    if (!timer.key.startsWith(BACKOFF_PREFIX)) return false;
    if (!this.timers.claim(timer)) return true;
    // Upstream: flushBackoffQCompleted.
    const pod = this.pods.get(timer.key.slice(BACKOFF_PREFIX.length));
    if (pod?.queue === 'backoff') this.pushActive(pod);
    return true;
  }

  snapshot(): QueueState {
    return {
      startMs: this.startMs,
      seq: this.seq,
      pods: [...this.pods.values()].map((p) => ({ ...p, unschedulablePlugins: [...p.unschedulablePlugins] })),
    };
  }

  private flushUnschedulablePodsLeftover(): void {
    const nowMs = this.clock.nowMs;
    for (const pod of this.unschedulablePods()) {
      if (nowMs - pod.timestampMs > POD_MAX_IN_UNSCHEDULABLE_PODS_MS) this.moveToActiveOrBackoff(pod);
    }
    if (this.unschedulableCount > 0) this.timers.set(FLUSH_TIMER, nowMs + UNSCHEDULABLE_FLUSH_PERIOD_MS);
  }

  /** The flush runs every 30 s from the scheduler's start; the timer exists only while the pool is non-empty. */
  private armFlush(): void {
    if (this.timers.has(FLUSH_TIMER)) return;
    const elapsed = this.clock.nowMs - this.startMs;
    const next = this.startMs + (Math.floor(elapsed / UNSCHEDULABLE_FLUSH_PERIOD_MS) + 1) * UNSCHEDULABLE_FLUSH_PERIOD_MS;
    this.timers.set(FLUSH_TIMER, next);
  }

  private pushActive(pod: QueuedPod): void {
    pod.queue = 'active';
    pod.activeSeq = ++this.seq;
    this.active.push({ key: pod.key, priority: pod.priority, timestampMs: pod.timestampMs, seq: pod.activeSeq });
  }

  private toBackoff(pod: QueuedPod): void {
    pod.queue = 'backoff';
    this.timers.set(BACKOFF_PREFIX + pod.key, this.backoffExpiryMs(pod));
  }

  /** Takes the pod out of whichever queue holds it (activeQ entries go stale). */
  private enterPool(pod: QueuedPod): void {
    pod.queue = 'unschedulable';
    this.unschedulableCount++;
    for (const plugin of pod.unschedulablePlugins) {
      let keys = this.byPlugin.get(plugin);
      if (!keys) this.byPlugin.set(plugin, (keys = new Set()));
      keys.add(pod.key);
    }
  }

  private leave(pod: QueuedPod): void {
    if (pod.queue === 'unschedulable') {
      this.unschedulableCount--;
      for (const plugin of pod.unschedulablePlugins) {
        const keys = this.byPlugin.get(plugin);
        keys?.delete(pod.key);
        if (keys?.size === 0) this.byPlugin.delete(plugin);
      }
    }
    if (pod.queue === 'backoff') this.timers.cancel(BACKOFF_PREFIX + pod.key);
    pod.queue = 'scheduling';
  }
}
