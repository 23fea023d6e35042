/**
 * Runs a parsed scenario: builds the simulation, creates the objects at t = 0,
 * schedules the actions, and checks each expectation once everything at or
 * before its time has run.
 */
import { Simulation, bootInSlices, drainBoot, type ActionRecord, type BootProgress } from '../sim';
import { ExpectationQueue } from './expectation-queue';
import { Tracer, type TraceEntry } from './trace';
import type { ExpectationResult, Scenario, ScenarioError, ScenarioObject } from './types';

export interface ScenarioResult {
  passed: boolean;
  /** In the order they were checked: by time, then file order. */
  expectations: ExpectationResult[];
  trace: TraceEntry[];
  endMs: number;
}

export type RunOutcome = { ok: true; result: ScenarioResult } | { ok: false; errors: ScenarioError[] };

export interface RunOptions {
  /** Deep-freeze stored objects so an engine component that mutates one fails loudly (tests). */
  freezeObjects?: boolean;
}

/** The run lasts at least until the last action or expectation + 1 s (scenario-format.md, "duration"). */
const SETTLE_MS = 1000;

export interface BuiltScenario {
  sim: Simulation;
  /** The scenario's objects with the records of their t = 0 apply actions (filled when `boot` ends). */
  created: { object: ScenarioObject; record: ActionRecord }[];
  /**
   * Runs t = 0: the objects in slices (src/sim/boot.ts, as every boot), the
   * actions scheduled in the last slice. Lazy: attach a Tracer before the
   * first next(). Drive it with drainBoot, or slice by slice (the worker).
   */
  boot: Generator<BootProgress, void>;
}

/**
 * The simulation a scenario describes, nothing scheduled or run yet: its
 * `boot` applies the objects and schedules the actions (the playground's
 * worker, lessons and the run export boot from this too).
 */
export function buildSimulation(scenario: Scenario, options: RunOptions = {}): BuiltScenario {
  const sim = new Simulation({
    seed: scenario.seed,
    settings: scenario.settings,
    nodes: scenario.nodes,
    freezeObjects: options.freezeObjects ?? false,
  });
  const created: BuiltScenario['created'] = [];
  function* boot(): Generator<BootProgress, void> {
    const records = yield* bootInSlices(
      sim,
      scenario.objects.map((object) => object.manifest),
      { beforeLastRun: () => { for (const { atMs, action } of scenario.actions) sim.schedule(atMs, action); } },
    );
    scenario.objects.forEach((object, index) => created.push({ object, record: records[index]! }));
  }
  return { sim, created, boot: boot() };
}

/** After t = 0 has run: the objects the API server refused, as file errors (as for kubectl apply). */
export function refusedObjects(built: BuiltScenario): ScenarioError[] {
  return built.created
    .filter(({ record }) => record.error !== undefined)
    .map(({ object, record }) => ({
      path: object.source.path,
      ...(object.source.line !== undefined ? { line: object.source.line } : {}),
      message: record.error!,
    }));
}

export function runScenario(scenario: Scenario, options: RunOptions = {}): RunOutcome {
  const built = buildSimulation(scenario, options);
  const { sim } = built;
  const tracer = new Tracer(sim);
  drainBoot(built.boot);
  // An object the API server refuses makes the file invalid, as for kubectl apply.
  const refused = refusedObjects(built);
  if (refused.length > 0) return { ok: false, errors: refused };

  const expectations = new ExpectationQueue(scenario.expectations).checkUntil(sim, Number.POSITIVE_INFINITY);
  const endMs = scenarioEndMs(scenario);
  sim.runUntil(endMs);
  return { ok: true, result: { passed: expectations.every((e) => e.passed), expectations, trace: [...tracer.entries()], endMs } };
}

export function scenarioEndMs(scenario: Scenario): number {
  let lastMs = 0;
  for (const { atMs } of [...scenario.actions, ...scenario.expectations]) lastMs = Math.max(lastMs, atMs);
  return Math.max(scenario.durationMs ?? 0, lastMs + SETTLE_MS);
}
