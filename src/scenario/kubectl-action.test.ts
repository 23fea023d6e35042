import { describe, expect, it } from 'vitest';
import { exportRun } from './export';
import { parseScenario } from './parse';
import { runScenario } from './run';

const FILE = `
name: kubectl-lines
cluster:
  zones: [{name: zone-a, nodes: 2}]
actions:
  - {at: 5s, do: kubectl, line: "kubectl cordon zone-a-1"}
  - {at: 6s, do: kubectl, line: "kubectl create namespace team-a"}
  - {at: 7s, do: kubectl, line: "kubectl apply -f -", stdin: '[{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team-b"}}]'}
expect:
  - {at: 8s, node: zone-a-1, hasTaint: {key: node.kubernetes.io/unschedulable, effect: NoSchedule}}
`;

describe('the kubectl action in scenario files', () => {
  it('runs kubectl lines at their time', () => {
    const parsed = parseScenario(FILE);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const outcome = runScenario(parsed.scenario);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    expect(outcome.result.expectations.filter((e) => !e.passed)).toEqual([]);
  });

  it('is exported and read back unchanged', () => {
    const inputs = [
      { atMs: 5_000, action: { do: 'kubectl' as const, line: 'kubectl drain zone-a-1 --ignore-daemonsets --timeout=30s' } },
      { atMs: 6_000, action: { do: 'kubectl' as const, line: 'kubectl apply -f -', stdin: '[{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"x"}}]' } },
    ];
    const exported = exportRun({ source: { kind: 'cluster', name: 'test', seed: 1, nodes: [{ name: 'zone-a-1', zone: 'zone-a' }], objects: [], settings: {} }, inputs, untilMs: 10_000 });
    const parsed = parseScenario(exported.text);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.scenario.actions.map((a) => ({ atMs: a.atMs, action: a.action }))).toEqual(inputs);
  });

  it('refuses a kubectl action without a line', () => {
    const parsed = parseScenario(FILE.replace('line: "kubectl cordon zone-a-1"', 'text: "x"'));
    expect(parsed.ok).toBe(false);
  });
});
