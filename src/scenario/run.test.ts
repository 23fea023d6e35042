import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse';
import { runScenario, type ScenarioResult } from './run';
import { formatTimeline } from './timeline';
import type { Scenario, ScenarioError } from './types';

function scenarioOf(text: string): Scenario {
  const parsed = parseScenario(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors, null, 2));
  return parsed.scenario;
}

function run(text: string): ScenarioResult {
  const outcome = runScenario(scenarioOf(text), { freezeObjects: true });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors, null, 2));
  return outcome.result;
}

const ONE_NODE_DIES = `
name: one-node-dies-bound
cluster:
  zones: [{name: zone-a, nodes: 3}]
objects:
  - apiVersion: v1
    kind: Pod
    metadata: {name: web-1, labels: {app: web}}
    spec:
      nodeName: zone-a-1
      containers: [{name: web, image: nginx, resources: {requests: {cpu: 100m, memory: 64Mi}}}]
actions:
  - {at: 62s, do: kill-node, node: zone-a-1}
expect:
  - {at: 5s, pod: {name: web-1}, phase: Running, ready: true, node: zone-a-1}
  - {at: 110s, node: zone-a-1, condition: {type: Ready, status: "True"}}
  - {at: 115s, node: zone-a-1, condition: {type: Ready, status: Unknown}}
  - {at: 115s, node: zone-a-1, hasTaint: {key: node.kubernetes.io/unreachable, effect: NoSchedule}}
  - {at: 115s, node: zone-a-1, lacksTaint: {key: node.kubernetes.io/unreachable, effect: NoExecute}}
  - {at: 121s, node: zone-a-1, hasTaint: {key: node.kubernetes.io/unreachable, effect: NoExecute}}
  - {at: 121s, zone: zone-a, state: Normal}
  - {at: 419s, pods: {selector: app=web, terminating: true}, count: 0}
  - {at: 421s, pods: {selector: app=web, node: zone-a-1, terminating: true}, count: 1}
  - {at: 421s, pod: {name: web-1}, terminating: true}
  - {at: 421s, node: zone-a-1, exists: true}
`;

describe('runScenario', () => {
  it('runs a node failure end to end, every expectation holding', () => {
    const result = run(ONE_NODE_DIES);
    expect(result.expectations.filter((e) => !e.passed)).toEqual([]);
    expect(result.passed).toBe(true);
    expect(result.expectations).toHaveLength(11);
    expect(result.endMs).toBe(422_000);
  });

  it('traces actions before their effects, and the changes that matter', () => {
    const { trace } = run(ONE_NODE_DIES);
    const lines = trace.map((e) => `${e.atMs} ${e.kind} ${e.object ?? '-'} ${e.text}`);
    const index = (line: string) => {
      const i = lines.indexOf(line);
      expect(i, `missing trace line: ${line}\n${lines.join('\n')}`).toBeGreaterThanOrEqual(0);
      return i;
    };
    expect(index('0 change Node/zone-a-1 added (Ready: True)')).toBeLessThan(index('0 action Pod/default/web-1 kubectl apply pod/web-1'));
    expect(index('0 action Pod/default/web-1 kubectl apply pod/web-1')).toBeLessThan(index('0 change Pod/default/web-1 created on zone-a-1'));
    index('2000 change Pod/default/web-1 phase: Pending → Running');
    index('62000 action Node/zone-a-1 node zone-a-1 loses power');
    index('115000 change Node/zone-a-1 Ready: True → Unknown (NodeStatusUnknown)');
    index('115000 change Node/zone-a-1 taint added node.kubernetes.io/unreachable:NoSchedule');
    index('115000 event Node/zone-a-1 Normal NodeNotReady: Node zone-a-1 status is now: NodeNotReady');
    expect(lines.some((l) => /^42\d{4} change Pod\/default\/web-1 terminating, grace 30s$/.test(l))).toBe(true);
    // No lease renewals or heartbeat-only status updates.
    expect(trace.filter((e) => e.object?.startsWith('Lease/'))).toEqual([]);
    expect(trace.filter((e) => e.atMs > 2000 && e.atMs < 62_000)).toEqual([]);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(run(ONE_NODE_DIES))).toBe(JSON.stringify(run(ONE_NODE_DIES)));
  });

  it('says what was expected and what was found when an expectation fails', () => {
    const result = run(`
name: wrong
cluster: {zones: [{name: zone-a, nodes: 2}]}
actions: [{at: 62s, do: kill-node, node: zone-a-1}]
expect:
  - {at: 114s, node: zone-a-1, condition: {type: Ready, status: Unknown}}
  - {at: 114s, pods: {}, count: 1}
`);
    expect(result.passed).toBe(false);
    expect(result.expectations).toEqual([
      { atMs: 114_000, description: 'node zone-a-1 condition Ready is Unknown', passed: false, expected: 'Unknown', found: 'True', path: 'expect[0]', line: 6 },
      { atMs: 114_000, description: '1 pod in total', passed: false, expected: '1', found: '0', path: 'expect[1]', line: 7 },
    ]);
    const lines = formatTimeline(result);
    expect(lines).toContain('✗ 114s  node zone-a-1 condition Ready is Unknown — expected Unknown, found True (expect[0], line 6)');
    expect(lines.at(-1)).toBe('FAIL: 2 of 2 expectations failed (simulated until 115s)');
    expect(lines).toContain('   62.000s  Node/zone-a-1        » node zone-a-1 loses power');
  });

  it('traces the scheduler binding a pod that names no node', () => {
    const { trace, passed } = run(`
name: scheduled
cluster: {nodes: [{name: n1}]}
objects: [{apiVersion: v1, kind: Pod, metadata: {name: lonely}, spec: {containers: [{name: c, image: i}]}}]
expect: [{at: 30s, pod: {name: lonely}, phase: Running, node: n1}]
`);
    expect(passed).toBe(true);
    expect(trace).toContainEqual(expect.objectContaining({ atMs: 0, kind: 'change', object: 'Pod/default/lonely', text: 'bound to n1' }));
  });

  it('reports a failed action in the trace without stopping the run', () => {
    const { trace } = run(`
name: failing-action
cluster: {nodes: [{name: n1}]}
actions: [{at: 1s, do: untaint, node: n1, taint: {key: nope, effect: NoSchedule}}]
`);
    expect(trace.find((e) => e.kind === 'action')).toMatchObject({ atMs: 1000, error: 'taint "nope:NoSchedule" not found' });
  });

  it('treats an object the API server refuses as an invalid file', () => {
    const outcome = runScenario(
      scenarioOf(`
name: refused
cluster: {nodes: [{name: n1}]}
objects:
  - {apiVersion: v1, kind: Namespace, metadata: {name: team}}
  - {apiVersion: v1, kind: Pod, metadata: {name: p, namespace: team}, spec: {containers: []}}
`),
    );
    expect(outcome.ok).toBe(false);
    const errors = (outcome as { errors: ScenarioError[] }).errors;
    expect(errors).toEqual([{ path: 'objects[1]', line: 6, message: 'Pod "p" is invalid: spec.containers: Required value' }]);
  });
});
