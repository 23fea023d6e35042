/**
 * The record of recent scheduling decisions — per node, why it was filtered
 * out and how it scored — for the UI's "why here" and "why not there". Kept
 * compact (typed arrays, shared failure objects) and expanded on demand.
 * Bounded by the number of decisions and by the node entries they hold, so
 * a 5,000-node cluster with many failing pods stays small.
 *
 * Diagnostics only: not part of the scheduler's snapshot.
 */
import { SCORE_PLUGINS, SCORE_WEIGHTS, type Failure, type ScorePlugin } from './framework';
import type { ScoreTable } from './scores';

export const MAX_DECISIONS = 2_000;
export const MAX_DECISION_NODE_ENTRIES = 1_000_000;

/** What the UI reads (read-only view). */
export interface SchedulingDecision {
  atMs: number;
  /** "namespace/name". */
  pod: string;
  result: 'bound' | 'unschedulable';
  node?: string;
  /** Set when preemption chose a node for the pod. */
  nominatedNode?: string;
  /** Pods preempted for it ("namespace/name"). */
  victims?: string[];
  /** The FailedScheduling message, when unschedulable. */
  message?: string;
  totalNodes: number;
  evaluatedNodes: number;
  feasibleNodes: number;
  /** Nodes that failed a filter: the first failing plugin and its reasons. */
  filters: { node: string; plugin: string; reasons: string[] }[];
  /**
   * Scored nodes; byPlugin holds each plugin's weighted contribution (as
   * upstream's NodePluginScores), skipped plugins are absent; total is their sum.
   */
  scores: { node: string; total: number; byPlugin: Partial<Record<ScorePlugin, number>> }[];
}

export interface DecisionData {
  atMs: number;
  pod: string;
  result: 'bound' | 'unschedulable';
  node?: string;
  nominatedNode?: string;
  victims?: string[];
  message?: string;
  totalNodes: number;
  evaluatedNodes: number;
  feasibleNodes: number;
  failedNodes: string[];
  failures: Failure[];
  /** The scored nodes (anything with a name; the cycle's NodeInfo array, not copied). */
  scoredNodes: readonly { readonly name: string }[];
  scores: ScoreTable | null;
}

export class DecisionLog {
  /** Oldest first; entries before `head` have been evicted. */
  private ring: (DecisionData | undefined)[] = [];
  private head = 0;
  private entries = 0;
  private readonly latest = new Map<string, DecisionData>();

  record(decision: DecisionData): void {
    this.ring.push(decision);
    this.entries += size(decision);
    this.latest.set(decision.pod, decision);
    while (this.ring.length - this.head > MAX_DECISIONS || (this.entries > MAX_DECISION_NODE_ENTRIES && this.ring.length - this.head > 1)) {
      const old = this.ring[this.head]!;
      this.ring[this.head++] = undefined;
      this.entries -= size(old);
      if (this.latest.get(old.pod) === old) this.latest.delete(old.pod);
    }
    if (this.head > 4_096 && this.head * 2 > this.ring.length) {
      this.ring = this.ring.slice(this.head);
      this.head = 0;
    }
  }

  last(pod: string): SchedulingDecision | undefined {
    const data = this.latest.get(pod);
    return data && expand(data);
  }

  /** Recent decisions, oldest first. */
  recent(limit = 100): SchedulingDecision[] {
    const from = Math.max(this.head, this.ring.length - limit);
    return this.ring.slice(from).map((d) => expand(d!));
  }
}

function size(d: DecisionData): number {
  return d.failedNodes.length + d.scoredNodes.length;
}

function expand(d: DecisionData): SchedulingDecision {
  const out: SchedulingDecision = {
    atMs: d.atMs,
    pod: d.pod,
    result: d.result,
    totalNodes: d.totalNodes,
    evaluatedNodes: d.evaluatedNodes,
    feasibleNodes: d.feasibleNodes,
    filters: d.failedNodes.map((node, i) => ({ node, plugin: d.failures[i]!.plugin, reasons: [...d.failures[i]!.reasons] })),
    scores: d.scoredNodes.map(({ name }, j) => {
      const byPlugin: Partial<Record<ScorePlugin, number>> = {};
      let total = 0;
      SCORE_PLUGINS.forEach((plugin, p) => {
        const table = d.scores;
        if (!table?.ran[p]) return;
        byPlugin[plugin] = table.data[p * table.n + j]! * SCORE_WEIGHTS[plugin];
        total += byPlugin[plugin];
      });
      return { node: name, total, byPlugin };
    }),
  };
  if (d.node !== undefined) out.node = d.node;
  if (d.nominatedNode !== undefined) out.nominatedNode = d.nominatedNode;
  if (d.victims) out.victims = [...d.victims];
  if (d.message !== undefined) out.message = d.message;
  return out;
}
