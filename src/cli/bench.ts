/**
 * `npm run bench`: how fast the engine simulates and how much memory it needs.
 * Every measurement runs in its own process so heap figures do not mix.
 *
 *   npm run bench                          everything
 *   npm run bench -- engine --nodes 1000   one part, one size
 *
 * Parts:
 *   engine     N nodes × 30 bound pods, one simulated hour with zone-a cut off from 10 to 40 min
 *   scheduler  pods bound per second at N nodes
 *   workloads  5,000 nodes, 150,000 pods in Deployments: from nothing to all Running, then a zone outage
 *   probes     the same with a liveness and a readiness probe on every container (target: within 20 % of workloads)
 *   limits     through the worker's session (frames included): boot, all Running, a zone outage (sizes the page's limits)
 *   replicas   one Deployment scaled to N on the default cluster, most pods Pending
 *   history    the time machine: checkpoint memory per simulated hour, seek latency (9 = the default cluster)
 *   kubectl    the console: kubectl get pods -A and others on N nodes × 30 Running pods (target < 200 ms at 100 nodes)
 *   seek       seeking through the worker's session (history, snapshot frame, timeline), CPU per seek
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Simulation, type NodeConfig, type Pod } from '../sim';
import { benchLimits, benchReplicas } from './bench-limits';
import { benchScheduling } from './bench-scheduling';
import { benchHistory } from './bench-history';
import { benchKubectl } from './bench-kubectl';
import { benchSeekSession } from './bench-seek-session';

const HOUR_MS = 3_600_000;
const PODS_PER_NODE = 30;

function zonedNodes(count: number): NodeConfig[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `zone-${'abc'[i % 3]}-${Math.floor(i / 3) + 1}`,
    zone: `zone-${'abc'[i % 3]}`,
  }));
}

class HeapPeak {
  peak = 0;
  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage().heapUsed);
  }
  get mib(): string {
    return `${(this.peak / 2 ** 20).toFixed(0)} MiB`;
  }
}

const row = (label: string, value: string, extra = '') => console.log(`  ${label.padEnd(58)} ${value.padStart(10)}  ${extra}`);

/** Runs to `untilMs` in one-minute slices (sampling the heap); returns wall ms. */
function timedRun(sim: Simulation, untilMs: number, heap: HeapPeak): number {
  const start = performance.now();
  for (let t = sim.nowMs + 60_000; t < untilMs; t += 60_000) {
    sim.runUntil(t);
    heap.sample();
  }
  sim.runUntil(untilMs);
  heap.sample();
  return performance.now() - start;
}

function rate(simMs: number, wallMs: number): string {
  return `${(simMs / wallMs).toFixed(0)} sim-s/wall-s`;
}

function benchEngine(nodeCount: number): void {
  const heap = new HeapPeak();
  const sim = new Simulation({ seed: 1, nodes: zonedNodes(nodeCount) });
  for (const node of zonedNodes(nodeCount)) {
    for (let j = 0; j < PODS_PER_NODE; j++) {
      sim.api.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `${node.name}-pod-${j}`, labels: { app: `app-${j % 10}` } },
        spec: {
          nodeName: node.name,
          containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '128Mi' } } }],
        },
      });
    }
  }
  sim.schedule(600_000, { do: 'partition-zone', zone: 'zone-a' });
  sim.schedule(2_400_000, { do: 'heal-zone', zone: 'zone-a' });
  console.log(`\nengine: ${nodeCount} nodes, ${nodeCount * PODS_PER_NODE} bound pods, one simulated hour`);
  const phases: [string, number][] = [
    ['start: pods start on their nodes (0 → 10 s)', 10_000],
    ['steady state (10 s → 10 min)', 600_000],
    ['zone-a cut off: Unknown, taints, evictions (10 → 40 min)', 2_400_000],
    ['healed, settling (40 → 60 min)', HOUR_MS],
  ];
  let total = 0;
  for (const [label, untilMs] of phases) {
    const fromMs = sim.nowMs;
    const wallMs = timedRun(sim, untilMs, heap);
    total += wallMs;
    row(label, `${wallMs.toFixed(0)} ms`, rate(untilMs - fromMs, wallMs));
  }
  row('whole hour', `${total.toFixed(0)} ms`, rate(HOUR_MS, total));
  row('peak heap used', heap.mib);
}

function benchScheduler(nodeCount: number): void {
  const pods = nodeCount >= 5_000 ? 20_000 : Math.min(nodeCount * 30, 20_000);
  const result = benchScheduling(nodeCount, pods);
  const loaded = nodeCount >= 5_000 ? benchScheduling(nodeCount, 10_000, { preloadedPodsPerNode: 30 }) : undefined;
  console.log(`\nscheduler: ${nodeCount} nodes`);
  row(`${result.bound} pods on an empty cluster`, `${result.podsPerSecond.toFixed(0)} pods/s`, `(${result.wallMs.toFixed(0)} ms)`);
  if (loaded) row(`${loaded.bound} pods with ${loaded.preloadedPods} already bound`, `${loaded.podsPerSecond.toFixed(0)} pods/s`, `(${loaded.wallMs.toFixed(0)} ms)`);
  row('peak heap used', `${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);
}

/** Upstream-shaped probes for every container of the workloads benchmark (defaults: period 10 s, threshold 3). */
const PROBES = {
  livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
  readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5 },
};

function benchWorkloads(nodeCount: number, probes = false): void {
  const heap = new HeapPeak();
  const podCount = nodeCount * PODS_PER_NODE;
  const deployments = Math.max(1, nodeCount / 10);
  const start = performance.now();
  const sim = new Simulation({ seed: 1, nodes: zonedNodes(nodeCount) });
  for (let d = 0; d < deployments; d++) {
    sim.api.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `app-${d}` },
      spec: {
        replicas: podCount / deployments,
        selector: { matchLabels: { app: `app-${d}` } },
        template: {
          metadata: { labels: { app: `app-${d}` } },
          spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '50m', memory: '64Mi' } }, ...(probes && PROBES) }] },
        },
      },
    });
  }
  let running = 0;
  while (running < podCount && sim.nowMs < 600_000) {
    sim.runUntil(sim.nowMs + 1_000);
    heap.sample();
    running = 0;
    for (const pod of sim.api.list<Pod>('Pod')) if (pod.status.phase === 'Running') running++;
  }
  const upMs = performance.now() - start;
  console.log(`\nworkloads${probes ? ' with a liveness and a readiness probe on every container' : ''}: ${nodeCount} nodes, ${deployments} Deployments, ${podCount} pods`);
  row(`from nothing to ${running} pods Running (sim ${sim.nowMs / 1000} s)`, `${(upMs / 1000).toFixed(1)} s`, 'wall');
  const outageStart = sim.nowMs + 60_000;
  sim.schedule(outageStart, { do: 'partition-zone', zone: 'zone-a' });
  const outageWallMs = timedRun(sim, outageStart + 1_800_000, heap);
  row('zone-a cut off for 30 min: taints, evictions, replacements', `${(outageWallMs / 1000).toFixed(1)} s`, rate(1_860_000, outageWallMs));
  row('peak heap used', heap.mib);
}

const PARTS: Record<string, { sizes: number[]; run: (nodes: number) => void }> = {
  engine: { sizes: [100, 1_000, 5_000], run: benchEngine },
  scheduler: { sizes: [100, 1_000, 5_000], run: benchScheduler },
  workloads: { sizes: [5_000], run: (nodes) => benchWorkloads(nodes) },
  probes: { sizes: [5_000], run: (nodes) => benchWorkloads(nodes, true) },
  limits: { sizes: [500, 1_000, 2_000], run: benchLimits },
  replicas: { sizes: [1_000, 5_000, 20_000], run: benchReplicas },
  history: { sizes: [9, 100], run: benchHistory },
  kubectl: { sizes: [100, 1_000], run: benchKubectl },
  seek: { sizes: [9, 100], run: benchSeekSession },
};

function main(): void {
  const [part, ...rest] = process.argv.slice(2);
  const nodesIndex = rest.indexOf('--nodes');
  if (part && nodesIndex >= 0) {
    const entry = PARTS[part];
    if (!entry) throw new Error(`unknown part "${part}" (parts: ${Object.keys(PARTS).join(', ')})`);
    entry.run(Number(rest[nodesIndex + 1]));
    return;
  }
  if (part && !PARTS[part]) {
    console.error(`unknown part "${part}"; parts: ${Object.keys(PARTS).join(', ')}`);
    process.exit(2);
  }
  console.log(`Kube Playground benchmark (Node ${process.version}, ${new Date().toISOString().slice(0, 10)})`);
  const self = fileURLToPath(import.meta.url);
  for (const [name, entry] of Object.entries(PARTS)) {
    if (part && part !== name) continue;
    for (const size of entry.sizes) {
      const result = spawnSync(process.execPath, [...process.execArgv, '--max-old-space-size=8192', self, name, '--nodes', String(size)], { stdio: 'inherit' });
      if (result.status !== 0) process.exit(result.status ?? 1);
    }
  }
}

main();
