/**
 * The worker's side of export run and share: what a boot command becomes
 * as a scenario file's source, the file for the recorded run, and the trace
 * hash of the page's own run, replayed from its inputs the way the history
 * runs them (an input at atMs is scheduled once every instant ≤ atMs − 1 has
 * run), which is not the way the file does (all actions scheduled before
 * t = 0): the two hashes agreeing is the proof that the file is the run.
 */
import type { BootedRun, ClusterBoot, RecordedInput, RunExportFrame } from '../protocol/messages';
import { exportRun, type FileExpectation, type RunSource } from '../scenario/export';
import { parseScenario } from '../scenario/parse';
import { buildSimulation } from '../scenario/run';
import { Tracer } from '../scenario/trace';
import { traceHash } from '../scenario/trace-hash';
import { Simulation } from '../sim/simulation';
import { bootInSlices, drainBoot, type BootProgress } from '../sim/boot';
import { DEFAULT_CLUSTER_NAME, defaultNodes, defaultObjects } from './default-cluster';

/** The source a `boot` command stands for: the default cluster unless it names nodes. */
export function clusterSource(boot: ClusterBoot): Extract<RunSource, { kind: 'cluster' }> {
  const custom = boot.nodes !== undefined;
  return {
    kind: 'cluster',
    name: custom ? 'playground-cluster' : 'default-cluster',
    seed: boot.seed,
    nodes: boot.nodes ?? defaultNodes(),
    objects: boot.objects ?? (custom ? [] : defaultObjects()),
    settings: boot.settings ?? {},
  };
}

export function sourceOf(boot: BootedRun): RunSource {
  return boot.type === 'boot' ? clusterSource(boot) : { kind: 'file', fileName: boot.fileName, text: boot.text };
}

/** What was booted, as the recording frame reports it: the default cluster named by its version. */
export function recordedBoot(boot: BootedRun): BootedRun {
  if (boot.type === 'boot-scenario') return { type: 'boot-scenario', fileName: boot.fileName, text: boot.text };
  const { type, seed, nodes, objects, settings } = boot;
  return {
    type,
    seed,
    ...(nodes ? { nodes } : { defaultCluster: DEFAULT_CLUSTER_NAME }),
    ...(objects ? { objects } : {}),
    ...(settings ? { settings } : {}),
  };
}

/**
 * The world `boot` starts from, nothing run yet, and its t = 0 as the
 * session runs it (in slices, src/sim/boot.ts): drain `boot` after attaching
 * a tracer, so the replay describes what the page ran.
 */
export function worldOf(boot: BootedRun): { sim: Simulation; boot: Generator<BootProgress, unknown> } {
  if (boot.type === 'boot-scenario') {
    const parsed = parseScenario(boot.text);
    if (!parsed.ok) throw new Error(`${boot.fileName} does not parse: ${parsed.errors[0]?.message ?? ''}`);
    return buildSimulation(parsed.scenario);
  }
  const source = clusterSource(boot);
  const sim = new Simulation({ seed: source.seed, nodes: [...source.nodes], settings: source.settings });
  return { sim, boot: bootInSlices(sim, source.objects) };
}

/** The run's trace hash up to `untilMs`, replayed as the history replays inputs. */
export function replayTraceHash(boot: BootedRun, inputs: readonly RecordedInput[], untilMs: number): string {
  const world = worldOf(boot);
  const { sim } = world;
  const tracer = new Tracer(sim);
  drainBoot(world.boot);
  for (const { atMs, action } of inputs) {
    sim.runUntil(atMs - 1);
    sim.schedule(atMs, action);
  }
  sim.runUntil(untilMs);
  return traceHash(tracer.entries(), untilMs);
}

/** The `run-export` frame for a recorded run; throws ExportError when a file cannot say it. */
export function runExportFrame(boot: BootedRun, inputs: readonly RecordedInput[], untilMs: number, added: readonly FileExpectation[]): RunExportFrame {
  const file = exportRun({ source: sourceOf(boot), inputs, untilMs, expectations: added });
  return { type: 'run-export', fileName: file.fileName, text: file.text, traceHash: replayTraceHash(boot, inputs, untilMs), untilMs };
}
