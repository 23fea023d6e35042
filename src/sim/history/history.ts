/**
 * The time machine: one line of history of a simulation, as RaftScope keeps
 * it ("restore checkpoint, replay"). It owns the recorded input log (the
 * user's actions with their simulated times), the checkpoints and the latest
 * simulated time of the line, and it is the only thing that advances its
 * world, so the live run and every replay take the same code path.
 *
 * ## When a user action runs (the exact semantic)
 *
 * A user who acts while the clock reads `c` (every instant ≤ c has run)
 * records the input `{ atMs: c + 1, action }`. An input is scheduled, with
 * `Simulation.schedule(atMs, action)`, at the point of the run where every
 * instant ≤ atMs − 1 has run and none after it: just before the next instant
 * is processed if that instant is later than atMs − 1. It then runs first in
 * the instant atMs, as every scheduled action does. Replaying schedules it at
 * the same point, so the replayed world is identical to the live one down to
 * timer and action sequence numbers. Inputs are strictly increasing in time
 * (acting advances the clock to the input's instant).
 *
 * "The world at t" is the state after every instant ≤ t has run, with the
 * inputs at or before t applied and none after t scheduled yet (an input at
 * t + 1 is not). `seek(t)` gives exactly that: restore the newest checkpoint
 * at or before t, then replay the inputs up to t.
 *
 * ## The same run as a scenario file
 *
 * An input `{ atMs, action }` is the scenario action `{ at: "<atMs>ms", do: … }`
 * (times are whole milliseconds). A file schedules its actions before t = 0
 * instead of at atMs − 1, but no instant lies between atMs − 1 and atMs and
 * scheduled actions run first in their instant in schedule order, so the file
 * gives the same trace (`npm run scenario`). Only bookkeeping differs: timer
 * sequence numbers, and the file's pending actions are in the action log from
 * t = 0. An exporter must write the inputs after the booted file's own
 * actions, in time order, keeping the file's own action first where times
 * are equal (it was scheduled first, so it runs first).
 *
 * ## Fork
 *
 * Acting while viewing v < latest discards the inputs and checkpoints after v
 * (kept aside for one `undoFork`), and the line goes on from v. Undo brings
 * the discarded future back and shows the fork instant.
 */
import type { SimAction } from '../actions';
import { Simulation } from '../simulation';
import { checkpointBudget, CheckpointStore, DEFAULT_BUDGET, type Checkpoint, type CheckpointBudget } from './checkpoints';
import { CheckpointWriter } from './checkpoint-text';

/** One user action of the input log: it runs first in the instant `atMs`. */
export interface RecordedInput {
  atMs: number;
  action: SimAction;
}

/** How far a sliced seek's replay has come: `doneMs` of `totalMs` simulated ms. */
export interface SeekProgress {
  doneMs: number;
  totalMs: number;
}

export interface HistoryOptions {
  /** A fixed checkpoint budget (tests); by default it follows the world's size. */
  budget?: CheckpointBudget;
  /** Fixed checkpoint spacing (tests); by default it follows the world's size. */
  checkpointEveryMs?: number;
  /** How far a recorded line reaches (at least its last input); by default where the world is. */
  latestMs?: number;
}

/** The last fork, while its discarded future is kept for undo. */
interface DiscardedFuture {
  atMs: number;
  inputs: RecordedInput[];
  checkpoints: Checkpoint[];
  latestMs: number;
}

export interface ForkInfo {
  atMs: number;
  undoable: boolean;
}

/** Checkpoint spacing bounds; in between it grows with the world's size. */
const MIN_EVERY_MS = 10_000;
const MAX_EVERY_MS = 120_000;
/**
 * Simulated ms of spacing per stored object or event record: the cost of a
 * checkpoint and of a restore grows with them, replaying a gap grows with
 * the gap. 100 nodes and 3,000 pods (about 13,000 pieces) → one every 13 s;
 * the byte budget (checkpointBudget) grows with the world too, so thinning
 * still keeps an hour within it.
 */
const MS_PER_PIECE = 1;

/** How many checkpoint spacings a seek forward runs on rather than restoring. */
const RUN_ON_SPACINGS = 2;

/** Checkpoint spacing for a world of `pieces` stored objects and event records. */
export function checkpointSpacingMs(pieces: number): number {
  const ms = Math.round((pieces * MS_PER_PIECE) / 1000) * 1000;
  return Math.min(MAX_EVERY_MS, Math.max(MIN_EVERY_MS, ms));
}

export class History {
  private world: Simulation;
  private log: RecordedInput[];
  /** How many inputs of `log` the world has scheduled. */
  private cursor = 0;
  private latest: number;
  private readonly checkpoints: CheckpointStore;
  private readonly writer = new CheckpointWriter();
  private everyMs: number;
  private readonly fixedEveryMs: number | undefined;
  private readonly fixedBudget: boolean;
  private discarded: DiscardedFuture | null = null;
  private lastFork: ForkInfo | null = null;
  private readonly restoreListeners: ((sim: Simulation) => void)[] = [];

  /**
   * `sim` is the world as booted (its instant at `nowMs` has run); `inputs`
   * an input log recorded earlier, replayed as the run reaches it.
   */
  constructor(sim: Simulation, inputs: readonly RecordedInput[] = [], options: HistoryOptions = {}) {
    checkInputs(inputs, sim.nowMs);
    this.world = sim;
    this.log = inputs.map((input) => ({ atMs: input.atMs, action: input.action }));
    this.latest = sim.nowMs;
    this.checkpoints = new CheckpointStore(options.budget ?? DEFAULT_BUDGET);
    this.fixedBudget = options.budget !== undefined;
    this.fixedEveryMs = options.checkpointEveryMs;
    this.everyMs = this.fixedEveryMs ?? MIN_EVERY_MS;
    this.takeCheckpoint();
    // A recorded log is this line's future: the line reaches at least as far as its last input.
    this.latest = Math.max(sim.nowMs, this.log[this.log.length - 1]?.atMs ?? 0, options.latestMs ?? 0);
  }

  /** The world as it is now; replaced by seek and undo (see `onRestore`). */
  get sim(): Simulation {
    return this.world;
  }

  get nowMs(): number {
    return this.world.nowMs;
  }

  /** The furthest simulated time of this line of history. */
  get latestMs(): number {
    return this.latest;
  }

  /** True when the world is at the latest time (acting does not fork). */
  get live(): boolean {
    return this.world.nowMs >= this.latest;
  }

  get inputs(): readonly RecordedInput[] {
    return this.log;
  }

  get fork(): ForkInfo | null {
    return this.lastFork;
  }

  get checkpointCount(): number {
    return this.checkpoints.count;
  }

  get checkpointBytes(): number {
    return this.checkpoints.bytes;
  }

  checkpointTimes(): number[] {
    return this.checkpoints.times();
  }

  /** Calls `listener` with the new world whenever seek or undo replaces it. */
  onRestore(listener: (sim: Simulation) => void): void {
    this.restoreListeners.push(listener);
  }

  /**
   * Gets the world ready for its next instant at or before `limitMs` and
   * returns its time (undefined: none). Checkpoints first, then schedules the
   * inputs due before that instant. Follow with `step()`.
   */
  nextInstantMs(limitMs: number): number | undefined {
    this.maybeCheckpoint();
    for (;;) {
      const timerAt = this.world.nextTimerAtMs();
      const input = this.log[this.cursor];
      if (input && input.atMs <= limitMs && (timerAt === undefined || input.atMs - 1 < timerAt)) {
        this.world.runUntil(input.atMs - 1);
        this.world.schedule(input.atMs, input.action);
        this.cursor++;
        continue;
      }
      return timerAt !== undefined && timerAt <= limitMs ? timerAt : undefined;
    }
  }

  /** Processes the instant `nextInstantMs` returned. */
  step(): void {
    this.world.step();
    this.noteProgress();
  }

  /** Runs every instant up to and including `untilMs` (inputs included), then sets the clock to it. */
  runUntil(untilMs: number): void {
    while (this.nextInstantMs(untilMs) !== undefined) this.step();
    this.world.runUntil(untilMs);
    this.noteProgress();
    this.maybeCheckpoint();
  }

  /**
   * Records a user action at now + 1 ms (forking first when viewing the
   * past) and returns it; it runs when the world reaches its instant
   * (`runUntil(input.atMs)`).
   */
  act(action: SimAction): RecordedInput {
    if (!this.live) this.forkHere();
    const input = { atMs: this.world.nowMs + 1, action };
    this.log.push(input);
    return input;
  }

  /** Makes the world the one at `atMs` (clamped to 0 … latest), exactly as the straight run had it. */
  seek(atMs: number): void {
    const slices = this.seekInSlices(atMs, Infinity);
    while (!slices.next().done);
  }

  /**
   * `seek` in slices: restores (or runs on) at the first `next()`, then
   * replays, yielding after every `instantsPerSlice` instants how far the
   * replay has come; the world is "the world at atMs" once it is done. In
   * between, nothing else may use this history (the session holds its
   * commands; a cancelled seek seeks back). The same instants run as in
   * `seek`, so the result is as exact.
   */
  *seekInSlices(atMs: number, instantsPerSlice: number): Generator<SeekProgress, void> {
    if (!Number.isFinite(atMs)) throw new Error(`seek needs a time in ms, got ${String(atMs)}`);
    const target = Math.min(this.latest, Math.max(atMs, this.checkpoints.first.atMs));
    const checkpoint = this.checkpoints.atOrBefore(target)!;
    // Running on is exact too, and cheaper when no checkpoint lies between or the way is short
    // (replaying a few spacings of a big world costs less than restoring it: scrubbing forward).
    const now = this.world.nowMs;
    const canRunOn = this.isClean() && now <= target && (checkpoint.atMs <= now || target - now <= RUN_ON_SPACINGS * this.everyMs);
    if (!canRunOn) this.restore(checkpoint);
    // runUntil(target), pausing between instants.
    const fromMs = this.world.nowMs;
    let instants = 0;
    while (this.nextInstantMs(target) !== undefined) {
      this.step();
      if (++instants % instantsPerSlice === 0) yield { doneMs: this.world.nowMs - fromMs, totalMs: target - fromMs };
    }
    this.world.runUntil(target);
    this.noteProgress();
    this.maybeCheckpoint();
  }

  /** Brings back the future the last fork discarded and shows the fork instant; returns it (undefined: nothing to undo). */
  undoFork(): number | undefined {
    const future = this.discarded;
    if (!future) return undefined;
    this.discarded = null;
    this.lastFork = null;
    this.log = [...this.log.filter((input) => input.atMs <= future.atMs), ...future.inputs];
    this.checkpoints.cutAfter(future.atMs);
    this.checkpoints.restore(future.checkpoints);
    this.latest = future.latestMs;
    // The world is on the forked line: it may run on only from at or before the fork.
    this.seek(future.atMs);
    return future.atMs;
  }

  /** Discards the future after now, keeping it for one undo. */
  private forkHere(): void {
    const atMs = this.world.nowMs;
    if (!this.isClean()) this.seek(atMs);
    this.discarded = {
      atMs,
      inputs: this.log.slice(this.cursor),
      checkpoints: this.checkpoints.cutAfter(atMs),
      latestMs: this.latest,
    };
    this.log = this.log.slice(0, this.cursor);
    this.latest = atMs;
    this.lastFork = { atMs, undoable: true };
  }

  private restore(checkpoint: Checkpoint): void {
    this.world = this.writer.read(checkpoint.text, this.world);
    this.cursor = checkpoint.inputCount;
    for (const listener of this.restoreListeners) listener(this.world);
  }

  private noteProgress(): void {
    if (this.world.nowMs > this.latest) this.latest = this.world.nowMs;
  }

  /**
   * True when the world is exactly "the world at now": the inputs at or
   * before now scheduled and none after (a run stopped between scheduling
   * an input and its instant is not).
   */
  private isClean(): boolean {
    const now = this.world.nowMs;
    const applied = this.log[this.cursor - 1];
    const next = this.log[this.cursor];
    return (applied === undefined || applied.atMs <= now) && (next === undefined || next.atMs > now);
  }

  /**
   * Takes a checkpoint when the world is a spacing past the newest one: at
   * the live edge, or replaying a recorded log that has none yet.
   */
  private maybeCheckpoint(): void {
    const now = this.world.nowMs;
    if (now - this.checkpoints.last.atMs < this.everyMs || !this.isClean()) return;
    this.takeCheckpoint();
  }

  private takeCheckpoint(): void {
    const text = this.writer.write(this.world);
    const pieces = text.objects.length + text.events.length;
    if (!this.fixedBudget) this.checkpoints.setBudget(checkpointBudget(pieces));
    this.checkpoints.add({ atMs: this.world.nowMs, inputCount: this.cursor, text }, this.latest);
    if (this.fixedEveryMs === undefined) this.everyMs = checkpointSpacingMs(pieces);
  }
}

/** An input log must be strictly increasing whole milliseconds after the world's start. */
function checkInputs(inputs: readonly RecordedInput[], startMs: number): void {
  let previous = startMs;
  inputs.forEach((input, i) => {
    if (!Number.isInteger(input.atMs) || input.atMs <= previous) {
      throw new Error(`input ${i + 1} (${input.action?.do ?? '?'}) at ${String(input.atMs)} ms: inputs must be whole milliseconds, each after the one before and after ${startMs} ms`);
    }
    previous = input.atMs;
  });
}
