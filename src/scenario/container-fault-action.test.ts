import { describe, expect, it } from 'vitest';
import type { SimAction } from '../sim';
import { exportRun } from './export';
import { parseScenario } from './parse';
import { runScenario } from './run';

const CLUSTER = 'cluster:\n  zones: [{name: zone-a, nodes: 1}]\n';
const BASE = `name: faults\n${CLUSTER}`;

const FILE = `${BASE}objects:
  - apiVersion: v1
    kind: Pod
    metadata: {name: web}
    spec:
      nodeName: zone-a-1
      containers:
        - name: app
          image: nginx
          livenessProbe: {httpGet: {path: /healthz, port: 8080}}
actions:
  - {at: 25s, do: container-fault, pod: web, container: app, fault: hang}
  - {at: 2m, do: container-fault, pod: web, fault: crash, for: 1m}
  - {at: 5m, do: container-fault, pod: nope, fault: unready}
expect:
  - {at: 51s, events: {reason: Killing, message: "Container app failed liveness probe, will be restarted"}, count: 1}
  - {at: 51s, object: Pod/web, field: "status.containerStatuses[0].restartCount", equals: 1}
  - {at: 2m5s, object: Pod/web, field: "status.containerStatuses[0].state.waiting.reason", equals: CrashLoopBackOff}
  - {at: 2m5s, object: Pod/web, field: "status.containerStatuses[0].lastState.terminated.exitCode", equals: 1}
`;

describe('the container-fault action in scenario files', () => {
  it('parses the file form, with `for` as a duration', () => {
    const parsed = parseScenario(FILE);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.scenario.actions.map((a) => [a.atMs, a.action])).toEqual([
      [25_000, { do: 'container-fault', pod: 'web', container: 'app', fault: 'hang' }],
      [120_000, { do: 'container-fault', pod: 'web', fault: 'crash', forMs: 60_000 }],
      [300_000, { do: 'container-fault', pod: 'nope', fault: 'unready' }],
    ]);
  });

  it('runs the faults at their time; an unknown pod fails in the trace, naming it', () => {
    const parsed = parseScenario(FILE);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const outcome = runScenario(parsed.scenario);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    expect(outcome.result.expectations.filter((e) => !e.passed)).toEqual([]);
    const actions = outcome.result.trace.filter((e) => e.kind === 'action').map((e) => [e.object, e.text]);
    expect(actions).toContainEqual(['Pod/default/web', 'container app of pod web hangs until it restarts']);
    expect(actions).toContainEqual(['Pod/default/web', 'the first container of pod web crashes for 60 s']);
    expect(actions).toContainEqual(['Pod/default/nope', 'the first container of pod nope reports itself unready until it restarts (failed: pods "nope" not found)']);
  });

  it('is exported and read back unchanged', () => {
    const inputs: { atMs: number; action: SimAction }[] = [
      { atMs: 5_000, action: { do: 'container-fault', pod: 'web-7d4f9', container: 'app', fault: 'hang', forMs: 61_500 } },
      { atMs: 6_000, action: { do: 'container-fault', pod: 'db-0', namespace: 'team-a', fault: 'crash' } },
      { atMs: 7_000, action: { do: 'container-fault', pod: 'web-7d4f9', fault: 'unready', forMs: 60_000 } },
    ];
    const exported = exportRun({ source: { kind: 'cluster', name: 'test', seed: 1, nodes: [{ name: 'zone-a-1', zone: 'zone-a' }], objects: [], settings: {} }, inputs, untilMs: 10_000 });
    expect(exported.text).toContain('{ at: 5s, do: container-fault, pod: web-7d4f9, container: app, fault: hang, for: 1m1s500ms }');
    const parsed = parseScenario(exported.text);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.scenario.actions.map((a) => ({ atMs: a.atMs, action: a.action }))).toEqual(inputs);
  });

  // [what, action line, path, message fragment]
  const bad: [string, string, string, string][] = [
    ['an unknown fault', '{at: 1s, do: container-fault, pod: web, fault: explode}', 'actions[0].fault', 'explode'],
    ['a missing fault', '{at: 1s, do: container-fault, pod: web}', 'actions[0]', 'missing required field "fault"'],
    ['a missing pod', '{at: 1s, do: container-fault, fault: crash}', 'actions[0]', 'missing required field "pod"'],
    ['a bad duration', '{at: 1s, do: container-fault, pod: web, fault: hang, for: soon}', 'actions[0].for', ''],
    ['a zero duration', '{at: 1s, do: container-fault, pod: web, fault: hang, for: 0s}', 'actions[0].for', 'longer than 0s'],
    ['an engine field name', '{at: 1s, do: container-fault, pod: web, fault: hang, forMs: 1000}', 'actions[0].forMs', 'unknown field "forMs"'],
    ['an empty container', '{at: 1s, do: container-fault, pod: web, container: "", fault: hang}', 'actions[0].container', ''],
  ];

  it.each(bad)('refuses %s with its line and field', (_what, line, path, message) => {
    const parsed = parseScenario(`${BASE}actions:\n  - ${line}\n`);
    if (parsed.ok) throw new Error('expected the file to be invalid');
    const error = parsed.errors.find((e) => e.path === path && e.message.includes(message));
    expect(error, JSON.stringify(parsed.errors, null, 2)).toBeDefined();
    expect(error!.line).toBe(5);
  });
});
