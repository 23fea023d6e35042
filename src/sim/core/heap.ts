/**
 * A binary min-heap ordered by a caller-supplied comparator. Plain array
 * storage, so whatever holds it can be structured-cloned with the world.
 */
export class Heap<T> {
  constructor(
    private readonly less: (a: T, b: T) => boolean,
    public items: T[] = [],
  ) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  /** Removes every item matching `match`; O(n), for rare cancellations. */
  removeWhere(match: (item: T) => boolean): void {
    const kept = this.items.filter((item) => !match(item));
    if (kept.length === this.items.length) return;
    this.items = [];
    for (const item of kept) this.push(item);
  }

  /** Restores heap order after the caller changed the ordering key of items. */
  reheap(): void {
    for (let i = (this.items.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  private siftDown(start: number): void {
    const items = this.items;
    const n = items.length;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < n && this.less(items[left]!, items[smallest]!)) smallest = left;
      if (right < n && this.less(items[right]!, items[smallest]!)) smallest = right;
      if (smallest === i) return;
      [items[i], items[smallest]] = [items[smallest]!, items[i]!];
      i = smallest;
    }
  }
}

/**
 * Processes a work queue (a Set used as a FIFO with deduplication) until it
 * is empty, in batches: taking the first entry of a Set over and over is
 * quadratic in V8, which skips the deleted entries on every new iterator.
 * Items queued while a batch runs come in the next batch. Returns whether
 * anything was processed.
 */
export function drainQueue<T>(queue: Set<T>, handle: (item: T) => void): boolean {
  if (queue.size === 0) return false;
  while (queue.size > 0) {
    const batch = [...queue];
    queue.clear();
    for (const item of batch) handle(item);
  }
  return true;
}
