/**
 * `npm run bench`: how fast the engine simulates, and how much memory it
 * needs, on clusters of 100, 1,000 and 5,000 nodes with 30 bound pods each.
 * Each size runs in its own process so heap figures do not mix.
 *
 *   npm run bench                 all sizes
 *   npm run bench -- --nodes 1000 one size
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Simulation } from '../sim/simulation';
import type { NodeConfig } from '../sim/actions';

const SIZES = [100, 1_000, 5_000];
const PODS_PER_NODE = 30;
const HOUR_MS = 3_600_000;

interface Phase {
  name: string;
  simMs: number;
  wallMs: number;
}

function buildCluster(nodeCount: number): Simulation {
  const nodes: NodeConfig[] = Array.from({ length: nodeCount }, (_, i) => ({
    name: `zone-${'abc'[i % 3]}-${Math.floor(i / 3) + 1}`,
    zone: `zone-${'abc'[i % 3]}`,
  }));
  const sim = new Simulation({ seed: 1, nodes });
  for (const node of nodes) {
    for (let j = 0; j < PODS_PER_NODE; j++) {
      sim.schedule(0, {
        do: 'apply',
        object: {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: `${node.name}-pod-${j}`, labels: { app: `app-${j % 10}` } },
          spec: {
            nodeName: node.name,
            containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '128Mi' } } }],
          },
        },
      });
    }
  }
  return sim;
}

function runOne(nodeCount: number): void {
  let peakHeap = 0;
  const sampleHeap = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));
  const phases: Phase[] = [];
  const timed = (name: string, untilMs: number, sim: Simulation) => {
    const fromMs = sim.nowMs;
    const start = performance.now();
    for (let t = fromMs + 60_000; t < untilMs; t += 60_000) {
      sim.runUntil(t);
      sampleHeap();
    }
    sim.runUntil(untilMs);
    sampleHeap();
    phases.push({ name, simMs: untilMs - fromMs, wallMs: performance.now() - start });
  };

  const buildStart = performance.now();
  const sim = buildCluster(nodeCount);
  const buildMs = performance.now() - buildStart;
  timed('start: register nodes, create and start pods (first 10 s)', 10_000, sim);
  timed('steady state (to 10 min)', 600_000, sim);
  sim.schedule(600_000, { do: 'partition-zone', zone: 'zone-a' });
  sim.schedule(2_400_000, { do: 'heal-zone', zone: 'zone-a' });
  timed('zone-a partitioned: Unknown, taints, evictions (10 → 40 min)', 2_400_000, sim);
  timed('healed, settling (40 → 60 min)', HOUR_MS, sim);

  const total = phases.reduce((sum, p) => sum + p.wallMs, 0);
  const pods = sim.api.count('Pod');
  console.log(`\n${nodeCount} nodes, ${nodeCount * PODS_PER_NODE} pods (${pods} at the end), 1 simulated hour`);
  console.log(`  build (objects queued)           ${buildMs.toFixed(0).padStart(8)} ms`);
  for (const p of phases) {
    const rate = p.simMs / 1000 / (p.wallMs / 1000);
    console.log(`  ${p.name.padEnd(62)} ${p.wallMs.toFixed(0).padStart(8)} ms  ${rate.toFixed(0).padStart(7)} sim-s/wall-s`);
  }
  console.log(`  total                                                          ${total.toFixed(0).padStart(8)} ms  ${(HOUR_MS / total).toFixed(0).padStart(7)} sim-s/wall-s`);
  console.log(`  peak heap used                                                 ${(peakHeap / 2 ** 20).toFixed(0).padStart(8)} MiB`);
}

function main(): void {
  const args = process.argv.slice(2);
  const index = args.indexOf('--nodes');
  if (index >= 0) {
    runOne(Number(args[index + 1]));
    return;
  }
  console.log(`Engine benchmark (Node ${process.version}); ${PODS_PER_NODE} bound pods per node, 3 zones.`);
  const self = fileURLToPath(import.meta.url);
  for (const size of SIZES) {
    const result = spawnSync(process.execPath, [...process.execArgv, self, '--nodes', String(size)], {
      stdio: 'inherit',
      env: process.env,
    });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}

main();
