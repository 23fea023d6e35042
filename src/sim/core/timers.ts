import { Heap } from './heap';

/**
 * The virtual clock's timers. A timer is data, not a callback: it names the
 * component that owns it and a key the component understands, so the whole
 * queue is cloned with the world. Timers fire in (atMs, seq) order.
 */
export interface Timer {
  atMs: number;
  seq: number;
  owner: string;
  key: string;
}

export interface TimerQueueState {
  seq: number;
  items: Timer[];
}

const earlier = (a: Timer, b: Timer): boolean => a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);

export class TimerQueue {
  private heap: Heap<Timer>;
  private seq: number;

  constructor(state?: TimerQueueState) {
    this.heap = new Heap(earlier, state ? state.items.map((t) => ({ ...t })) : []);
    this.seq = state?.seq ?? 0;
  }

  /** Schedules a timer and returns its sequence number (its identity). */
  schedule(owner: string, key: string, atMs: number): number {
    const seq = ++this.seq;
    this.heap.push({ atMs, seq, owner, key });
    return seq;
  }

  nextAtMs(): number | undefined {
    return this.heap.peek()?.atMs;
  }

  /** Removes and returns the earliest timer if it is due at or before `nowMs`. */
  popDue(nowMs: number): Timer | undefined {
    const top = this.heap.peek();
    if (top === undefined || top.atMs > nowMs) return undefined;
    return this.heap.pop();
  }

  get size(): number {
    return this.heap.size;
  }

  snapshot(): TimerQueueState {
    return { seq: this.seq, items: this.heap.items.map((t) => ({ ...t })) };
  }
}

/**
 * The timers one component owns, by key. Setting a key again replaces its
 * timer; a replaced or cancelled timer is ignored when it fires (lazy
 * cancellation keeps the heap cheap). The slots are plain data.
 */
export class TimerSlots {
  constructor(
    private readonly timers: TimerQueue,
    private readonly owner: string,
    readonly seqs: Map<string, number> = new Map(),
  ) {}

  set(key: string, atMs: number): void {
    this.seqs.set(key, this.timers.schedule(this.owner, key, atMs));
  }

  cancel(key: string): void {
    this.seqs.delete(key);
  }

  has(key: string): boolean {
    return this.seqs.has(key);
  }

  /** True if `timer` is the live timer of its key; the slot is then freed. */
  claim(timer: Timer): boolean {
    if (this.seqs.get(timer.key) !== timer.seq) return false;
    this.seqs.delete(timer.key);
    return true;
  }
}
