/**
 * Checkpoints of one line of history: world snapshots as JSON text (in
 * pieces that checkpoints share, see checkpoint-text.ts), sorted by time,
 * kept within a memory budget. When the budget is exceeded the
 * checkpoint whose loss matters least is dropped: the one whose neighbours
 * are closest together relative to how far it lies behind the latest time.
 * Spacing therefore grows with age (a logarithmic spread, dense near the
 * latest time), and the first checkpoint (t = 0) and the newest are kept.
 *
 * Size is measured as V8 holds the text: one byte per character when every
 * character fits in Latin-1, two otherwise; a piece shared by several
 * checkpoints counts once.
 */
import type { CheckpointText } from './checkpoint-text';

export interface Checkpoint {
  atMs: number;
  /** How many recorded inputs the world had scheduled when it was taken. */
  inputCount: number;
  text: CheckpointText;
}

export interface CheckpointBudget {
  /** Most checkpoints kept. */
  maxCount: number;
  /** Most bytes of checkpoint text kept. */
  maxBytes: number;
}

const MIB = 2 ** 20;
/** Bytes of checkpoint text allowed per stored object or event record of the world, within the bounds below. */
const BYTES_PER_PIECE = 16 * 1024;
const MIN_BYTES = 16 * MIB;
/** Under the 200 MiB for an hour of 100 nodes / 3,000 pods, with room for what the text count leaves out (arrays, map entries). */
const MAX_BYTES = 180 * MIB;
const MAX_COUNT = 240;

/** The budget before the world's size is known (the first checkpoint sets it). */
export const DEFAULT_BUDGET: CheckpointBudget = { maxCount: MAX_COUNT, maxBytes: MIN_BYTES };

/**
 * The budget for a world of `pieces` stored objects and event records: it
 * grows with the world, so that a big cluster keeps about as many
 * checkpoints as a small one (an hour of the default cluster stays near
 * 16 MiB, of 100 nodes / 3,000 pods at most 180 MiB).
 */
export function checkpointBudget(pieces: number): CheckpointBudget {
  return { maxCount: MAX_COUNT, maxBytes: Math.min(MAX_BYTES, Math.max(MIN_BYTES, pieces * BYTES_PER_PIECE)) };
}

/** Ages below span / this count as that: a pure 1/age spread would leave the oldest gaps too long to replay quickly. */
const AGE_FLOOR_FRACTION = 8;

export function textBytes(text: string): number {
  // eslint-disable-next-line no-control-regex
  return /[^\u0000-\u00ff]/.test(text) ? text.length * 2 : text.length;
}

export class CheckpointStore {
  private list: Checkpoint[] = [];
  private total = 0;
  /** Every piece of text the kept checkpoints hold, with how many hold it. */
  private readonly pieces = new Map<string, number>();

  constructor(private budget: CheckpointBudget = DEFAULT_BUDGET) {}

  /** Changes the budget (the world grew or shrank); takes effect at the next `add`. */
  setBudget(budget: CheckpointBudget): void {
    this.budget = budget;
  }

  get count(): number {
    return this.list.length;
  }

  get bytes(): number {
    return this.total;
  }

  /** The oldest checkpoint; the store is never empty once the first is added. */
  get first(): Checkpoint {
    const first = this.list[0];
    if (!first) throw new Error('no checkpoint yet');
    return first;
  }

  get last(): Checkpoint {
    const last = this.list[this.list.length - 1];
    if (!last) throw new Error('no checkpoint yet');
    return last;
  }

  times(): number[] {
    return this.list.map((c) => c.atMs);
  }

  /** Adds a checkpoint newer than every kept one, then thins to the budget. */
  add(checkpoint: Checkpoint, latestMs: number): void {
    const last = this.list[this.list.length - 1];
    if (last && checkpoint.atMs <= last.atMs) throw new Error(`checkpoint at ${checkpoint.atMs} ms is not after the last one (${last.atMs} ms)`);
    this.keep(checkpoint);
    while (this.list.length > 2 && (this.list.length > this.budget.maxCount || this.total > this.budget.maxBytes)) {
      this.dropLeastUseful(latestMs);
    }
  }

  /** The newest checkpoint at or before `atMs`. */
  atOrBefore(atMs: number): Checkpoint | undefined {
    let lo = 0;
    let hi = this.list.length - 1;
    let found: Checkpoint | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = this.list[mid]!;
      if (c.atMs <= atMs) {
        found = c;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** Removes and returns the checkpoints after `atMs` (a fork keeps them for its undo). */
  cutAfter(atMs: number): Checkpoint[] {
    const kept = this.list.filter((c) => c.atMs <= atMs);
    const cut = this.list.slice(kept.length);
    this.list = kept;
    for (const c of cut) this.release(c);
    return cut;
  }

  /** Puts back checkpoints `cutAfter` removed (all after every kept one). */
  restore(checkpoints: Checkpoint[]): void {
    for (const c of checkpoints) {
      const last = this.list[this.list.length - 1];
      if (last && c.atMs <= last.atMs) continue;
      this.keep(c);
    }
  }

  private dropLeastUseful(latestMs: number): void {
    const list = this.list;
    const span = Math.max(1, latestMs - list[0]!.atMs);
    let worst = 1;
    let worstScore = Number.POSITIVE_INFINITY;
    for (let i = 1; i < list.length - 1; i++) {
      const gap = list[i + 1]!.atMs - list[i - 1]!.atMs;
      // The gap its removal leaves, relative to its age (+ a floor, so that old checkpoints keep a bounded spacing).
      const score = gap / (latestMs - list[i]!.atMs + span / AGE_FLOOR_FRACTION);
      if (score < worstScore) {
        worstScore = score;
        worst = i;
      }
    }
    const [removed] = list.splice(worst, 1);
    this.release(removed!);
  }

  private keep(checkpoint: Checkpoint): void {
    this.list.push(checkpoint);
    forEachPiece(checkpoint.text, (piece) => {
      const holders = this.pieces.get(piece) ?? 0;
      if (holders === 0) this.total += textBytes(piece);
      this.pieces.set(piece, holders + 1);
    });
  }

  private release(checkpoint: Checkpoint): void {
    forEachPiece(checkpoint.text, (piece) => {
      const holders = this.pieces.get(piece)!;
      if (holders > 1) this.pieces.set(piece, holders - 1);
      else {
        this.pieces.delete(piece);
        this.total -= textBytes(piece);
      }
    });
  }
}

function forEachPiece(text: CheckpointText, visit: (piece: string) => void): void {
  visit(text.head);
  for (const piece of text.objects) visit(piece);
  for (const piece of text.events) visit(piece);
  for (const piece of text.actions) visit(piece);
  for (const piece of text.kubelets) visit(piece);
}
