/**
 * Whether the simulation worker is alive: a heartbeat (a `ping` every
 * PING_EVERY_MS, answered by a `pong`) with a deadline, and the worker's
 * error events. The watchdog is pure (time and timers handed in), so its
 * rules are unit-tested; sim-client.ts drives it.
 */
import { create } from 'zustand';

export type WorkerHealth =
  | { state: 'starting' }
  | { state: 'alive' }
  /** Loaded but silent past the deadline (a hang, or it closed itself). */
  | { state: 'unresponsive'; message: string }
  /** An uncaught error, or the script could not load. */
  | { state: 'crashed'; message: string };

export const PING_EVERY_MS = 1_000;
/**
 * Silence after which the worker counts as stuck. Longer than the longest
 * thing a command may legitimately run for (a step or "next event" stops
 * after 5 s of wall time, session.ts), with a margin for a busy machine.
 */
export const DEADLINE_MS = 8_000;

export const useWorkerHealth = create<{ health: WorkerHealth }>()(() => ({ health: { state: 'starting' } }));

/**
 * The deadline runs from the oldest ping not yet answered, not from the last
 * frame: a hidden tab's timers may fire only once a minute, and a worker that
 * answered every ping it got is not stuck.
 */
export class Watchdog {
  /** When the oldest unanswered ping was sent; null when every ping was answered. */
  private waitingSinceMs: number | null = null;
  private seq = 0;
  private stopped = false;

  constructor(
    private readonly nowMs: () => number,
    private readonly ping: (seq: number) => void,
    private readonly report: (health: WorkerHealth) => void,
  ) {}

  /** Any frame from the worker proves it is alive. */
  heard(): void {
    if (this.stopped) return;
    this.waitingSinceMs = null;
    this.report({ state: 'alive' });
  }

  /** Called every PING_EVERY_MS: pings, or gives up on a worker that left a ping unanswered past the deadline. */
  beat(): void {
    if (this.stopped) return;
    const now = this.nowMs();
    if (this.waitingSinceMs === null) {
      this.waitingSinceMs = now;
      this.ping(++this.seq);
      return;
    }
    const silentMs = now - this.waitingSinceMs;
    if (silentMs > DEADLINE_MS) {
      this.stop();
      this.report({
        state: 'unresponsive',
        message: `The simulation stopped answering: nothing from it for ${Math.round(silentMs / 1000)} s. It may be stuck in a loop or have closed.`,
      });
      return;
    }
    this.ping(++this.seq);
  }

  crashed(message: string): void {
    if (this.stopped) return;
    this.stop();
    this.report({ state: 'crashed', message });
  }

  stop(): void {
    this.stopped = true;
  }
}
