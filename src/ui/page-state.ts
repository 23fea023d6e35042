/**
 * The page's own slices, next to the simulation's (frame-reducer.ts): what
 * is selected and its "why?", the settings in force, and the scenario file
 * loaded or rejected. Pure: `reducePageFrame` says how a worker frame
 * changes them.
 */
import type {
  CheckedExpectation,
  ContainerLogsFrame,
  ExplainTarget,
  ExplanationFrame,
  ProgressFrame,
  ScenarioInfo,
  ScenarioRejectedFrame,
  Settings,
  SimFrame,
} from '../protocol/messages';

/** What the inspector shows: a node, a pod (namespace defaults to "default") or a zone. */
export interface Selection {
  kind: 'Node' | 'Pod' | 'Zone';
  name: string;
  namespace?: string;
}

export interface InspectorSlice {
  selection: Selection | null;
  /** The worker's latest answer for the selection; null until it comes. */
  explanation: ExplanationFrame | null;
  /** The last logs read for the selected pod (its Logs section); null until asked. */
  logs?: ContainerLogsFrame | null;
}

export interface ConfigSlice {
  /** The tunables in force and upstream's defaults; null before the first snapshot. */
  settings: { current: Settings; defaults: Settings } | null;
  /** The scenario file the world was booted from, if any. */
  scenario: ScenarioInfo | null;
  /** The last scenario file that could not be opened (the world is unchanged). */
  rejected: ScenarioRejectedFrame | null;
}

export interface PageSlices {
  inspector: InspectorSlice;
  config: ConfigSlice;
  /** The worker's long task under way (a big boot), with its progress; null when there is none. */
  task: ProgressFrame | null;
}

export function initialPageState(): PageSlices {
  return {
    inspector: { selection: null, explanation: null },
    config: { settings: null, scenario: null, rejected: null },
    task: null,
  };
}

export function explainTargetOf(selection: Selection): ExplainTarget {
  switch (selection.kind) {
    case 'Node':
      return { kind: 'Node', name: selection.name };
    case 'Pod':
      return { kind: 'Pod', namespace: selection.namespace ?? 'default', name: selection.name };
    case 'Zone':
      return { kind: 'Zone', zone: selection.name };
  }
}

function sameTarget(a: ExplainTarget, b: ExplainTarget): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The page slices a frame replaces; null when it changes none. */
export function reducePageFrame(state: PageSlices, frame: SimFrame): Partial<PageSlices> | null {
  switch (frame.type) {
    case 'progress':
      return { task: frame.finished ? null : frame };
    case 'explanation': {
      const selection = state.inspector.selection;
      if (!selection || !sameTarget(explainTargetOf(selection), frame.target)) return null;
      return { inspector: { ...state.inspector, explanation: frame } };
    }
    case 'container-logs': {
      const selection = state.inspector.selection;
      if (selection?.kind !== 'Pod' || selection.name !== frame.pod || (selection.namespace ?? 'default') !== frame.namespace) return null;
      return { inspector: { ...state.inspector, logs: frame } };
    }
    case 'scenario-rejected':
      return { config: { ...state.config, rejected: frame } };
    case 'diff':
      return frame.expectations && state.config.scenario ? { config: { ...state.config, scenario: withOutcomes(state.config.scenario, frame.expectations) } } : null;
    case 'snapshot':
      return {
        config: {
          settings: frame.settings ?? state.config.settings,
          scenario: frame.scenario ?? null,
          rejected: null,
        },
      };
    default:
      return null;
  }
}

/** The scenario with freshly checked expectations' outcomes filled in. */
function withOutcomes(scenario: ScenarioInfo, checked: readonly CheckedExpectation[]): ScenarioInfo {
  const expectations = [...scenario.expectations];
  for (const { index, ...outcome } of checked) {
    const expectation = expectations[index];
    if (expectation) expectations[index] = { ...expectation, outcome };
  }
  return { ...scenario, expectations };
}
