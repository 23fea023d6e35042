/**
 * Seeks while dragging: at most one per animation frame, always the newest
 * instant (the worker coalesces too, answering only the newest it holds).
 * The scheduler is injected so the rule can be tested without a browser.
 */
export type FrameScheduler = (callback: () => void) => void;

export class SeekThrottle {
  private pendingMs: number | null = null;
  private scheduled = false;
  private lastSentMs: number | null = null;

  constructor(
    private readonly send: (atMs: number) => void,
    private readonly schedule: FrameScheduler,
  ) {}

  /** Asks for `atMs`; sent on the next frame unless a newer request replaces it first. */
  request(atMs: number): void {
    this.pendingMs = atMs;
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => this.flush());
  }

  /** Sends what is pending now (the end of a drag must not wait for, or be lost to, a frame). */
  flush(): void {
    this.scheduled = false;
    const atMs = this.pendingMs;
    this.pendingMs = null;
    if (atMs === null || atMs === this.lastSentMs) return;
    this.lastSentMs = atMs;
    this.send(atMs);
  }

  /** Forgets the last instant sent, so asking for it again sends it (after go-live, a fork, a reset). */
  forget(): void {
    this.lastSentMs = null;
  }
}
