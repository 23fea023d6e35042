/**
 * A corpus of bad inputs, each with the message it must get: scenario files
 * (run through the command line, all of them), URL parameters, settings
 * values, and Kubernetes values typed into the page (taints, labels,
 * names). `npm test` runs every entry (src/cli/bad-inputs.test.ts,
 * src/ui/bad-inputs.test.ts) and a representative slice through the page
 * (e2e/bad-inputs.spec.ts). Expected messages are ours or the API server's.
 */

export interface BadFile {
  name: string;
  /** The file's bytes: text (written as UTF-8) or raw bytes. */
  content: string | Uint8Array;
  /** A fragment every run must print (the command line) or show (the page). */
  expect: string;
}

const CLUSTER = 'cluster: {zones: [{name: zone-a, nodes: 2}]}\n';
const BASE = `name: bad\n${CLUSTER}`;
const withSettings = (settings: string) => `${BASE}settings: {${settings}}\n`;
const withKubelet = (kubelet: string) => `${BASE}settings: {kubelet: {${kubelet}}}\n`;
const withObject = (object: string) => `${BASE}objects:\n  - ${object}\n`;
const withAction = (action: string) => `${BASE}actions:\n  - ${action}\n`;
const deployment = (spec: string) =>
  `{apiVersion: apps/v1, kind: Deployment, metadata: {name: web}, spec: {${spec}, selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: nginx}]}}}}`;

function bytes(...values: number[]): Uint8Array {
  return Uint8Array.from(values);
}

function utf16(text: string, bom: 'le' | 'be' | 'none'): Uint8Array {
  const out: number[] = bom === 'le' ? [0xff, 0xfe] : bom === 'be' ? [0xfe, 0xff] : [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (bom === 'be') out.push(code >> 8, code & 0xff);
    else out.push(code & 0xff, code >> 8);
  }
  return Uint8Array.from(out);
}

/** A pseudo-random binary blob (fixed, so the expected message is fixed). */
function binary(length: number): Uint8Array {
  let x = 12345;
  return Uint8Array.from({ length }, () => {
    x = (x * 1103515245 + 12345) >>> 0;
    return x >>> 24;
  });
}

const TOO_SMALL: [string, string, string][] = [
  ['nodeMonitorPeriod', '0.0001s', 'duration "0.0001s" is not a whole number of milliseconds'],
  ['nodeMonitorPeriod', '1ms', 'nodeMonitorPeriod 0.001 s is too small: it must be at least 1 s'],
  ['nodeMonitorPeriod', '500ms', 'nodeMonitorPeriod 0.5 s is too small: it must be at least 1 s'],
  ['nodeMonitorPeriod', '0', 'nodeMonitorPeriod 0 s is too small'],
  ['nodeMonitorGracePeriod', '100ms', 'nodeMonitorGracePeriod 0.1 s is too small: it must be at least 1 s'],
  ['nodeStartupGracePeriod', '1ms', 'nodeStartupGracePeriod 0.001 s is too small'],
  ['nodeEvictionRate', '-0.1', 'nodeEvictionRate -0.1 is too small: it must be at least 0 (a rate cannot be negative)'],
  ['secondaryNodeEvictionRate', '-1', 'secondaryNodeEvictionRate -1 is too small'],
  ['largeClusterSizeThreshold', '-5', 'largeClusterSizeThreshold -5 is too small'],
  ['largeClusterSizeThreshold', '2.5', 'largeClusterSizeThreshold must be a whole number, got 2.5'],
  ['unhealthyZoneThreshold', '0', 'unhealthyZoneThreshold 0 is too small: it must be more than 0'],
  ['unhealthyZoneThreshold', '1.5', 'unhealthyZoneThreshold 1.5 is too large: it must be at most 1'],
  ['defaultNotReadyTolerationSeconds', '-1', 'defaultNotReadyTolerationSeconds -1 is too small'],
  ['defaultUnreachableTolerationSeconds', '0.5', 'defaultUnreachableTolerationSeconds must be a whole number, got 0.5'],
  ['terminatedPodGCThreshold', '-1', 'terminatedPodGCThreshold -1 is too small'],
  ['nodeMonitorPeriod', '48h', 'nodeMonitorPeriod 172800 s is too large: it must be at most 86400 s'],
  ['nodeEvictionRate', '5000', 'nodeEvictionRate 5000 is too large: it must be at most 1000'],
];

const KUBELET_BAD: [string, string, string][] = [
  ['nodeStatusUpdateFrequency', '999ms', 'nodeStatusUpdateFrequency 0.999 s is too small: it must be at least 1 s'],
  ['nodeStatusUpdateFrequency', '10ms', 'nodeStatusUpdateFrequency 0.01 s is too small'],
  ['nodeStatusReportFrequency', '1ms', 'nodeStatusReportFrequency 0.001 s is too small'],
  ['nodeLeaseDurationSeconds', '0', 'nodeLeaseDurationSeconds 0 is too small: it must be at least 1 (the kubelet requires more than 0'],
  ['nodeLeaseDurationSeconds', '1.5', 'nodeLeaseDurationSeconds must be a whole number, got 1.5'],
  ['leaseJitter', '2', 'leaseJitter 2 is too large: it must be at most 1'],
  ['leaseJitter', '-0.5', 'leaseJitter -0.5 is too small'],
  ['shutdownGracePeriod', '500ms', 'shutdownGracePeriod 0.5 s is too small: it must be 0 or at least 1 s (the kubelet requires zero or at least 1 s'],
  ['shutdownGracePeriodCriticalPods', '10ms', 'shutdownGracePeriodCriticalPods 0.01 s is too small: it must be 0 or at least 1 s'],
  ['maxPods', '0', 'maxPods 0 is too small: it must be at least 1'],
  ['maxPods', '-3', 'maxPods -3 is too small'],
  ['maxPods', '1000000', 'maxPods 1000000 is too large: it must be at most 30000'],
  ['podStartupLatency', '2h', 'podStartupLatency 7200 s is too large: it must be at most 3600 s'],
];

const WRONG_TYPE: [string, string, string][] = [
  ['nodeMonitorPeriod', '"abc"', 'invalid duration "abc"'],
  ['nodeMonitorPeriod', '0.5', 'nodeMonitorPeriod 0.5 s is too small'],
  ['nodeMonitorGracePeriod', '-5s', 'must not be negative'],
  ['nodeEvictionRate', '"fast"', 'expected a number, found a string ("fast")'],
  ['nodeEvictionRate', '"0.1"', 'expected a number, found a string ("0.1")'],
  ['unhealthyZoneThreshold', '[1]', 'expected a number, found a list'],
  ['largeClusterSizeThreshold', 'true', 'expected a number, found a boolean (true)'],
  ['nodeStartupGracePeriod', '{}', 'expected a duration'],
];

const BAD_NAMES: [string, string][] = [
  ['Zone_A', 'zone "Zone_A" would name its nodes'],
  ['-leading', 'invalid value "-leading"'],
  ['trailing-', 'invalid value "trailing-"'],
  ['has space', 'invalid value "has space"'],
  ['x'.repeat(70), '63 characters'],
  ['dot.', 'invalid value "dot."'],
];

const BAD_TAINTS: [string, string][] = [
  ['{key: "bad key!!", effect: NoSchedule}', 'invalid value "bad key!!"'],
  [`{key: "${'k'.repeat(400)}", effect: NoSchedule}`, 'name part must be no more than 63 characters'],
  ['{key: "-leading", effect: NoSchedule}', 'invalid value "-leading"'],
  ['{key: "a/b/c", effect: NoSchedule}', 'invalid value "a/b/c"'],
  ['{key: "/x", effect: NoSchedule}', 'prefix part must be non-empty'],
  ['{key: "Bad_Prefix/x", effect: NoSchedule}', 'prefix part a lowercase RFC 1123 subdomain'],
  ['{key: example.com/m, value: "has spaces", effect: NoSchedule}', 'invalid value "has spaces"'],
  [`{key: example.com/m, value: "${'v'.repeat(64)}", effect: NoSchedule}`, 'must be no more than 63 characters'],
  ['{key: example.com/m, effect: Sometimes}', 'expected one of "NoSchedule", "PreferNoSchedule", "NoExecute", found a string ("Sometimes")'],
  ['{key: example.com/m}', 'missing required field "effect"'],
  ['{effect: NoSchedule}', 'missing required field "key"'],
  ['{key: example.com/m, effect: NoSchedule, extra: 1}', 'unknown field "extra"'],
];

const BAD_LABELS: [string, string][] = [
  ['{"bad key!!": x}', 'invalid value "bad key!!"'],
  ['{"a/b/c": x}', 'invalid value "a/b/c"'],
  ['{app: "has space"}', 'invalid value "has space"'],
  ['{app: 3}', 'label values are strings: quote it (found 3)'],
  ['{app: true}', 'label values are strings'],
  [`{app: "${'l'.repeat(64)}"}`, 'must be no more than 63 characters'],
  ['{"": x}', 'name part must be non-empty'],
];

export const BAD_FILES: readonly BadFile[] = [
  // Not a scenario at all.
  { name: 'empty.yaml', content: '', expect: 'the file is empty' },
  { name: 'binary-4k.bin', content: binary(4096), expect: 'this is not a text file' },
  { name: 'nul.yaml', content: `${BASE}\u0000\n`, expect: 'this is not a text file (a control character U+0000 on line 3)' },
  { name: 'bell.yaml', content: `name: a\u0007\n${CLUSTER}`, expect: 'a control character U+0007 on line 1' },
  { name: 'png.png', content: bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13), expect: 'this is not a text file' },
  { name: 'latin1.yaml', content: bytes(...[...'name: caf'].map((c) => c.charCodeAt(0)), 0xe9, 0x0a), expect: 'this is not a text file (it is not valid UTF-8)' },
  { name: 'utf16-no-bom.yaml', content: utf16(BASE, 'none'), expect: 'looks like UTF-16 without a byte order mark: save it as UTF-8' },
  { name: 'too-big.yaml', content: `${BASE}description: "${'x'.repeat(2 * 2 ** 20)}"\n`, expect: "over the page's limit of 2.0 MB" },
  // YAML the library refuses, in our words.
  { name: 'two-docs.yaml', content: `${BASE}---\n${BASE}`, expect: 'holds more than one YAML document' },
  { name: 'tabs.yaml', content: 'name: t\ncluster:\n\tzones: []\n', expect: 'YAML syntax error' },
  { name: 'unclosed.yaml', content: 'name: t\ncluster: {zones: [\n', expect: 'YAML syntax error' },
  { name: 'dup-key.yaml', content: `name: a\n${BASE}`, expect: 'a field appears twice in the same mapping' },
  { name: 'deep.yaml', content: `${'['.repeat(100_000)}${']'.repeat(100_000)}`, expect: 'nests lists or mappings more than 64 levels deep' },
  { name: 'laughs.yaml', content: `a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n`, expect: 'too many aliases' },
  { name: 'bad-alias.yaml', content: `${BASE}description: *nothing\n`, expect: 'an alias (*name) names no anchor' },
  { name: 'many-errors.yaml', content: `name: t\ncluster: {nodes: [${Array.from({ length: 500 }, (_, i) => `{name: "Bad_${i}"}`).join(', ')}]}\n`, expect: 'and 480 more errors' },
  { name: 'list-top.yaml', content: '- 1\n- 2\n', expect: 'expected a mapping, found a list' },
  { name: 'scalar-top.yaml', content: 'hello\n', expect: 'expected a mapping, found a string ("hello")' },
  { name: 'no-cluster.yaml', content: 'name: t\n', expect: 'missing required field "cluster"' },
  { name: 'no-name.yaml', content: CLUSTER, expect: 'missing required field "name"' },
  { name: 'bad-name.yaml', content: `name: Bad Name\n${CLUSTER}`, expect: 'invalid name "Bad Name"' },
  { name: 'unknown-top.yaml', content: `${BASE}sedd: 1\n`, expect: 'unknown field "sedd" (did you mean "seed"?)' },
  { name: 'seed-negative.yaml', content: `${BASE}seed: -1\n`, expect: 'must be at least 0' },
  { name: 'seed-float.yaml', content: `${BASE}seed: 1.5\n`, expect: 'expected a whole number, found 1.5' },
  { name: 'seed-huge.yaml', content: `${BASE}seed: 99999999999\n`, expect: 'must be at most 4294967295' },
  // Limits, named with field, value and limit.
  { name: 'million-nodes.yaml', content: 'name: big\ncluster: {zones: [{name: zone-a, nodes: 1000000}]}\n', expect: "1,000,000 nodes is over the page's limit of 1,000 nodes" },
  { name: 'ten-thousand-nodes.yaml', content: 'name: big\ncluster: {zones: [{name: zone-a, nodes: 10000}]}\n', expect: "10,000 nodes is over the page's limit of 1,000 nodes" },
  { name: 'zones-add-up.yaml', content: 'name: big\ncluster: {zones: [{name: zone-a, nodes: 600}, {name: zone-b, nodes: 600}]}\n', expect: "1,200 nodes is over the page's limit of 1,000 nodes" },
  { name: 'replicas-10m.yaml', content: withObject(deployment('replicas: 10000000')), expect: "10,000,000 replicas is over the page's limit of 5,000 replicas" },
  { name: 'scale-10m.yaml', content: withAction('{at: 1s, do: scale, kind: Deployment, name: web, replicas: 10000000}'), expect: "10,000,000 replicas is over the page's limit of 5,000 replicas" },
  { name: 'job-parallelism.yaml', content: withObject('{apiVersion: batch/v1, kind: Job, metadata: {name: j}, spec: {parallelism: 100000, template: {spec: {restartPolicy: Never, containers: [{name: c, image: busybox}]}}}}'), expect: "100,000 replicas is over the page's limit" },
  { name: 'pods-add-up.yaml', content: `${BASE}objects:\n${Array.from({ length: 7 }, (_, i) => `  - ${deployment('replicas: 5000').replace('name: web', `name: web-${i}`)}`).join('\n')}\n`, expect: "35,000 pods is over the page's limit of 30,000 pods" },
  { name: 'duration-year.yaml', content: `${BASE}duration: 8760h\n`, expect: "31536000 s is over the page's limit of 24 h of simulated time" },
  { name: 'action-far.yaml', content: withAction('{at: 100h, do: kill-node, node: zone-a-1}'), expect: "360000 s is over the page's limit of 24 h" },
  { name: 'expect-far.yaml', content: `${BASE}expect: [{at: 48h, node: zone-a-1, exists: true}]\n`, expect: "172800 s is over the page's limit of 24 h" },
  { name: 'too-many-actions.yaml', content: `${BASE}actions:\n${'  - {at: 1s, do: cordon, node: zone-a-1}\n'.repeat(5001)}`, expect: "5,001 entries is over the page's limit of 5,000 entries" },
  { name: 'many-add-nodes.yaml', content: `${BASE}actions:\n${Array.from({ length: 1000 }, (_, i) => `  - {at: 1s, do: add-node, node: {name: n-${i}}}`).join('\n')}\n`, expect: "1,002 nodes is over the page's limit of 1,000 nodes" },
  { name: 'zone-count-negative.yaml', content: 'name: t\ncluster: {zones: [{name: zone-a, nodes: -1}]}\n', expect: 'must be at least 0, found -1' },
  { name: 'zone-count-text.yaml', content: 'name: t\ncluster: {zones: [{name: zone-a, nodes: many}]}\n', expect: 'expected a whole number, found a string ("many")' },
  // Settings, checked against upstream's bounds (and the page's 1 s floor).
  ...TOO_SMALL.map(([field, value, expect]) => ({ name: `setting-${field}-${value}.yaml`, content: withSettings(`${field}: ${value}`), expect })),
  ...KUBELET_BAD.map(([field, value, expect]) => ({ name: `kubelet-${field}-${value}.yaml`, content: withKubelet(`${field}: ${value}`), expect })),
  ...WRONG_TYPE.map(([field, value, expect]) => ({ name: `setting-type-${field}.yaml`, content: withSettings(`${field}: ${value}`), expect })),
  { name: 'critical-over-total.yaml', content: withKubelet('shutdownGracePeriod: 10s, shutdownGracePeriodCriticalPods: 20s'), expect: 'shutdownGracePeriodCriticalPods (20s) must not exceed shutdownGracePeriod (10s)' },
  { name: 'unknown-setting.yaml', content: withSettings('nodeMonitorGracePerod: 50s'), expect: 'did you mean "nodeMonitorGracePeriod"?' },
  // Names, taints and labels: the API server's validation.
  ...BAD_NAMES.map(([zone, expect]) => ({ name: `zone-name-${zone.slice(0, 12)}.yaml`, content: `name: t\ncluster: {zones: [{name: "${zone}", nodes: 1}]}\n`, expect })),
  ...BAD_NAMES.slice(1).map(([node, expect]) => ({ name: `node-name-${node.slice(0, 12)}.yaml`, content: `name: t\ncluster: {nodes: [{name: "${node}"}]}\n`, expect })),
  ...BAD_TAINTS.map(([taint, expect], i) => ({ name: `taint-${i}.yaml`, content: `name: t\ncluster: {nodes: [{name: n1, taints: [${taint}]}]}\n`, expect })),
  ...BAD_TAINTS.slice(0, 9).map(([taint, expect], i) => ({ name: `taint-action-${i}.yaml`, content: `name: t\ncluster: {nodes: [{name: n1}]}\nactions: [{at: 1s, do: taint, node: n1, taint: ${taint}}]\n`, expect })),
  ...BAD_LABELS.map(([labels, expect], i) => ({ name: `labels-${i}.yaml`, content: `name: t\ncluster: {nodes: [{name: n1, labels: ${labels}}]}\n`, expect })),
  { name: 'duplicate-taint.yaml', content: 'name: t\ncluster: {nodes: [{name: n1, taints: [{key: a, effect: NoSchedule}, {key: a, effect: NoSchedule}]}]}\n', expect: 'duplicate taint a:NoSchedule' },
  // Actions and objects.
  { name: 'unknown-action.yaml', content: withAction('{at: 1s, do: explode, node: zone-a-1}'), expect: 'expected one of "kill-node"' },
  { name: 'action-unknown-node.yaml', content: withAction('{at: 1s, do: kill-node, node: zone-z-9}'), expect: 'unknown node "zone-z-9"' },
  { name: 'action-no-at.yaml', content: withAction('{do: kill-node, node: zone-a-1}'), expect: 'missing required field "at"' },
  { name: 'action-bad-at.yaml', content: withAction('{at: soon, do: kill-node, node: zone-a-1}'), expect: 'invalid duration "soon"' },
  { name: 'scale-negative.yaml', content: withAction('{at: 1s, do: scale, kind: Deployment, name: web, replicas: -1}'), expect: 'must be at least 0, found -1' },
  { name: 'scale-float.yaml', content: withAction('{at: 1s, do: scale, kind: Deployment, name: web, replicas: 2.5}'), expect: 'expected a whole number, found 2.5' },
  { name: 'scale-text.yaml', content: withAction('{at: 1s, do: scale, kind: Deployment, name: web, replicas: "1e9"}'), expect: 'expected a whole number, found a string ("1e9")' },
  { name: 'object-no-kind.yaml', content: withObject('{apiVersion: v1, metadata: {name: x}}'), expect: 'missing required field "kind"' },
  { name: 'object-scalar.yaml', content: withObject('just-a-string'), expect: 'expected a Kubernetes manifest' },
  { name: 'object-no-name.yaml', content: withObject('{apiVersion: v1, kind: Pod, metadata: {}}'), expect: 'missing required field "name"' },
  { name: 'objects-not-list.yaml', content: `${BASE}objects: {a: 1}\n`, expect: 'expected a list, found a mapping' },
  { name: 'condition-status.yaml', content: withAction('{at: 1s, do: set-condition, node: zone-a-1, type: Ready, status: Maybe}'), expect: 'expected one of "True", "False", "Unknown"' },
];

/** The same file as UTF-16 with a byte order mark: the page and the command line both accept it. */
export const GOOD_ENCODINGS: readonly { name: string; content: Uint8Array }[] = [
  { name: 'utf8-bom.yaml', content: Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(BASE)]) },
  { name: 'utf16le-bom.yaml', content: utf16(BASE, 'le') },
  { name: 'utf16be-bom.yaml', content: utf16(BASE, 'be') },
];

/** `?…` addresses and the first message each must give. */
export const BAD_ADDRESSES: readonly [string, string][] = [
  ['?nodes=abc', '?nodes=abc is not allowed: nodes must be a whole number from 1 to 1,000'],
  ['?nodes=-1', '?nodes=-1 is not allowed'],
  ['?nodes=0', '?nodes=0 is not allowed'],
  ['?nodes=1001', '?nodes=1001 is not allowed'],
  ['?nodes=1000000', '?nodes=1000000 is not allowed'],
  ['?nodes=1e3', '?nodes=1e3 is not allowed'],
  ['?nodes=0x10', '?nodes=0x10 is not allowed'],
  ['?nodes=2.5', '?nodes=2.5 is not allowed'],
  ['?nodes=', '?nodes= is not allowed'],
  ['?nodes=10&pods=1e9', '?pods=1e9 is not allowed: pods must be a whole number from 0 to 1,100'],
  ['?nodes=10&pods=-5', '?pods=-5 is not allowed'],
  ['?nodes=10&pods=abc', '?pods=abc is not allowed'],
  ['?nodes=1000&pods=30001', '?pods=30001 is not allowed: pods must be a whole number from 0 to 30,000'],
  ['?nodes=10&zones=0', '?zones=0 is not allowed'],
  ['?nodes=10&zones=11', '?zones=11 is not allowed: zones must be a whole number from 1 to 10'],
  ['?nodes=100&zones=27', '?zones=27 is not allowed: zones must be a whole number from 1 to 26'],
];

/** Settings form values (field id → typed text) and a fragment of the message. */
export const BAD_SETTINGS: readonly [string, string, string][] = [
  ['nodeMonitorPeriod', '0x10', 'must be a decimal number, got "0x10"'],
  ['nodeMonitorPeriod', '0.0001', '--node-monitor-period 0.0001 s is too small: it must be at least 1 s'],
  ['nodeMonitorPeriod', '1e1', 'must be a decimal number'],
  ['nodeMonitorPeriod', 'Infinity', 'must be a decimal number'],
  ['nodeMonitorPeriod', '', 'is required'],
  ['nodeMonitorPeriod', '5s', 'must be a decimal number, got "5s"'],
  ['nodeMonitorGracePeriod', '0', 'is too small'],
  ['nodeMonitorGracePeriod', '-40', 'is too small'],
  ['nodeStartupGracePeriod', '0.5', 'is too small: it must be at least 1 s'],
  ['nodeEvictionRate', '-1', 'is too small: it must be at least 0'],
  ['nodeEvictionRate', '0b1', 'must be a decimal number'],
  ['secondaryNodeEvictionRate', 'NaN', 'must be a decimal number'],
  ['largeClusterSizeThreshold', '3.5', 'must be a whole number'],
  ['unhealthyZoneThreshold', '0', 'is too small: it must be more than 0'],
  ['unhealthyZoneThreshold', '2', 'is too large: it must be at most 1'],
  ['defaultNotReadyTolerationSeconds', '1.5', 'must be a whole number'],
  ['defaultUnreachableTolerationSeconds', '-300', 'is too small'],
  ['terminatedPodGCThreshold', '1,000', 'must be a decimal number'],
  ['nodeStatusUpdateFrequency', '0.0001', 'is too small: it must be at least 1 s'],
  ['nodeStatusReportFrequency', '0', 'is too small'],
  ['nodeLeaseDurationSeconds', '0', 'is too small: it must be at least 1 (the kubelet requires more than 0'],
  ['shutdownGracePeriod', '0.5', 'must be 0 or at least 1 s'],
  ['shutdownGracePeriodCriticalPods', '0.2', 'must be 0 or at least 1 s'],
  ['maxPods', '0', 'is too small: it must be at least 1'],
  ['maxPods', '100000', 'is too large: it must be at most 30000'],
];

/** Taints typed into "Add taint…": key, value, and the field and message the API server gives. */
export const BAD_TAINT_INPUTS: readonly [string, string, string][] = [
  ['bad key!!', '', 'key: Invalid value: "bad key!!": name part must consist of alphanumeric characters'],
  ['k'.repeat(400), '', 'key: Invalid value'],
  ['-leading', '', 'key: Invalid value: "-leading"'],
  ['a/b/c', '', 'key: Invalid value: "a/b/c": a qualified name must consist of'],
  ['/name', '', 'key: Invalid value: "/name": prefix part must be non-empty'],
  ['UPPER.example/x', '', 'key: Invalid value: "UPPER.example/x": prefix part a lowercase RFC 1123 subdomain'],
  ['', '', 'key: Required value'],
  ['example.com/m', 'has spaces', 'value: Invalid value: "has spaces"'],
  ['example.com/m', 'v'.repeat(64), 'value: Invalid value: "' + 'v'.repeat(64) + '": must be no more than 63 characters'],
  ['example.com/m', '-x', 'value: Invalid value: "-x"'],
];

/** Label keys and values, and names, through the API server's validation functions. */
export const BAD_LABEL_KEYS: readonly [string, string][] = [
  ['bad key', 'name part must consist of alphanumeric characters'],
  ['a/b/c', 'a qualified name must consist of'],
  ['', 'name part must be non-empty'],
  ['x/', 'name part must be non-empty'],
  ['k'.repeat(64), 'name part must be no more than 63 characters'],
];
export const BAD_LABEL_VALUES: readonly [string, string][] = [
  ['has space', 'a valid label must be an empty string or consist of'],
  ['v'.repeat(64), 'must be no more than 63 characters'],
  ['-x', 'a valid label must be'],
];
export const BAD_NODE_NAMES: readonly [string, string][] = [
  ['Upper', 'a lowercase RFC 1123 subdomain must consist of'],
  ['under_score', 'a lowercase RFC 1123 subdomain must consist of'],
  ['n'.repeat(254), 'must be no more than 253 characters'],
  ['', 'a lowercase RFC 1123 subdomain must consist of'],
];
