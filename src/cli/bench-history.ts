/**
 * `npm run bench -- history`: the time machine over one simulated hour with
 * faults, recorded as user inputs: checkpoint memory, and seek latency to
 * random times (restore the newest checkpoint at or before, replay to it).
 */
import type { NodeConfig, SimAction } from '../sim/actions';
import type { Manifest } from '../sim/api/types';
import { History } from '../sim/history/history';
import { Simulation } from '../sim/simulation';
import { Rng } from '../sim/core/rng';
import { defaultNodes, defaultObjects } from '../worker/default-cluster';

const HOUR_MS = 3_600_000;
const SEEKS = 60;

function bigCluster(nodeCount: number, podCount: number): { nodes: NodeConfig[]; objects: Manifest[] } {
  const nodes = Array.from({ length: nodeCount }, (_, i) => ({ name: `zone-${'abc'[i % 3]}-${Math.floor(i / 3) + 1}`, zone: `zone-${'abc'[i % 3]}` }));
  const deployments = 10;
  const objects = Array.from({ length: deployments }, (_, d) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `app-${d}`, namespace: 'default' },
    spec: {
      replicas: podCount / deployments,
      selector: { matchLabels: { app: `app-${d}` } },
      template: {
        metadata: { labels: { app: `app-${d}` } },
        spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '50m', memory: '64Mi' } } }] },
      },
    },
  }));
  return { nodes, objects };
}

/** A node killed and restarted, a zone cut off and healed, a node drained: the hour's user inputs. */
const FAULTS: [number, SimAction][] = [
  [5 * 60_000, { do: 'kill-node', node: 'zone-a-1' }],
  [15 * 60_000, { do: 'start-node', node: 'zone-a-1' }],
  [20 * 60_000, { do: 'partition-zone', zone: 'zone-b' }],
  [35 * 60_000, { do: 'heal-zone', zone: 'zone-b' }],
  [40 * 60_000, { do: 'drain', node: 'zone-c-1' }],
  [50 * 60_000, { do: 'uncordon', node: 'zone-c-1' }],
];

const row = (label: string, value: string, extra = '') => console.log(`  ${label.padEnd(58)} ${value.padStart(10)}  ${extra}`);
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

export function benchHistory(nodeCount: number): void {
  const cluster = nodeCount === 9 ? { nodes: defaultNodes(), objects: defaultObjects() } : bigCluster(nodeCount, nodeCount * 30);
  const sim = new Simulation({ seed: 1, nodes: cluster.nodes });
  for (const object of cluster.objects) sim.schedule(0, { do: 'apply', object });
  sim.runUntil(0);
  const pods = nodeCount === 9 ? 21 : nodeCount * 30;
  console.log(`\nhistory: ${nodeCount === 9 ? 'the default cluster' : `${nodeCount} nodes`} (${pods} pods), one simulated hour with ${FAULTS.length} user faults`);

  const start = performance.now();
  const history = new History(sim);
  for (const [clockMs, action] of FAULTS) {
    history.runUntil(clockMs);
    history.runUntil(history.act(action).atMs);
  }
  history.runUntil(HOUR_MS);
  const liveMs = performance.now() - start;
  const lastBytes = history.sim.snapshotJson().length;
  row('live run, checkpointing as it goes', `${(liveMs / 1000).toFixed(1)} s`, 'wall');
  row(`checkpoint memory per simulated hour (${history.checkpointCount} kept)`, mib(history.checkpointBytes), `one snapshot at 1 h: ${mib(lastBytes)}`);
  const times = history.checkpointTimes();
  const gaps = times.slice(1).map((t, i) => t - times[i]!);
  row('checkpoint spacing: newest / oldest gap', `${(gaps.at(-1)! / 1000).toFixed(0)} s`, `/ ${(Math.max(...gaps) / 1000).toFixed(0)} s`);

  const rng = Rng.fromSeed(nodeCount).fork('seeks');
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < SEEKS; i++) {
    const t = rng.int(HOUR_MS + 1);
    const begin = performance.now();
    const cpuBegin = process.cpuUsage();
    history.seek(t);
    const used = process.cpuUsage(cpuBegin);
    wall.push(performance.now() - begin);
    cpu.push((used.user + used.system) / 1000);
  }
  const report = (label: string, list: number[]) => {
    list.sort((a, b) => a - b);
    row(`seek to ${SEEKS} random times, ${label}: median`, `${percentile(list, 0.5).toFixed(0)} ms`, `p95 ${percentile(list, 0.95).toFixed(0)} ms, max ${list.at(-1)!.toFixed(0)} ms`);
  };
  report('wall', wall);
  // On a shared machine wall time includes waiting for a core; the process's CPU time does not.
  report('CPU', cpu);
}
