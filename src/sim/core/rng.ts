/**
 * Seeded pseudo-random numbers (sfc32), with one independent stream per
 * subsystem: `root.fork('scheduler')` depends only on the root seed and the
 * label, so adding a draw in one subsystem never reshuffles another.
 * The state is four plain numbers, so it is cloned with the world.
 * `RandomStreams` holds every named stream of a world, so the world (not
 * each component) saves them: no component can forget its own.
 */
export interface RngState {
  seed: number;
  s: [number, number, number, number];
}

export class Rng {
  private constructor(public state: RngState) {}

  static fromSeed(seed: number): Rng {
    return new Rng(initialState(seed >>> 0));
  }

  static restore(state: RngState): Rng {
    return new Rng({ seed: state.seed, s: [...state.s] });
  }

  /** An independent stream named `label`, derived from this stream's seed. */
  fork(label: string): Rng {
    return Rng.fromSeed(hashString(label, this.state.seed));
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  nextUint32(): number {
    const s = this.state.s;
    const t = (((s[0] + s[1]) >>> 0) + s[3]) >>> 0;
    s[3] = (s[3] + 1) >>> 0;
    s[0] = s[1] ^ (s[1] >>> 9);
    s[1] = (s[2] + (s[2] << 3)) >>> 0;
    s[2] = (s[2] << 21) | (s[2] >>> 11);
    s[2] = (s[2] + t) >>> 0;
    return t;
  }
}

/** Every named stream's state, by label (sorted, so equal worlds serialise equally). */
export type RandomStreamsState = Record<string, RngState>;

/** The named streams of one world, forked from its seed on first use and restored from a snapshot. */
export class RandomStreams {
  private readonly root: Rng;
  private readonly streams = new Map<string, Rng>();

  constructor(seed: number, state?: RandomStreamsState) {
    this.root = Rng.fromSeed(seed);
    for (const [label, s] of Object.entries(state ?? {})) this.streams.set(label, Rng.restore(s));
  }

  /** The stream named `label`; the same object for the same label, so its draws are saved with the world. */
  stream(label: string): Rng {
    let rng = this.streams.get(label);
    if (!rng) {
      rng = this.root.fork(label);
      this.streams.set(label, rng);
    }
    return rng;
  }

  snapshot(): RandomStreamsState {
    const state: RandomStreamsState = {};
    for (const label of [...this.streams.keys()].sort()) {
      const s = this.streams.get(label)!.state;
      state[label] = { seed: s.seed, s: [...s.s] };
    }
    return state;
  }
}

function initialState(seed: number): RngState {
  const state: RngState = { seed, s: [0x9e3779b9, 0x243f6a88, 0xb7e15162, seed] };
  const rng = Rng.restore(state);
  for (let i = 0; i < 12; i++) rng.nextUint32();
  return rng.state;
}

/** FNV-1a over the label, mixed with the parent seed. */
function hashString(label: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
