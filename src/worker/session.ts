/**
 * One simulation and its playback, driven by commands and by a pacing tick.
 * Knows nothing of workers: the host hands in a wall clock, a way to post
 * frames and a way to start and stop the tick, so tests drive it directly.
 */
import type { Node } from '../sim/api/types';
import { SIM_EPOCH_MS } from '../sim/core/time';
import { LABEL_ZONE } from '../sim/controllers/zones';
import { describeAction, Simulation } from '../sim/simulation';
import { DEFAULT_SETTINGS } from '../sim/config';
import type {
  CheckedExpectation,
  DiffFrame,
  ExplainTarget,
  MachineView,
  ScenarioInfo,
  SimCommand,
  SimFrame,
  SnapshotFrame,
  ZoneView,
} from '../protocol/messages';
import { parseScenario } from '../scenario/parse';
import { buildSimulation, refusedObjects } from '../scenario/run';
import { ExpectationQueue } from '../scenario/expectation-queue';
import { failureReason } from '../scenario/timeline';
import { checkExpectation } from '../scenario/expect';
import type { Expectation, ExpectationResult } from '../scenario/types';
import { DEFAULT_SEED, defaultNodes, defaultObjects } from './default-cluster';
import { explain } from './explain';

export interface SessionHost {
  post(frame: SimFrame): void;
  /** Monotonic wall-clock milliseconds (performance.now). */
  wallNowMs(): number;
  /** Starts (true) or stops (false) calling `tick` about once per animation frame. */
  setTicking(on: boolean): void;
}

export const MIN_SPEED = 1;
export const MAX_SPEED = 600;
/** Wall time one tick may account for: after a stall the sim skips ahead at most this much × speed. */
export const MAX_WALL_MS_PER_TICK = 100;
/** Wall time the engine may run per tick; past it the sim falls behind rather than freezing the worker. */
export const ENGINE_BUDGET_MS_PER_TICK = 12;
/** How far "next event" looks ahead before giving up. */
export const NEXT_EVENT_HORIZON_MS = 60 * 60 * 1000;
/** Wall time "next event" and "step" may take before stopping where they are. */
const COMMAND_BUDGET_MS = 5_000;
/** Events sent with a snapshot or one diff (the UI keeps fewer). */
const MAX_EVENTS_PER_FRAME = 500;

type BootCommand = Extract<SimCommand, { type: 'boot' }>;
type ScenarioCommand = Extract<SimCommand, { type: 'boot-scenario' }>;

/** What the UI last heard, to send only what changed. */
interface Sent {
  nowMs: number;
  playing: boolean;
  speed: number;
  zones: string;
  evictions: string;
  machines: string;
  partitionedZones: string;
}

/** The kinds a snapshot carries: what the page draws, and the workloads it lists and scales. Diffs carry every kind. */
const SNAPSHOT_KINDS = ['Namespace', 'Node', 'Lease', 'Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job'] as const;

export class SimSession {
  private sim: Simulation | null = null;
  private playing = false;
  private speed = 1;
  private lastTickWallMs = 0;
  /** Simulated milliseconds owed to the clock below 1 ms, carried to the next tick. */
  private carryMs = 0;
  private lastEventSeq = 0;
  private sent: Sent | null = null;
  private explainTarget: ExplainTarget | null = null;
  private sentExplanation = '';
  private scenario: ScenarioInfo | undefined;
  /** The booted scenario's expectations, checked as time passes. */
  private expectations: ExpectationQueue | null = null;
  /** Expectations checked since the last frame. */
  private checkedSinceFrame: CheckedExpectation[] = [];
  /** An action ran since the last frame: a command's, or one a scenario scheduled. */
  private actionsSinceFrame = false;
  /** What `reset` boots again. */
  private booted: BootCommand | ScenarioCommand | null = null;

  constructor(private readonly host: SessionHost) {}

  /** Runs one command; failures are posted as error frames, never thrown. */
  handle(command: SimCommand): void {
    try {
      this.run(command);
    } catch (error) {
      this.fail(error);
    }
  }

  /** One pacing tick: turn the wall time since the last tick into simulated time. */
  tick(): void {
    if (!this.sim || !this.playing) return;
    try {
      const wallMs = this.host.wallNowMs();
      const elapsedMs = Math.min(Math.max(wallMs - this.lastTickWallMs, 0), MAX_WALL_MS_PER_TICK);
      this.lastTickWallMs = wallMs;
      const owedMs = elapsedMs * this.speed + this.carryMs;
      const budgetMs = Math.floor(owedMs);
      this.carryMs = owedMs - budgetMs;
      this.advanceTo(this.sim.nowMs + budgetMs, wallMs + ENGINE_BUDGET_MS_PER_TICK);
      this.flush(false);
    } catch (error) {
      this.fail(error);
    }
  }

  private run(command: SimCommand): void {
    if (command.type === 'boot') return this.boot(command, false);
    if (command.type === 'boot-scenario') return this.bootScenario(command, false);
    if (command.type === 'reset') return this.reset();
    if (command.type === 'explain') {
      this.explainTarget = command.target;
      this.sentExplanation = '';
      return this.postExplanation();
    }
    const sim = this.requireSim();
    switch (command.type) {
      case 'play':
        if (!this.playing) {
          this.playing = true;
          this.lastTickWallMs = this.host.wallNowMs();
          this.carryMs = 0;
          this.host.setTicking(true);
        }
        break;
      case 'pause':
        this.stop();
        break;
      case 'speed':
        if (!Number.isFinite(command.factor)) throw new Error(`speed must be a number, got ${String(command.factor)}`);
        this.speed = Math.min(MAX_SPEED, Math.max(MIN_SPEED, command.factor));
        break;
      case 'step':
        if (!Number.isFinite(command.ms) || command.ms < 0) throw new Error(`step must be a duration ≥ 0 ms, got ${String(command.ms)}`);
        this.advanceTo(sim.nowMs + Math.round(command.ms), this.host.wallNowMs() + COMMAND_BUDGET_MS);
        break;
      case 'run-to-next-event':
        this.runToNextEvent(sim);
        break;
      case 'act': {
        const record = sim.act(command.action);
        this.flush(true);
        this.host.post({
          type: 'action-result',
          seq: record.seq,
          description: describeAction(command.action),
          ...(record.error !== undefined ? { error: record.error } : {}),
        });
        return;
      }
      default:
        throw new Error(`unknown command ${JSON.stringify(command)}`);
    }
    this.flush(false);
  }

  /** Boots what was booted last again, from t = 0, keeping playback as it is. */
  private reset(): void {
    if (!this.booted) throw new Error('nothing to reset: the simulation has not booted yet');
    if (this.booted.type === 'boot') this.boot(this.booted, true);
    else this.bootScenario(this.booted, true);
  }

  private boot(command: BootCommand, keepPlaying: boolean): void {
    const sim = new Simulation({
      seed: command.seed ?? DEFAULT_SEED,
      nodes: command.nodes ?? defaultNodes(),
      ...(command.settings ? { settings: command.settings } : {}),
    });
    sim.api.trackChanges();
    const objects = command.objects ?? (command.nodes ? [] : defaultObjects());
    const records = objects.map((object) => sim.schedule(0, { do: 'apply', object }));
    sim.runUntil(0);
    this.booted = command;
    this.start(sim, undefined, null, keepPlaying);
    for (const record of records) {
      if (record.error !== undefined) this.host.post({ type: 'error', message: `${describeAction(record.action)}: ${record.error}` });
    }
  }

  /** Parses and boots a scenario file; an invalid one leaves the running world as it is. */
  private bootScenario(command: ScenarioCommand, keepPlaying: boolean): void {
    const parsed = parseScenario(command.text);
    if (!parsed.ok) {
      this.host.post({ type: 'scenario-rejected', fileName: command.fileName, errors: parsed.errors });
      return;
    }
    const built = buildSimulation(parsed.scenario);
    built.sim.api.trackChanges();
    built.sim.runUntil(0);
    const refused = refusedObjects(built);
    if (refused.length > 0) {
      this.host.post({ type: 'scenario-rejected', fileName: command.fileName, errors: refused });
      return;
    }
    const { scenario } = parsed;
    const queue = new ExpectationQueue(scenario.expectations);
    // Expectations at t = 0 hold or fail on the state the snapshot shows.
    const atStart = queue.checkUntil(built.sim, 0);
    const expectations = queue.ordered.map((e, index) => {
      const result = atStart[index];
      return {
        atMs: e.atMs,
        text: describeExpectation(built.sim, e, result),
        where: e.source.line !== undefined ? `${e.source.path}, line ${e.source.line}` : e.source.path,
        ...(result ? { outcome: outcomeOf(result) } : {}),
      };
    });
    this.booted = command;
    const info = {
      fileName: command.fileName,
      name: scenario.name,
      ...(scenario.description !== undefined ? { description: scenario.description } : {}),
      expectations,
    };
    this.start(built.sim, info, queue, keepPlaying);
  }

  /** Makes `sim` (run to t = 0) the session's world and posts its snapshot. */
  private start(sim: Simulation, scenario: ScenarioInfo | undefined, expectations: ExpectationQueue | null, keepPlaying: boolean): void {
    if (!keepPlaying) this.stop();
    this.lastTickWallMs = this.host.wallNowMs();
    this.carryMs = 0;
    sim.api.drainChanges();
    this.sim = sim;
    // A scheduled kill or partition changes no object at first, only the machines.
    sim.onAction(() => {
      if (this.sim === sim) this.actionsSinceFrame = true;
    });
    this.scenario = scenario;
    this.expectations = expectations;
    this.checkedSinceFrame = [];
    this.actionsSinceFrame = false;
    this.lastEventSeq = sim.api.events.lastSeq;
    const frame = this.snapshotFrame(sim);
    this.sent = {
      nowMs: frame.nowMs,
      playing: frame.playing,
      speed: frame.speed,
      zones: JSON.stringify(frame.zones),
      evictions: JSON.stringify(frame.evictions),
      machines: JSON.stringify(frame.machines),
      partitionedZones: JSON.stringify(frame.partitionedZones),
    };
    this.host.post(frame);
    this.sentExplanation = '';
    this.postExplanation();
  }

  /** Posts the followed explanation if it changed since the last one posted. */
  private postExplanation(): void {
    if (!this.sim || !this.explainTarget) return;
    const frame = explain(this.sim, this.explainTarget);
    const json = JSON.stringify({ summary: frame.summary, lines: frame.lines });
    if (json === this.sentExplanation) return;
    this.sentExplanation = json;
    this.host.post(frame);
  }

  private snapshotFrame(sim: Simulation): SnapshotFrame {
    const objects: SnapshotFrame['objects'] = {};
    for (const kind of SNAPSHOT_KINDS) objects[kind] = [...sim.api.list(kind)];
    return {
      type: 'snapshot',
      seed: sim.seed,
      nowMs: sim.nowMs,
      epochMs: SIM_EPOCH_MS,
      objects,
      events: newest(sim.api.events.since(0)),
      zones: zoneViews(sim),
      evictions: sim.taintEviction.scheduledEvictions(),
      machines: machineViews(sim),
      partitionedZones: sim.network.snapshot().partitionedZones,
      playing: this.playing,
      speed: this.speed,
      settings: { current: sim.settings, defaults: DEFAULT_SETTINGS },
      ...(this.scenario ? { scenario: this.scenario } : {}),
    };
  }

  /**
   * Processes instants up to `targetMs`, then sets the clock to it. Past
   * `deadlineWallMs` it stops after the current instant, so a slow engine
   * makes the simulation lag instead of freezing the worker.
   */
  private advanceTo(targetMs: number, deadlineWallMs: number): void {
    const sim = this.requireSim();
    for (let next = sim.nextTimerAtMs(); next !== undefined && next <= targetMs; next = sim.nextTimerAtMs()) {
      if (this.host.wallNowMs() > deadlineWallMs) return;
      this.runInstant(sim, next);
    }
    this.collect(this.expectations?.checkUntil(sim, targetMs));
    sim.runUntil(targetMs);
  }

  /**
   * Runs the instant at `atMs`: first checks the expectations due before it
   * (the state they see is now), then, once it has run, those due at it.
   */
  private runInstant(sim: Simulation, atMs: number): void {
    this.collect(this.expectations?.checkBefore(sim, Math.max(atMs, sim.nowMs)));
    sim.step();
    this.collect(this.expectations?.checkUntil(sim, sim.nowMs));
  }

  /** Keeps freshly checked expectations for the next frame. */
  private collect(results: ExpectationResult[] | undefined): void {
    if (!results || results.length === 0 || !this.expectations) return;
    const first = this.expectations.checked - results.length;
    results.forEach((result, i) => this.checkedSinceFrame.push({ index: first + i, ...outcomeOf(result) }));
  }

  /** Steps instant by instant until a Kubernetes Event is recorded, or an hour has passed. */
  private runToNextEvent(sim: Simulation): void {
    const seq = sim.api.events.lastSeq;
    const horizonMs = sim.nowMs + NEXT_EVENT_HORIZON_MS;
    const deadlineWallMs = this.host.wallNowMs() + COMMAND_BUDGET_MS;
    for (let next = sim.nextTimerAtMs(); next !== undefined && next <= horizonMs; next = sim.nextTimerAtMs()) {
      this.runInstant(sim, next);
      if (sim.api.events.lastSeq !== seq || this.host.wallNowMs() > deadlineWallMs) return;
    }
    this.collect(this.expectations?.checkUntil(sim, horizonMs));
    sim.runUntil(horizonMs);
  }

  /** Posts one diff with whatever changed since the last frame; nothing if nothing did. */
  private flush(commandActed: boolean): void {
    const sim = this.sim;
    const sent = this.sent;
    if (!sim || !sent) return;
    const actionRan = commandActed || this.actionsSinceFrame;
    this.actionsSinceFrame = false;
    const changes = sim.api.drainChanges();
    const events = sim.api.events.lastSeq === this.lastEventSeq ? [] : newest(sim.api.events.since(this.lastEventSeq));
    this.lastEventSeq = sim.api.events.lastSeq;
    const clockOrPlaybackChanged = sim.nowMs !== sent.nowMs || this.playing !== sent.playing || this.speed !== sent.speed;
    const checked = this.checkedSinceFrame;
    if (changes.length === 0 && events.length === 0 && checked.length === 0 && !clockOrPlaybackChanged && !actionRan) return;

    const frame: DiffFrame = { type: 'diff', nowMs: sim.nowMs, changes, events, playing: this.playing, speed: this.speed };
    if (checked.length > 0) {
      frame.expectations = checked;
      this.checkedSinceFrame = [];
    }
    const zones = JSON.stringify(zoneViews(sim));
    if (zones !== sent.zones) frame.zones = JSON.parse(zones) as ZoneView[];
    // Evictions and machines change only with pods, nodes or an action; skip
    // the work on the frequent lease-only frames.
    const podsOrNodes = actionRan || changes.some((c) => c.kind === 'Pod' || c.kind === 'Node');
    let { evictions, machines, partitionedZones } = sent;
    if (podsOrNodes) {
      const scheduled = sim.taintEviction.scheduledEvictions();
      evictions = JSON.stringify(scheduled);
      if (evictions !== sent.evictions) frame.evictions = scheduled;
      const views = machineViews(sim);
      machines = JSON.stringify(views);
      if (machines !== sent.machines) frame.machines = views;
      const cut = sim.network.snapshot().partitionedZones;
      partitionedZones = JSON.stringify(cut);
      if (partitionedZones !== sent.partitionedZones) frame.partitionedZones = cut;
    }
    const changedSomething =
      clockOrPlaybackChanged || changes.length > 0 || events.length > 0 || checked.length > 0 || zones !== sent.zones || evictions !== sent.evictions ||
      machines !== sent.machines || partitionedZones !== sent.partitionedZones;
    this.sent = { nowMs: sim.nowMs, playing: this.playing, speed: this.speed, zones, evictions, machines, partitionedZones };
    if (changedSomething) this.host.post(frame);
    this.postExplanation();
  }

  private stop(): void {
    if (!this.playing) return;
    this.playing = false;
    this.host.setTicking(false);
  }

  private fail(error: unknown): void {
    this.stop();
    const message = error instanceof Error ? error.message : String(error);
    this.host.post({ type: 'error', message });
    try {
      this.flush(false);
    } catch {
      // The error frame above already tells the UI; a second failure adds nothing.
    }
  }

  private requireSim(): Simulation {
    if (!this.sim) throw new Error('the simulation has not booted yet');
    return this.sim;
  }
}

function outcomeOf(result: ExpectationResult): { passed: boolean; reason?: string } {
  return result.passed ? { passed: true } : { passed: false, reason: failureReason(result) };
}

/** The expectation's one-line description (checking it is the one way to get one; the check itself is discarded unless due). */
function describeExpectation(sim: Simulation, expectation: Expectation, checked: ExpectationResult | undefined): string {
  return (checked ?? checkExpectation(sim, expectation)).description;
}

function newest<T>(list: T[]): T[] {
  return list.length > MAX_EVENTS_PER_FRAME ? list.slice(-MAX_EVENTS_PER_FRAME) : list;
}

function zoneViews(sim: Simulation): ZoneView[] {
  return sim.nodeLifecycle.zoneStates().map(({ key, zone, region, state, evictionQps }) => ({ key, zone, region, state, evictionQps }));
}

/** The machines behind the Node objects (the engine has no list of kubelets to iterate). */
function machineViews(sim: Simulation): MachineView[] {
  const names = [...sim.api.list<Node>('Node')].map((node) => node.metadata.name).sort();
  const out: MachineView[] = [];
  for (const name of names) {
    const kubelet = sim.kubelets.view(name);
    if (!kubelet) continue;
    const zone = kubelet.config.zone ?? kubelet.config.labels?.[LABEL_ZONE];
    out.push({
      name,
      power: kubelet.power,
      partitioned: sim.network.isNodePartitioned(name),
      reachable: sim.network.reachable(name, zone),
    });
  }
  return out;
}
