/**
 * Runs a parsed scenario: builds the simulation, creates the objects at t = 0,
 * schedules the actions, and checks each expectation once everything at or
 * before its time has run.
 */
import { Simulation, type ActionRecord } from '../sim';
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
  /** The scenario's objects with the records of their t = 0 apply actions. */
  created: { object: ScenarioObject; record: ActionRecord }[];
}

/**
 * The simulation a scenario describes, with its objects and actions
 * scheduled but nothing run yet (the playground's worker boots from this too).
 */
export function buildSimulation(scenario: Scenario, options: RunOptions = {}): BuiltScenario {
  const sim = new Simulation({
    seed: scenario.seed,
    settings: scenario.settings,
    nodes: scenario.nodes,
    freezeObjects: options.freezeObjects ?? false,
  });
  const created = scenario.objects.map((object) => ({ object, record: sim.schedule(0, { do: 'apply', object: object.manifest }) }));
  for (const { atMs, action } of scenario.actions) sim.schedule(atMs, action);
  return { sim, created };
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
  sim.runUntil(0);
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
