import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse';
import type { Scenario, ScenarioError } from './types';

const CLUSTER = 'cluster:\n  zones: [{name: zone-a, nodes: 2}]\n';
const BASE = `name: t\n${CLUSTER}`;

function errorsOf(text: string): ScenarioError[] {
  const result = parseScenario(text);
  if (result.ok) throw new Error('expected the file to be invalid');
  return result.errors;
}

function scenarioOf(text: string): Scenario {
  const result = parseScenario(text);
  if (!result.ok) throw new Error(`expected a valid file, got: ${JSON.stringify(result.errors, null, 2)}`);
  return result.scenario;
}

describe('parseScenario: invalid files', () => {
  // [what, file, path, line, message fragment]
  const cases: [string, string, string, number | undefined, string][] = [
    ['broken YAML', 'name: t\ncluster: {zones: [\n', '', 3, 'YAML syntax error'],
    ['a duplicate key', 'name: t\nname: u\n' + CLUSTER, '', 2, 'YAML syntax error: a field appears twice in the same mapping'],
    ['an empty file', '', '', undefined, 'the file is empty'],
    ['a list at the top', '- 1\n', '', 1, 'expected a mapping, found a list'],
    ['a missing cluster', 'name: t\n', '', 1, 'missing required field "cluster"'],
    ['an unknown top-level field', 'name: t\nfoo: 1\n' + CLUSTER, 'foo', 2, 'unknown field "foo"'],
    ['an unknown setting', BASE + 'settings: {nodeMonitorGracePerod: 50s}\n', 'settings.nodeMonitorGracePerod', 4, 'unknown field "nodeMonitorGracePerod" (did you mean "nodeMonitorGracePeriod"?)'],
    ['an unknown kubelet setting', BASE + 'settings:\n  kubelet:\n    podsMax: 3\n', 'settings.kubelet.podsMax', 6, 'unknown field "podsMax"'],
    ['an unknown cluster field', 'name: t\ncluster:\n  zones: [{name: zone-a, nodes: 1}]\n  size: 3\n', 'cluster.size', 4, 'unknown field "size"'],
    ['an unknown addon', 'name: t\ncluster:\n  zones: [{name: zone-a, nodes: 1}]\n  addons: [kube-dns]\n', 'cluster.addons[0]', 4, 'kube-dns'],
    ['a duplicate addon', 'name: t\ncluster:\n  zones: [{name: zone-a, nodes: 1}]\n  addons: [coredns, coredns]\n', 'cluster.addons[1]', 4, 'duplicate addon "coredns"'],
    ['an unknown zone field', 'name: t\ncluster:\n  zones:\n    - {name: zone-a, nodes: 1, size: 3}\n', 'cluster.zones[0].size', 4, 'unknown field "size"'],
    ['an unknown node field', 'name: t\ncluster:\n  nodes:\n    - {name: n1, zones: a}\n', 'cluster.nodes[0].zones', 4, 'unknown field "zones" (did you mean "zone"?)'],
    ['an unknown action field', BASE + 'actions:\n  - {at: 1s, do: kill-node, node: zone-a-1, when: now}\n', 'actions[0].when', 5, 'unknown field "when"'],
    ['an unknown expectation field', BASE + 'expect:\n  - {at: 1s, node: zone-a-1, exists: true, note: x}\n', 'expect[0].note', 5, 'unknown field "note"'],
    ['an unknown filter field', BASE + 'expect:\n  - {at: 1s, pods: {label: app=web}, count: 1}\n', 'expect[0].pods.label', 5, 'unknown field "label"'],
    ['a bad name', 'name: My_Scenario\n' + CLUSTER, 'name', 1, 'invalid name "My_Scenario": use lower case letters, digits and \'-\' only'],
    ['a duplicate node', BASE.replace('\n', '\n') + '  nodes: [{name: zone-a-2}]\n', 'cluster.nodes[0].name', 4, 'duplicate node name "zone-a-2" (already declared by cluster.zones[0].nodes)'],
    ['an invalid node name', 'name: t\ncluster:\n  nodes: [{name: Node_1}]\n', 'cluster.nodes[0].name', 3, 'invalid value "Node_1": a lowercase RFC 1123 subdomain must consist of'],
    ['an unknown node in an action', BASE + 'actions:\n  - {at: 62s, do: kill-node, node: zone-b-1}\n', 'actions[0].node', 5, 'unknown node "zone-b-1": not in cluster or objects, nor added by an earlier action (nodes: zone-a-1, zone-a-2)'],
    ['a node added only later', BASE + 'actions:\n  - {at: 5s, do: cordon, node: late}\n  - {at: 9s, do: add-node, node: {name: late}}\n', 'actions[0].node', 5, 'unknown node "late"'],
    ['an unknown zone in an action', BASE + 'actions:\n  - {at: 5s, do: partition-zone, zone: zone-b}\n', 'actions[0].zone', 5, 'unknown zone "zone-b" (zones: zone-a)'],
    ['an unknown node in an expectation', BASE + 'expect:\n  - {at: 5s, node: ghost, exists: false}\n', 'expect[0].node', 5, 'unknown node "ghost"'],
    ['an unknown action', BASE + 'actions:\n  - {at: 5s, do: explode}\n', 'actions[0].do', 5, 'expected one of "kill-node"'],
    ['an action without at', BASE + 'actions:\n  - {do: cordon, node: zone-a-1}\n', 'actions[0]', 5, 'missing required field "at"'],
    ['an action without its node', BASE + 'actions:\n  - {at: 1s, do: cordon}\n', 'actions[0]', 5, 'missing required field "node"'],
    ['an unknown kind', BASE + 'objects:\n  - {apiVersion: v1, kind: Widget, metadata: {name: w}}\n', 'objects[0].kind', 5, 'unknown kind "Widget" (the scenario format accepts Pod, Deployment'],
    ['a manifest without a name', BASE + 'objects:\n  - {apiVersion: v1, kind: Pod, metadata: {labels: {a: b}}}\n', 'objects[0].metadata', 5, 'missing required field "name" (or "generateName")'],
    ['a bad selector', BASE + 'expect:\n  - {at: 1s, pods: {selector: "app in (web"}, count: 1}\n', 'expect[0].pods.selector', 5, 'invalid selector "app in (web": unable to parse requirement "app in (web"'],
    ['a selector with a bad key', BASE + 'expect:\n  - {at: 1s, pods: {selector: "-app=web"}, count: 1}\n', 'expect[0].pods.selector', 5, 'invalid selector "-app=web"'],
    ['a bad duration', BASE + 'actions:\n  - {at: 62x, do: kill-node, node: zone-a-1}\n', 'actions[0].at', 5, 'invalid duration "62x"'],
    ['a duration without unit', BASE + 'duration: "600"\n', 'duration', 4, 'has no unit'],
    ['a bad quantity', 'name: t\ncluster:\n  zones: [{name: zone-a, nodes: 1, capacity: {cpu: four}}]\n', 'cluster.zones[0].capacity.cpu', 3, 'invalid quantity "four"'],
    ['a bad taint effect', 'name: t\ncluster:\n  nodes: [{name: n1, taints: [{key: a, effect: NoRun}]}]\n', 'cluster.nodes[0].taints[0].effect', 3, 'expected one of "NoSchedule", "PreferNoSchedule", "NoExecute"'],
    ['a label value that is not a string', 'name: t\ncluster:\n  nodes: [{name: n1, labels: {ssd: true}}]\n', 'cluster.nodes[0].labels.ssd', 3, 'label values are strings: quote it'],
    ['a bad condition status', BASE + 'expect:\n  - {at: 1s, node: zone-a-1, condition: {type: Ready, status: Maybe}}\n', 'expect[0].condition.status', 5, 'expected one of "True", "False", "Unknown"'],
    ['two subjects', BASE + 'expect:\n  - {at: 1s, node: zone-a-1, zone: zone-a, state: Normal}\n', 'expect[0]', 5, 'an expectation names exactly one subject: node, zone, pods, pod, events, object or traffic (found zone and node)'],
    ['two node checks', BASE + 'expect:\n  - {at: 1s, node: zone-a-1, exists: true, lacksTaint: {key: a, effect: NoSchedule}}\n', 'expect[0]', 5, 'exactly one of condition, hasTaint, lacksTaint or exists'],
    ['a bad zone state', BASE + 'expect:\n  - {at: 1s, zone: zone-a, state: Broken}\n', 'expect[0].state', 5, 'expected one of "Initial", "Normal", "PartialDisruption", "FullDisruption"'],
    ['a bad pod phase', BASE + 'expect:\n  - {at: 1s, pod: {name: p}, phase: Runing}\n', 'expect[0].phase', 5, 'expected one of "Pending", "Running"'],
    ['a negative count', BASE + 'expect:\n  - {at: 1s, pods: {}, count: -1}\n', 'expect[0].count', 5, 'must be at least 0'],
    ['events without reason', BASE + 'expect:\n  - {at: 1s, events: {type: Warning}, count: 1}\n', 'expect[0].events', 5, 'missing required field "reason"'],
    ['an unknown events field', BASE + 'expect:\n  - {at: 1s, events: {reason: X, kind: Pod}, count: 1}\n', 'expect[0].events.kind', 5, 'unknown field "kind"'],
    ['events with count and exists', BASE + 'expect:\n  - {at: 1s, events: {reason: X}, count: 1, exists: true}\n', 'expect[0]', 5, 'exactly one of count or exists (found count and exists)'],
    ['events with no check', BASE + 'expect:\n  - {at: 1s, events: {reason: X}}\n', 'expect[0]', 5, 'exactly one of count or exists (found none)'],
    ['a bad event type', BASE + 'expect:\n  - {at: 1s, events: {reason: X, type: Error}, exists: true}\n', 'expect[0].events.type', 5, 'expected one of "Normal", "Warning"'],
    ['a bad event object', BASE + 'expect:\n  - {at: 1s, events: {reason: X, object: web-1}, count: 1}\n', 'expect[0].events.object', 5, 'invalid object "web-1": expected "Kind/name" or "Kind/namespace/name"'],
    ['an event object without a kind', BASE + 'expect:\n  - {at: 1s, events: {reason: X, object: pod/web-1}, count: 1}\n', 'expect[0].events.object', 5, '"pod" is not a kind'],
    ['an event object with an empty name', BASE + 'expect:\n  - {at: 1s, events: {reason: X, object: Pod/default/}, count: 1}\n', 'expect[0].events.object', 5, 'must not be empty'],
    ['a fractional event count', BASE + 'expect:\n  - {at: 1s, events: {reason: X}, count: 1.5}\n', 'expect[0].count', 5, 'expected a whole number'],
    ['an event count that is not a number', BASE + 'expect:\n  - {at: 1s,\n     events: {reason: X},\n     count: many}\n', 'expect[0].count', 7, 'expected a whole number, found'],
    ['a seed out of range', BASE + 'seed: 1.5\n', 'seed', 4, 'expected a whole number, found 1.5'],
    ['critical grace above total', BASE + 'settings:\n  kubelet: {shutdownGracePeriodCriticalPods: 10s}\n', 'settings.kubelet', 5, 'shutdownGracePeriodCriticalPods (10s) must not exceed shutdownGracePeriod (0s)'],
  ];

  it.each(cases)('reports %s', (_what, text, path, line, message) => {
    const errors = errorsOf(text);
    const error = errors.find((e) => e.path === path && e.message.includes(message));
    expect(error, JSON.stringify(errors, null, 2)).toBeDefined();
    expect(error!.line).toBe(line);
  });

  it('reports every problem of a file at once, in file order', () => {
    const errors = errorsOf('name: Bad\nfoo: 1\ncluster:\n  zones: [{name: zone-a, nodes: 1}]\nactions:\n  - {at: 1s, do: cordon, node: nope}\n');
    expect(errors.map((e) => [e.line, e.path])).toEqual([
      [1, 'name'],
      [2, 'foo'],
      [6, 'actions[0].node'],
    ]);
  });

  it('gives the column of the offending field', () => {
    const [error] = errorsOf(BASE + 'actions:\n  - {at: 62s, do: kill-node, node: zone-b-1}\n');
    expect(error).toMatchObject({ line: 5, column: 30 });
  });
});

describe('parseScenario: the contract example', () => {
  it('reads the example of scenario-format.md as written', () => {
    const text = readFileSync(new URL('./examples/one-node-dies.yaml', import.meta.url), 'utf8');
    const scenario = scenarioOf(text);
    expect(scenario.objects.map((o) => o.manifest.kind)).toEqual(['Deployment']);
    expect(scenario.expectations).toHaveLength(7);
  });
});

describe('parseScenario: valid files', () => {
  const POD = (name: string, node: string) =>
    `  - apiVersion: v1\n    kind: Pod\n    metadata: {name: ${name}, labels: {app: web}}\n    spec:\n      nodeName: ${node}\n      containers: [{name: web, image: nginx}]\n`;

  it('reads a minimal scenario with pods bound by spec.nodeName', () => {
    const scenario = scenarioOf(
      `name: bound-pods\nseed: 7\nduration: 10m\n${CLUSTER}objects:\n${POD('web-1', 'zone-a-1')}${POD('web-2', 'zone-a-2')}` +
        'actions:\n  - {at: 62s, do: kill-node, node: zone-a-1}\n' +
        'expect:\n  - {at: 115s, node: zone-a-1, condition: {type: Ready, status: Unknown}}\n' +
        '  - {at: 421s, pods: {selector: "app=web", node: zone-a-1, terminating: true}, count: 1}\n',
    );
    expect(scenario).toMatchObject({ name: 'bound-pods', seed: 7, durationMs: 600_000, settings: {} });
    expect(scenario.nodes).toEqual([
      { name: 'zone-a-1', zone: 'zone-a' },
      { name: 'zone-a-2', zone: 'zone-a' },
    ]);
    expect(scenario.objects.map((o) => [o.manifest.metadata?.name, o.source])).toEqual([
      ['web-1', { path: 'objects[0]', line: 7 }],
      ['web-2', { path: 'objects[1]', line: 13 }],
    ]);
    expect(scenario.actions).toEqual([{ atMs: 62_000, action: { do: 'kill-node', node: 'zone-a-1' }, source: { path: 'actions[0]', line: 20 } }]);
    expect(scenario.expectations[0]).toEqual({
      atMs: 115_000,
      check: { kind: 'node-condition', node: 'zone-a-1', type: 'Ready', status: 'Unknown' },
      source: { path: 'expect[0]', line: 22 },
    });
    expect(scenario.expectations[1]!.check).toEqual({
      kind: 'pod-count',
      filter: { selector: 'app=web', requirements: [{ key: 'app', operator: 'In', values: ['web'] }], node: 'zone-a-1', terminating: true },
      count: 1,
    });
  });

  it('maps settings to the engine (durations in ms, camelCase names)', () => {
    const scenario = scenarioOf(
      BASE +
        `settings:
  nodeMonitorPeriod: 5s
  nodeMonitorGracePeriod: 50s
  nodeStartupGracePeriod: 1m
  nodeEvictionRate: 0.1
  secondaryNodeEvictionRate: 0.01
  largeClusterSizeThreshold: 50
  unhealthyZoneThreshold: 0.55
  defaultNotReadyTolerationSeconds: 300
  defaultUnreachableTolerationSeconds: 200
  terminatedPodGCThreshold: 12500
  kubelet:
    nodeStatusUpdateFrequency: 10s
    nodeStatusReportFrequency: 5m
    nodeLeaseDurationSeconds: 40
    leaseJitter: 0
    shutdownGracePeriod: 30s
    shutdownGracePeriodCriticalPods: 10s
    maxPods: 110
    podStartupLatency: 2s
`,
    );
    expect(scenario.settings).toEqual({
      nodeMonitorPeriodMs: 5_000,
      nodeMonitorGracePeriodMs: 50_000,
      nodeStartupGracePeriodMs: 60_000,
      nodeEvictionRate: 0.1,
      secondaryNodeEvictionRate: 0.01,
      largeClusterSizeThreshold: 50,
      unhealthyZoneThreshold: 0.55,
      defaultNotReadyTolerationSeconds: 300,
      defaultUnreachableTolerationSeconds: 200,
      terminatedPodGCThreshold: 12_500,
      kubelet: {
        nodeStatusUpdateFrequencyMs: 10_000,
        nodeStatusReportFrequencyMs: 300_000,
        nodeLeaseDurationSeconds: 40,
        leaseJitter: 0,
        shutdownGracePeriodMs: 30_000,
        shutdownGracePeriodCriticalPodsMs: 10_000,
        maxPods: 110,
        podStartupLatencyMs: 2_000,
      },
    });
  });

  it('defaults nodeStatusReportFrequency to an explicit nodeStatusUpdateFrequency, as upstream does', () => {
    const scenario = scenarioOf(BASE + 'settings:\n  kubelet: {nodeStatusUpdateFrequency: 4s}\n');
    expect(scenario.settings.kubelet).toEqual({ nodeStatusUpdateFrequencyMs: 4_000, nodeStatusReportFrequencyMs: 4_000 });
  });

  it('builds zone nodes and explicit nodes', () => {
    const scenario = scenarioOf(`name: t
cluster:
  zones:
    - {name: zone-a, region: region-1, nodes: 2, capacity: {cpu: "4", memory: 8Gi, pods: 110}, labels: {disktype: ssd}}
  nodes:
    - name: control-1
      zone: zone-a
      capacity: {cpu: "2", memory: 4Gi}
      labels: {node.kubernetes.io/exclude-disruption: ""}
      taints: [{key: dedicated, value: infra, effect: NoSchedule}]
      unschedulable: false
      kubelet: {shutdownGracePeriod: 30s, shutdownGracePeriodCriticalPods: 10s}
    - {name: edge-1, zone: edge}
`);
    const zoneNode = { zone: 'zone-a', region: 'region-1', capacity: { cpu: '4', memory: '8Gi', pods: 110 }, labels: { disktype: 'ssd' } };
    expect(scenario.nodes).toEqual([
      { name: 'zone-a-1', ...zoneNode },
      { name: 'zone-a-2', ...zoneNode },
      {
        name: 'control-1',
        zone: 'zone-a',
        region: 'region-1',
        capacity: { cpu: '2', memory: '4Gi' },
        labels: { 'node.kubernetes.io/exclude-disruption': '' },
        taints: [{ key: 'dedicated', value: 'infra', effect: 'NoSchedule' }],
        unschedulable: false,
        kubelet: { shutdownGracePeriodMs: 30_000, shutdownGracePeriodCriticalPodsMs: 10_000 },
      },
      { name: 'edge-1', zone: 'edge' },
    ]);
  });

  it('reads drain and scale', () => {
    const scenario = scenarioOf(`${BASE}actions:
  - {at: 1s, do: drain, node: zone-a-1}
  - {at: 2s, do: scale, kind: Deployment, name: web, replicas: 2}
`);
    expect(scenario.actions.map((a) => a.action)).toEqual([
      { do: 'drain', node: 'zone-a-1' },
      { do: 'scale', kind: 'Deployment', name: 'web', namespace: 'default', replicas: 2 },
    ]);
  });

  it('reads set-traffic, and refuses a rate that is not a whole number up to 10000', () => {
    const scenario = scenarioOf(`${BASE}actions:
  - {at: 0s, do: set-traffic, service: web, rps: 20}
  - {at: 9s, do: set-traffic, service: kube-dns, namespace: kube-system, rps: 0}
`);
    expect(scenario.actions.map((a) => a.action)).toEqual([
      { do: 'set-traffic', service: 'web', rps: 20 },
      { do: 'set-traffic', service: 'kube-dns', namespace: 'kube-system', rps: 0 },
    ]);
    const [tooMany] = errorsOf(`${BASE}actions:\n  - {at: 0s, do: set-traffic, service: web, rps: 20000}\n`);
    expect(tooMany).toMatchObject({ path: 'actions[0].rps', message: 'rps must be at most 10000 requests per second (got 20000)' });
    expect(errorsOf(`${BASE}actions:\n  - {at: 0s, do: set-traffic, service: web, rps: 1.5}\n`)[0]?.path).toBe('actions[0].rps');
    expect(errorsOf(`${BASE}actions:\n  - {at: 0s, do: set-traffic, rps: 3}\n`)[0]?.message).toMatch(/service/);
  });

  it('reads every other action of the contract', () => {
    const scenario = scenarioOf(`${BASE}objects:
  - {apiVersion: v1, kind: Node, metadata: {name: manual, labels: {topology.kubernetes.io/zone: zone-m}}}
actions:
  - {at: 1s, do: kill-node, node: zone-a-1}
  - {at: 2s, do: start-node, node: zone-a-1}
  - {at: 3s, do: shutdown-node, node: zone-a-1}
  - {at: 4s, do: partition-node, node: zone-a-2}
  - {at: 5s, do: heal-node, node: zone-a-2}
  - {at: 6s, do: partition-zone, zone: zone-a}
  - {at: 7s, do: heal-zone, zone: zone-m}
  - {at: 8s, do: set-condition, node: zone-a-1, type: MemoryPressure, status: True, reason: Low}
  - {at: 9s, do: cordon, node: manual}
  - {at: 10s, do: uncordon, node: manual}
  - {at: 11s, do: add-node, node: {name: extra, zone: zone-b}}
  - {at: 11s, do: partition-zone, zone: zone-b}
  - {at: 12s, do: taint, node: extra, taint: {key: k, value: v, effect: NoExecute}}
  - {at: 13s, do: untaint, node: extra, taint: {key: k, effect: NoExecute}}
  - {at: 14s, do: apply, object: {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: c, image: i}]}}}
  - {at: 15s, do: delete, kind: Pod, name: p, force: true}
  - {at: 16s, do: delete, kind: Node, name: extra, namespace: ignored}
  - {at: 17s, do: delete-node, node: zone-a-2}
`);
    expect(scenario.actions.map((a) => a.action)).toEqual([
      { do: 'kill-node', node: 'zone-a-1' },
      { do: 'start-node', node: 'zone-a-1' },
      { do: 'shutdown-node', node: 'zone-a-1' },
      { do: 'partition-node', node: 'zone-a-2' },
      { do: 'heal-node', node: 'zone-a-2' },
      { do: 'partition-zone', zone: 'zone-a' },
      { do: 'heal-zone', zone: 'zone-m' },
      { do: 'set-condition', node: 'zone-a-1', type: 'MemoryPressure', status: 'True', reason: 'Low' },
      { do: 'cordon', node: 'manual' },
      { do: 'uncordon', node: 'manual' },
      { do: 'add-node', node: { name: 'extra', zone: 'zone-b' } },
      { do: 'partition-zone', zone: 'zone-b' },
      { do: 'taint', node: 'extra', taint: { key: 'k', value: 'v', effect: 'NoExecute' } },
      { do: 'untaint', node: 'extra', taint: { key: 'k', effect: 'NoExecute' } },
      { do: 'apply', object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }] } } },
      { do: 'delete', kind: 'Pod', name: 'p', namespace: 'default', force: true },
      { do: 'delete', kind: 'Node', name: 'extra' },
      { do: 'delete-node', node: 'zone-a-2' },
    ]);
  });

  it('reads every expectation form of the contract', () => {
    const scenario = scenarioOf(`${BASE}expect:
  - {at: 1s, node: zone-a-1, condition: {type: Ready, status: "True"}}
  - {at: 1s, node: zone-a-1, hasTaint: {key: node.kubernetes.io/unreachable, effect: NoSchedule}}
  - {at: 1s, node: zone-a-1, lacksTaint: {key: node.kubernetes.io/unreachable, effect: NoExecute}}
  - {at: 1s, node: zone-a-1, exists: false}
  - {at: 1s, zone: zone-a, state: PartialDisruption}
  - {at: 1m30s, pods: {namespace: default, selector: "app=web,tier!=db", ownerKind: ReplicaSet, ownerName: web-abc, node: "", phase: Pending, terminating: false, ready: false}, count: 2}
  - {at: 2s, pod: {namespace: kube-system, name: dns}, exists: true}
  - {at: 2s, pod: {name: web}, phase: Running, node: zone-a-2, terminating: false, ready: true}
`);
    expect(scenario.expectations.map((e) => [e.atMs, e.check])).toEqual([
      [1000, { kind: 'node-condition', node: 'zone-a-1', type: 'Ready', status: 'True' }],
      [1000, { kind: 'node-taint', node: 'zone-a-1', key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', present: true }],
      [1000, { kind: 'node-taint', node: 'zone-a-1', key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', present: false }],
      [1000, { kind: 'node-exists', node: 'zone-a-1', exists: false }],
      [1000, { kind: 'zone-state', zone: 'zone-a', state: 'PartialDisruption' }],
      [
        90_000,
        {
          kind: 'pod-count',
          count: 2,
          filter: {
            namespace: 'default',
            selector: 'app=web,tier!=db',
            requirements: [
              { key: 'app', operator: 'In', values: ['web'] },
              { key: 'tier', operator: 'NotIn', values: ['db'] },
            ],
            ownerKind: 'ReplicaSet',
            ownerName: 'web-abc',
            node: '',
            phase: 'Pending',
            terminating: false,
            ready: false,
          },
        },
      ],
      [2000, { kind: 'pod', namespace: 'kube-system', name: 'dns', aspects: { exists: true } }],
      [2000, { kind: 'pod', namespace: 'default', name: 'web', aspects: { phase: 'Running', node: 'zone-a-2', terminating: false, ready: true } }],
    ]);
  });

  it('reads events expectations (an extension)', () => {
    const scenario = scenarioOf(`${BASE}expect:
  - {at: 1s, events: {reason: FailedScheduling}, count: 0}
  - {at: 2s, events: {reason: Preempted, object: Pod/low, type: Normal, message: Preempted by}, count: 1}
  - {at: 3s, events: {reason: DrainFinished, object: Node/zone-a-1}, exists: false}
  - {at: 4s, events: {reason: BackoffLimitExceeded, object: Job/batch/work, type: Warning}, exists: true}
`);
    expect(scenario.expectations.map((e) => [e.atMs, e.check, e.source.line])).toEqual([
      [1000, { kind: 'event-count', filter: { reason: 'FailedScheduling' }, count: 0 }, 5],
      [2000, { kind: 'event-count', filter: { reason: 'Preempted', object: { kind: 'Pod', name: 'low' }, type: 'Normal', message: 'Preempted by' }, count: 1 }, 6],
      [3000, { kind: 'event-exists', filter: { reason: 'DrainFinished', object: { kind: 'Node', name: 'zone-a-1' } }, exists: false }, 7],
      [4000, { kind: 'event-exists', filter: { reason: 'BackoffLimitExceeded', object: { kind: 'Job', namespace: 'batch', name: 'work' }, type: 'Warning' }, exists: true }, 8],
    ]);
  });

  it('resolves anchors and merge keys', () => {
    const scenario = scenarioOf(`name: t
cluster:
  nodes:
    - &big {name: big-1, capacity: {cpu: "16"}}
    - {<<: *big, name: big-2}
`);
    expect(scenario.nodes).toEqual([
      { name: 'big-1', capacity: { cpu: '16' } },
      { name: 'big-2', capacity: { cpu: '16' } },
    ]);
  });

  it('accepts JSON, which is YAML', () => {
    const scenario = scenarioOf(JSON.stringify({ name: 'json', cluster: { nodes: [{ name: 'n1' }] }, expect: [{ at: 1, node: 'n1', exists: true }] }));
    expect(scenario.nodes).toEqual([{ name: 'n1' }]);
    expect(scenario.expectations[0]!.atMs).toBe(1000);
  });
});
