/**
 * `npm run bench -- limits`: what the page's limits (src/kube/limits.ts) are
 * sized from. Runs the worker's own code path (SimSession: boot, snapshot,
 * one diff per step) in Node with N nodes and 30 pods per node in
 * Deployments, and prints how long the boot takes, how long until every pod
 * is Running, and how many simulated seconds pass per wall second while a
 * zone is cut off (the busiest thing a user does). A size is within the
 * page's limits when that rate stays at or above 10× real time.
 */
import type { KubeObject, Manifest, NodeConfig, SimFrame } from '../protocol/messages';
import { SimSession } from '../worker/session';

const PODS_PER_NODE = 30;
const PODS_PER_DEPLOYMENT = 100;
const STEP_MS = 10_000;

function zonedNodes(count: number): NodeConfig[] {
  return Array.from({ length: count }, (_, i) => ({ name: `zone-${'abc'[i % 3]}-${Math.floor(i / 3) + 1}`, zone: `zone-${'abc'[i % 3]}` }));
}

function deployments(podCount: number): Manifest[] {
  return Array.from({ length: Math.ceil(podCount / PODS_PER_DEPLOYMENT) }, (_, d) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `app-${d}`, namespace: 'default' },
    spec: {
      replicas: Math.min(PODS_PER_DEPLOYMENT, podCount - d * PODS_PER_DEPLOYMENT),
      selector: { matchLabels: { app: `app-${d}` } },
      template: {
        metadata: { labels: { app: `app-${d}` } },
        spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '50m', memory: '64Mi' } } }] },
      },
    },
  }));
}

/** The page's mirror of pod phases, fed by the frames the worker would post. */
class PodMirror {
  readonly phases = new Map<string, string>();
  frameBytes = 0;
  nowMs = 0;

  take(frame: SimFrame): void {
    if (frame.type === 'snapshot') {
      this.phases.clear();
      for (const pod of frame.objects.Pod ?? []) this.phases.set(key(pod), phase(pod));
      this.nowMs = frame.nowMs;
    } else if (frame.type === 'diff') {
      for (const change of frame.changes) {
        if (change.kind !== 'Pod') continue;
        if (change.object) this.phases.set(change.key, phase(change.object));
        else this.phases.delete(change.key);
      }
      this.nowMs = frame.nowMs;
    } else {
      return;
    }
    this.frameBytes = Math.max(this.frameBytes, JSON.stringify(frame).length);
  }

  running(): number {
    let n = 0;
    for (const p of this.phases.values()) if (p === 'Running') n++;
    return n;
  }
}

const key = (o: KubeObject) => `${o.metadata.namespace}/${o.metadata.name}`;
const phase = (o: KubeObject) => ((o as { status?: { phase?: string } }).status?.phase ?? '');

const row = (label: string, value: string, extra = '') => console.log(`  ${label.padEnd(58)} ${value.padStart(10)}  ${extra}`);

export function benchLimits(nodeCount: number): void {
  const podCount = nodeCount * PODS_PER_NODE;
  const mirror = new PodMirror();
  const session = new SimSession({ post: (f) => mirror.take(f), wallNowMs: () => performance.now(), setTicking: () => {} });
  console.log(`\nlimits: ${nodeCount} nodes, ${podCount} pods in Deployments of ${PODS_PER_DEPLOYMENT}, through the worker's session`);
  const bootStart = performance.now();
  session.handle({ type: 'boot', seed: 1, nodes: zonedNodes(nodeCount), objects: deployments(podCount) });
  row('boot (world built, first snapshot posted)', `${((performance.now() - bootStart) / 1000).toFixed(1)} s`, 'wall');
  const upStart = performance.now();
  while (mirror.running() < podCount && mirror.nowMs < 600_000) session.handle({ type: 'step', ms: 1_000 });
  row(`to ${mirror.running()} pods Running (sim ${mirror.nowMs / 1000} s)`, `${((performance.now() - upStart) / 1000).toFixed(1)} s`, 'wall');
  session.handle({ type: 'act', action: { do: 'partition-zone', zone: 'zone-a' } });
  const fromMs = mirror.nowMs;
  const outageStart = performance.now();
  while (mirror.nowMs < fromMs + 600_000) session.handle({ type: 'step', ms: STEP_MS });
  const wallMs = performance.now() - outageStart;
  row('zone-a cut off for 10 min, 10 s steps with diffs', `${(wallMs / 1000).toFixed(1)} s`, `${((mirror.nowMs - fromMs) / wallMs).toFixed(0)} sim-s/wall-s`);
  row('largest frame (JSON)', `${(mirror.frameBytes / 2 ** 20).toFixed(1)} MiB`);
  row('heap used', `${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);
}

/** One workload scaled far past what the default cluster fits: most pods stay Pending and the scheduler retries them. */
export function benchReplicas(replicas: number): void {
  const mirror = new PodMirror();
  const session = new SimSession({ post: (f) => mirror.take(f), wallNowMs: () => performance.now(), setTicking: () => {} });
  session.handle({ type: 'boot', seed: 1 });
  session.handle({ type: 'step', ms: 10_000 });
  console.log(`\nreplicas: Deployment web scaled to ${replicas} on the default cluster (9 nodes, 110 pods each)`);
  const start = performance.now();
  session.handle({ type: 'act', action: { do: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas } });
  const fromMs = mirror.nowMs;
  while (mirror.nowMs < fromMs + 300_000) session.handle({ type: 'step', ms: STEP_MS });
  const wallMs = performance.now() - start;
  row(`5 simulated minutes after the scale (${mirror.phases.size} pods)`, `${(wallMs / 1000).toFixed(1)} s`, `${((mirror.nowMs - fromMs) / wallMs).toFixed(0)} sim-s/wall-s`);
  row('heap used', `${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);
}
