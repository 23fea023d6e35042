/**
 * `kubectl get pods -A` (and -o wide, describe node) against a cluster of
 * `nodeCount` nodes with 30 pods each, Running: the console's answer time.
 * Target: under 200 ms for 100 nodes / 3,000 pods.
 */
import { runKubectl, Simulation, type NodeConfig } from '../sim';

function nodes(count: number): NodeConfig[] {
  return Array.from({ length: count }, (_, i) => ({ name: `node-${i}`, zone: `zone-${String.fromCharCode(97 + (i % 3))}` }));
}

const row = (label: string, value: string) => console.log(`  ${label.padEnd(58)} ${value.padStart(10)}`);

function timed(sim: Simulation, line: string, runs = 5): { ms: number; lines: number } {
  let best = Infinity;
  let lines = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const out = runKubectl(sim, line);
    best = Math.min(best, performance.now() - start);
    lines = out.stdout.split('\n').length;
  }
  return { ms: best, lines };
}

export function benchKubectl(nodeCount: number): void {
  const podCount = nodeCount * 30;
  const sim = new Simulation({ seed: 1, nodes: nodes(nodeCount) });
  const deployments = Math.max(1, nodeCount / 10);
  for (let d = 0; d < deployments; d++) {
    sim.api.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `app-${d}` },
      spec: {
        replicas: podCount / deployments,
        selector: { matchLabels: { app: `app-${d}` } },
        template: { metadata: { labels: { app: `app-${d}` } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '50m', memory: '64Mi' } } }] } },
      },
    });
  }
  sim.runUntil(120_000);
  console.log(`\nkubectl: ${nodeCount} nodes, ${sim.api.count('Pod')} pods (best of 5)`);
  for (const line of ['kubectl get pods -A', 'kubectl get pods -A -o wide', 'kubectl get nodes', 'kubectl describe node node-0', 'kubectl get pods -A -o name']) {
    const { ms, lines } = timed(sim, line);
    row(`${line} (${lines} lines)`, `${ms.toFixed(1)} ms`);
  }
}
