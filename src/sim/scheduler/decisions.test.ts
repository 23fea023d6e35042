import { describe, expect, it } from 'vitest';
import { DecisionLog, MAX_DECISIONS, MAX_DECISION_NODE_ENTRIES, type DecisionData } from './decisions';
import { FAIL_NODE_UNSCHEDULABLE } from './framework';

function decision(pod: string, failedNodes = 0): DecisionData {
  return {
    atMs: 0,
    pod,
    result: 'unschedulable',
    totalNodes: failedNodes,
    evaluatedNodes: failedNodes,
    feasibleNodes: 0,
    failedNodes: Array.from({ length: failedNodes }, (_, i) => `n${i}`),
    failures: Array.from({ length: failedNodes }, () => FAIL_NODE_UNSCHEDULABLE),
    scoredNodes: [],
    scores: null,
  };
}

describe('DecisionLog', () => {
  it('keeps the last decisions, bounded by count', () => {
    const log = new DecisionLog();
    for (let i = 0; i < MAX_DECISIONS + 10; i++) log.record(decision(`default/p${i}`));
    expect(log.last('default/p0')).toBeUndefined();
    expect(log.last(`default/p${MAX_DECISIONS + 9}`)).toMatchObject({ result: 'unschedulable' });
    expect(log.recent(MAX_DECISIONS * 2)).toHaveLength(MAX_DECISIONS);
  });

  it('is bounded by the node entries it holds, and a pod keeps its latest decision', () => {
    const log = new DecisionLog();
    const perDecision = 5_000;
    for (let i = 0; i < 400; i++) log.record(decision(`default/p${i % 300}`, perDecision));
    const kept = log.recent(1_000);
    expect(kept.length * perDecision).toBeLessThanOrEqual(MAX_DECISION_NODE_ENTRIES);
    expect(log.last('default/p99')!.filters).toHaveLength(perDecision);
    expect(log.last('default/p0')!.filters[0]).toEqual({ node: 'n0', plugin: 'NodeUnschedulable', reasons: ['node(s) were unschedulable'] });
  });
});
