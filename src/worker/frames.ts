/**
 * The frames that keep the page's copy of the cluster: one snapshot on boot,
 * then diffs of what changed. Both carry the same kinds of object
 * (MIRRORED_KINDS), so the page's copy never depends on its history. Object
 * changes come from the API server's change map, machines, zones, partitions
 * and scheduled evictions from the engine's view feed: nothing is recomputed
 * here to find out whether it changed.
 */
import { SIM_EPOCH_MS, DEFAULT_SETTINGS, type ObjectChange, type Simulation } from '../sim';
import type { CheckedExpectation, DiffFrame, PlaybackView, ScenarioInfo, SnapshotFrame } from '../protocol/messages';

/**
 * The kinds the page mirrors: what it draws, and the workloads it lists and
 * scales, and the Services (their ClusterIPs and DNS names in the inspector).
 * Others (EndpointSlice, PodDisruptionBudget, …) stay in the
 * worker until the page reads them.
 */
export const MIRRORED_KINDS: readonly string[] = ['Namespace', 'Node', 'Lease', 'Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'Service'];
const MIRRORED = new Set(MIRRORED_KINDS);

/** Events sent with a snapshot or one diff (the UI keeps fewer). */
export const MAX_EVENTS_PER_FRAME = 500;

export function snapshotFrame(sim: Simulation, playback: PlaybackView, scenario: ScenarioInfo | undefined): SnapshotFrame {
  const objects: SnapshotFrame['objects'] = {};
  for (const kind of MIRRORED_KINDS) objects[kind] = [...sim.api.list(kind)];
  return {
    type: 'snapshot',
    seed: sim.seed,
    nowMs: sim.nowMs,
    epochMs: SIM_EPOCH_MS,
    objects,
    events: sim.api.events.latest(MAX_EVENTS_PER_FRAME),
    ...sim.currentViews(),
    playing: playback.playing,
    speed: playback.speed,
    settings: { current: sim.settings, defaults: DEFAULT_SETTINGS },
    ...(scenario ? { scenario } : {}),
  };
}

/** A diff, and whether the world changed at all (an unmirrored object counts: an explanation may read it). */
export interface Diff {
  frame: DiffFrame | null;
  worldChanged: boolean;
}

/** Builds the diffs of one world, from its snapshot frame on. */
export class DiffFrames {
  private lastEventSeq: number;
  private sent: { nowMs: number } & PlaybackView;

  /** Starts after `snapshot`, which was built from `sim` just now (its pending changes are forgotten). */
  constructor(private readonly sim: Simulation, snapshot: SnapshotFrame) {
    sim.api.drainChanges();
    sim.drainViewChanges();
    this.lastEventSeq = sim.api.events.lastSeq;
    this.sent = { nowMs: snapshot.nowMs, playing: snapshot.playing, speed: snapshot.speed };
  }

  /** What changed since the previous frame; no frame if nothing did. */
  next(playback: PlaybackView, expectations: CheckedExpectation[]): Diff {
    const sim = this.sim;
    const all = sim.api.drainChanges();
    const changes = mirrored(all);
    const views = sim.drainViewChanges();
    const events = sim.api.events.lastSeq === this.lastEventSeq ? [] : newest(sim.api.events.since(this.lastEventSeq));
    this.lastEventSeq = sim.api.events.lastSeq;
    const viewsChanged = Object.keys(views).length > 0;
    const worldChanged = all.length > 0 || viewsChanged || events.length > 0;
    const clockOrPlayback = sim.nowMs !== this.sent.nowMs || playback.playing !== this.sent.playing || playback.speed !== this.sent.speed;
    if (changes.length === 0 && events.length === 0 && !viewsChanged && expectations.length === 0 && !clockOrPlayback) {
      return { frame: null, worldChanged };
    }
    this.sent = { nowMs: sim.nowMs, playing: playback.playing, speed: playback.speed };
    const frame: DiffFrame = { type: 'diff', nowMs: sim.nowMs, changes, events, playing: playback.playing, speed: playback.speed, ...views };
    if (expectations.length > 0) frame.expectations = expectations;
    return { frame, worldChanged };
  }
}

function mirrored(changes: ObjectChange[]): ObjectChange[] {
  return changes.every((c) => MIRRORED.has(c.kind)) ? changes : changes.filter((c) => MIRRORED.has(c.kind));
}

function newest<T>(list: T[]): T[] {
  return list.length > MAX_EVENTS_PER_FRAME ? list.slice(-MAX_EVENTS_PER_FRAME) : list;
}
