/**
 * DefaultPreemption (the PostFilter): when a pod fits nowhere, find nodes
 * where evicting lower-priority pods would make room, pick one, and name
 * the victims. The caller writes the result (evictions, nominatedNodeName).
 *
 * Simplification: the dry run re-runs the filters with the victims removed
 * from the node's resources, ports and pod count; PodTopologySpread and
 * InterPodAffinity keep their pre-computed counts (upstream updates them
 * through PreFilterExtensions), so preemption only resolves resource, port
 * and pod-count failures.
 *
 * Upstream: pkg/scheduler/framework/preemption/preemption.go (Preempt,
 * findCandidates, DryRunPreemption, pickOneNodeForPreemption) and
 * plugins/defaultpreemption/default_preemption.go (SelectVictimsOnNode,
 * PodEligibleToPreemptOthers, calculateNumCandidates).
 */
import { fromLabelSelector, matches, type Selector } from '../api/labels';
import type { KubeObject, LabelSelector } from '../api/types';
import type { Rng } from '../core/rng';
import { fromTimestamp } from '../core/time';
import type { SchedulerCache } from './cache';
import { fitErrorMessage } from './fit-error';
import { runFilters, type CycleState } from './filters';
import {
  PREEMPTION_NOT_HELPFUL,
  PREEMPTION_NO_VICTIMS,
  PREEMPTION_POLICY_NEVER,
  PREEMPTION_TERMINATING_ON_NOMINATED,
  type Failure,
} from './framework';
import type { NodeInfo } from './node-info';
import type { PodInfo } from './pod-info';

/** Upstream: DefaultPreemptionArgs defaults. */
const MIN_CANDIDATE_NODES_PERCENTAGE = 10;
const MIN_CANDIDATE_NODES_ABSOLUTE = 100;

const FAIL_NO_VICTIMS: Failure = Object.freeze({
  plugin: 'DefaultPreemption',
  code: 'UnschedulableAndUnresolvable',
  reasons: Object.freeze([PREEMPTION_NO_VICTIMS]),
});

export interface Pdb {
  namespace: string;
  selector: Selector | null;
  disruptionsAllowed: number;
  disruptedPods: ReadonlySet<string>;
}

export type PdbObject = KubeObject & {
  spec?: { selector?: LabelSelector };
  status?: { disruptionsAllowed?: number; disruptedPods?: Record<string, string> };
};

export function toPdb(o: PdbObject): Pdb {
  const selector = o.spec?.selector;
  return {
    namespace: o.metadata.namespace ?? '',
    // A nil or empty selector matches nothing.
    selector: selector && (Object.keys(selector.matchLabels ?? {}).length || selector.matchExpressions?.length) ? fromLabelSelector(selector) : null,
    disruptionsAllowed: o.status?.disruptionsAllowed ?? 0,
    disruptedPods: new Set(Object.keys(o.status?.disruptedPods ?? {})),
  };
}

export interface PreemptionInput {
  state: CycleState;
  cache: SchedulerCache;
  rng: Rng;
  nowMs: number;
  /** The filter verdict of every node that failed. */
  statuses: ReadonlyMap<string, Failure>;
  numAllNodes: number;
  pdbs: readonly Pdb[];
}

export interface PreemptionOutcome {
  /** The PostFilter message ("preemption: …"), '' when preemption succeeded. */
  message: string;
  /** Set when a node was chosen; '' clears the pod's nomination; undefined leaves it. */
  nominatedNode: string | undefined;
  victims: PodInfo[];
}

interface Candidate {
  node: string;
  victims: PodInfo[];
  pdbViolations: number;
}

/** Upstream: Evaluator.Preempt with DefaultPreemption's PostFilter prefix. */
export function preempt(input: PreemptionInput): PreemptionOutcome {
  const ineligible = notEligibleReason(input);
  if (ineligible) return { message: `preemption: ${ineligible}`, nominatedNode: undefined, victims: [] };
  const potential = input.cache.nodeList().filter((n) => input.statuses.get(n.name)?.code === 'Unschedulable');
  const { candidates, statuses } = dryRunPreemption(input, potential);
  if (candidates.length === 0) {
    const absent = { count: input.numAllNodes - statuses.size, reasons: [PREEMPTION_NOT_HELPFUL] };
    return { message: `preemption: ${fitErrorMessage(input.numAllNodes, statuses.values(), absent, '')}`, nominatedNode: '', victims: [] };
  }
  const best = pickOneNodeForPreemption(candidates, input.nowMs);
  return { message: '', nominatedNode: best.node, victims: best.victims };
}

/** Upstream: PodEligibleToPreemptOthers. */
function notEligibleReason(input: PreemptionInput): string | undefined {
  const pod = input.state.pod;
  if (pod.pod.spec.preemptionPolicy === 'Never') return PREEMPTION_POLICY_NEVER;
  const nominated = pod.pod.status.nominatedNodeName;
  if (!nominated) return undefined;
  // A nominated node the filters cannot resolve (or that is gone) may be preempted for again.
  if ((input.statuses.get(nominated)?.code ?? 'UnschedulableAndUnresolvable') === 'UnschedulableAndUnresolvable') return undefined;
  const node = input.cache.nodes.get(nominated);
  for (const other of node?.pods.values() ?? []) {
    if (other.priority < pod.priority && terminatingByPreemption(other)) return PREEMPTION_TERMINATING_ON_NOMINATED;
  }
  return undefined;
}

function terminatingByPreemption(pod: PodInfo): boolean {
  if (!pod.terminating) return false;
  const condition = pod.pod.status.conditions?.find((c) => c.type === 'DisruptionTarget');
  return condition?.status === 'True' && condition.reason === 'PreemptionByScheduler';
}

/** Upstream: DryRunPreemption — from a random offset, until enough candidates are found. */
function dryRunPreemption(input: PreemptionInput, potential: readonly NodeInfo[]): { candidates: Candidate[]; statuses: Map<string, Failure> } {
  const statuses = new Map<string, Failure>();
  const nonViolating: Candidate[] = [];
  const violating: Candidate[] = [];
  if (potential.length === 0) return { candidates: [], statuses };
  const offset = input.rng.int(potential.length);
  const wanted = Math.min(potential.length, Math.max(Math.floor((potential.length * MIN_CANDIDATE_NODES_PERCENTAGE) / 100), MIN_CANDIDATE_NODES_ABSOLUTE));
  for (let i = 0; i < potential.length; i++) {
    const node = potential[(offset + i) % potential.length]!;
    const result = selectVictimsOnNode(input, node);
    if ('failure' in result) {
      statuses.set(node.name, result.failure);
      continue;
    }
    (result.pdbViolations === 0 ? nonViolating : violating).push({ node: node.name, ...result });
    if (nonViolating.length > 0 && nonViolating.length + violating.length >= wanted) break;
  }
  return { candidates: [...nonViolating, ...violating], statuses };
}

/**
 * Upstream: SelectVictimsOnNode — remove every lower-priority pod; if the
 * pod then fits, reprieve as many as possible, most important first
 * (PDB-violating ones before the others).
 */
function selectVictimsOnNode(input: PreemptionInput, node: NodeInfo): { victims: PodInfo[]; pdbViolations: number } | { failure: Failure } {
  const { state, nowMs } = input;
  const potential = [...node.pods.values()].filter((p) => p.priority < state.pod.priority);
  if (potential.length === 0) return { failure: FAIL_NO_VICTIMS };
  const trial = node.clone();
  for (const p of potential) trial.removePod(p);
  const failure = runFilters(state, trial);
  if (failure) return { failure };
  potential.sort((a, b) => compareImportance(a, b, nowMs));
  const { violating, nonViolating } = filterPodsWithPdbViolation(potential, input.pdbs);
  const victims: PodInfo[] = [];
  const reprieve = (p: PodInfo): boolean => {
    trial.addPod(p);
    if (!runFilters(state, trial)) return true;
    trial.removePod(p);
    victims.push(p);
    return false;
  };
  let pdbViolations = 0;
  for (const p of violating) if (!reprieve(p)) pdbViolations++;
  for (const p of nonViolating) reprieve(p);
  if (violating.length && nonViolating.length) victims.sort((a, b) => compareImportance(a, b, nowMs));
  if (victims.length === 0) return { failure: FAIL_NO_VICTIMS };
  return { victims, pdbViolations };
}

function startMs(pod: PodInfo, nowMs: number): number {
  return pod.startTime ? fromTimestamp(pod.startTime) : nowMs;
}

/** Upstream: util.MoreImportantPod (higher priority, then earlier start); the key makes it total. */
function compareImportance(a: PodInfo, b: PodInfo, nowMs: number): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  const diff = startMs(a, nowMs) - startMs(b, nowMs);
  if (diff !== 0) return diff;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Upstream: filterPodsWithPDBViolation (stable; keeps the input order). */
function filterPodsWithPdbViolation(pods: readonly PodInfo[], pdbs: readonly Pdb[]): { violating: PodInfo[]; nonViolating: PodInfo[] } {
  const allowed = pdbs.map((p) => p.disruptionsAllowed);
  const violating: PodInfo[] = [];
  const nonViolating: PodInfo[] = [];
  for (const pod of pods) {
    let violated = false;
    if (Object.keys(pod.labels).length) {
      pdbs.forEach((pdb, i) => {
        if (pdb.namespace !== pod.namespace || !pdb.selector || !matches(pdb.selector, pod.labels)) return;
        if (pdb.disruptedPods.has(pod.name)) return;
        allowed[i]!--;
        if (allowed[i]! < 0) violated = true;
      });
    }
    (violated ? violating : nonViolating).push(pod);
  }
  return { violating, nonViolating };
}

/**
 * Upstream: pickOneNodeForPreemption — fewest PDB violations, lowest
 * highest-priority victim, smallest priority sum, fewest victims, latest
 * start of the highest-priority victims; then the first candidate.
 */
function pickOneNodeForPreemption(candidates: readonly Candidate[], nowMs: number): Candidate {
  const criteria: ((c: Candidate) => number)[] = [
    (c) => -c.pdbViolations,
    (c) => -c.victims[0]!.priority,
    (c) => -c.victims.reduce((sum, p) => sum + p.priority + 2 ** 31, 0),
    (c) => -c.victims.length,
    (c) => earliestStartOfHighestPriority(c.victims, nowMs),
  ];
  let remaining = [...candidates];
  for (const score of criteria) {
    const best = remaining.reduce((m, c) => Math.max(m, score(c)), -Infinity);
    remaining = remaining.filter((c) => score(c) === best);
    if (remaining.length === 1) break;
  }
  return remaining[0]!;
}

/** Upstream: util.GetEarliestPodStartTime. */
function earliestStartOfHighestPriority(victims: readonly PodInfo[], nowMs: number): number {
  let maxPriority = victims[0]!.priority;
  let earliest = startMs(victims[0]!, nowMs);
  for (const p of victims) {
    if (p.priority === maxPriority) earliest = Math.min(earliest, startMs(p, nowMs));
    else if (p.priority > maxPriority) {
      maxPriority = p.priority;
      earliest = startMs(p, nowMs);
    }
  }
  return earliest;
}
