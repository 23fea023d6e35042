/**
 * kubectl's output for every verb and kind, compared with golden files
 * (golden/*.txt). The expected text follows kubectl's printer column
 * definitions (pkg/printers/internalversion/printers.go), describe's
 * sections (kubectl/pkg/describe/describe.go) and its messages; see the
 * comments in each module for the upstream function. Regenerate with
 * UPDATE_GOLDEN=1 only after checking a change against upstream.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultNodes, defaultObjects } from '../../worker/default-cluster';
import type { Simulation } from '../simulation';
import { parseKubectl, runKubectl } from './index';
import { openKubectlStream } from './watch';
import { actKubectl, bootCluster } from './kubectl-test-world';

const DIR = join(__dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
/** 5m12s after boot: every default pod is Running. */
const AT_MS = 312_000;

interface Case {
  name: string;
  line: string;
  stdin?: string;
  /** Something to do to the world first (kill a node, …). */
  before?: (sim: Simulation) => void;
  /** Streamed: how long to run simulated time, polling every second. */
  streamMs?: number;
}

const JOB = JSON.stringify([
  { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'report', namespace: 'default' }, spec: { completions: 2, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'report', image: 'busybox:1.36' }] } } } },
]);
const NGINX = (image: string) => JSON.stringify([{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } }, spec: { replicas: 6, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image, resources: { requests: { cpu: '250m', memory: '256Mi' } } }] } } } }]);

const READS: Case[] = [
  { name: 'get-pods', line: 'kubectl get pods' },
  { name: 'get-pods-wide', line: 'kubectl get po -o wide' },
  { name: 'get-pods-all-namespaces', line: 'kubectl get pods -A' },
  { name: 'get-pods-selector', line: 'kubectl get pods -l app=web --show-labels' },
  { name: 'get-pods-field-selector', line: 'kubectl get pods -A --field-selector spec.nodeName=zone-a-1' },
  { name: 'get-pods-name', line: 'kubectl get pods -o name -l app=db' },
  { name: 'get-pods-jsonpath', line: `kubectl get pods -l app=db -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.spec.nodeName}{"\\n"}{end}'` },
  { name: 'get-pod-yaml', line: 'kubectl get pod db-0 -o yaml' },
  { name: 'get-pdb-json', line: 'kubectl get pdb web -o json' },
  { name: 'get-nodes', line: 'kubectl get nodes' },
  { name: 'get-nodes-wide', line: 'kubectl get no -o wide' },
  { name: 'get-deployments', line: 'kubectl get deploy' },
  { name: 'get-deployments-wide', line: 'kubectl get deployments.apps -o wide' },
  { name: 'get-replicasets', line: 'kubectl get rs' },
  { name: 'get-daemonsets', line: 'kubectl get ds -n kube-system' },
  { name: 'get-statefulsets', line: 'kubectl get sts -o wide' },
  { name: 'get-jobs-empty', line: 'kubectl get jobs' },
  { name: 'get-services', line: 'kubectl get svc -o wide' },
  { name: 'get-endpointslices', line: 'kubectl get endpointslices' },
  { name: 'get-pdb', line: 'kubectl get pdb' },
  { name: 'get-leases', line: 'kubectl get leases -n kube-node-lease' },
  { name: 'get-namespaces', line: 'kubectl get ns' },
  { name: 'get-priorityclasses', line: 'kubectl get pc' },
  { name: 'get-all', line: 'kubectl get all' },
  { name: 'get-several-kinds', line: 'kubectl get deploy,sts' },
  { name: 'get-events-node', line: 'kubectl get events --field-selector involvedObject.kind=Node' },
  { name: 'get-events-bad-field', line: 'kubectl get events --field-selector color=blue' },
  { name: 'get-pods-bad-field', line: 'kubectl get pods --field-selector spec.color=blue' },
  { name: 'get-empty-namespace', line: 'kubectl get pods -n kube-public' },
  { name: 'get-not-found', line: 'kubectl get pod nope' },
  { name: 'get-unknown-type', line: 'kubectl get foo' },
  { name: 'get-unknown-flag', line: 'kubectl get pods --foo' },
  { name: 'get-no-type', line: 'kubectl get' },
  { name: 'describe-node', line: 'kubectl describe node zone-a-1' },
  { name: 'describe-pod', line: 'kubectl describe pod db-0' },
  { name: 'describe-deployment', line: 'kubectl describe deployment web' },
  { name: 'describe-replicaset', line: 'kubectl describe rs -l app=api' },
  { name: 'describe-statefulset', line: 'kubectl describe sts db' },
  { name: 'describe-daemonset', line: 'kubectl describe ds log-agent -n kube-system' },
  { name: 'describe-service', line: 'kubectl describe svc web' },
  { name: 'describe-pdb', line: 'kubectl describe pdb db' },
  { name: 'describe-not-found', line: 'kubectl describe node nope' },
  { name: 'rollout-status', line: 'kubectl rollout status deployment/web --watch=false' },
  { name: 'rollout-history', line: 'kubectl rollout history deployment web' },
  { name: 'events', line: 'kubectl events --for deployment/web' },
  { name: 'events-empty', line: 'kubectl events -n kube-public' },
  { name: 'top', line: 'kubectl top nodes' },
  { name: 'version', line: 'kubectl version' },
  { name: 'cluster-info', line: 'kubectl cluster-info' },
  { name: 'api-resources', line: 'kubectl api-resources' },
  { name: 'explain', line: 'kubectl explain pods' },
  { name: 'config-view', line: 'kubectl config view' },
  { name: 'logs', line: 'kubectl logs db-0' },
  { name: 'logs-node-down', line: 'kubectl logs db-0', before: (sim) => void sim.act({ do: 'kill-node', node: sim.api.get<{ kind: string; metadata: { name: string }; spec: { nodeName: string } } & import('../api/types').KubeObject>('Pod', 'db-0', 'default')!.spec.nodeName }) },
  { name: 'logs-previous-none', line: 'kubectl logs db-0 --previous' },
  { name: 'exec', line: 'kubectl exec db-0 -- psql' },
  { name: 'unknown-command', line: 'kubectl frobnicate pods' },
];

const WRITES: Case[] = [
  { name: 'cordon', line: 'kubectl cordon zone-a-1' },
  { name: 'cordon-again', line: 'kubectl cordon zone-a-1', before: (sim) => void sim.act({ do: 'cordon', node: 'zone-a-1' }) },
  { name: 'uncordon', line: 'kubectl uncordon zone-a-1', before: (sim) => void sim.act({ do: 'cordon', node: 'zone-a-1' }) },
  { name: 'taint', line: 'kubectl taint nodes zone-b-1 dedicated=db:NoSchedule' },
  { name: 'taint-remove', line: 'kubectl taint node zone-b-1 dedicated:NoSchedule-', before: (sim) => void sim.act({ do: 'taint', node: 'zone-b-1', taint: { key: 'dedicated', value: 'db', effect: 'NoSchedule' } }) },
  { name: 'taint-bad-effect', line: 'kubectl taint nodes zone-b-1 dedicated=db:Sometimes' },
  { name: 'label', line: 'kubectl label pods db-0 tier=data' },
  { name: 'label-clash', line: 'kubectl label pods db-0 app=other' },
  { name: 'annotate', line: 'kubectl annotate deployment web owner=team-a' },
  { name: 'scale', line: 'kubectl scale deployment/web --replicas=3' },
  { name: 'scale-daemonset', line: 'kubectl scale ds log-agent -n kube-system --replicas=3' },
  { name: 'delete-pod', line: 'kubectl delete pod db-0' },
  { name: 'delete-force', line: 'kubectl delete pod db-1 --grace-period=0 --force' },
  { name: 'delete-selector', line: 'kubectl delete pods -l app=api --now' },
  { name: 'delete-not-found', line: 'kubectl delete pod nope' },
  { name: 'delete-deployment', line: 'kubectl delete deployment web' },
  { name: 'apply-create', line: 'kubectl apply -f -', stdin: JOB },
  { name: 'apply-unchanged', line: 'kubectl apply -f -', stdin: NGINX('nginx:1.27'), before: (sim) => void sim.act({ do: 'kubectl', line: 'kubectl apply -f -', stdin: NGINX('nginx:1.27') }) },
  { name: 'apply-configured', line: 'kubectl apply -f -', stdin: NGINX('nginx:1.28') },
  { name: 'apply-unknown-kind', line: 'kubectl apply -f -', stdin: JSON.stringify({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web' } }) },
  { name: 'create-namespace', line: 'kubectl create namespace team-a' },
  { name: 'create-deployment', line: 'kubectl create deployment hello --image=registry.example/hello:1.0 --replicas=2' },
  { name: 'create-exists', line: 'kubectl create namespace default' },
  { name: 'set-image', line: 'kubectl set image deployment/web nginx=nginx:1.28' },
  { name: 'set-image-bad-container', line: 'kubectl set image deployment/web httpd=httpd:2' },
  { name: 'rollout-restart', line: 'kubectl rollout restart deployment/web' },
  { name: 'rollout-pause', line: 'kubectl rollout pause deployment/web' },
  { name: 'rollout-undo-no-history', line: 'kubectl rollout undo deployment/web' },
];

const STREAMS: Case[] = [
  { name: 'drain-daemonsets', line: 'kubectl drain zone-a-1', streamMs: 5_000 },
  { name: 'drain-succeeds', line: 'kubectl drain zone-a-1 --ignore-daemonsets --delete-emptydir-data', streamMs: 60_000 },
  {
    name: 'drain-pdb-retries',
    line: 'kubectl drain zone-a-1 --ignore-daemonsets --timeout=20s',
    streamMs: 30_000,
    // web's budget tightened to maxUnavailable 0: every eviction of a web pod is refused (429).
    before: (sim) => void sim.act({ do: 'kubectl', line: 'kubectl apply -f -', stdin: JSON.stringify({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'default' }, spec: { maxUnavailable: 0, selector: { matchLabels: { app: 'web' } } } }) }),
  },
  { name: 'rollout-status-watch', line: 'kubectl rollout status deployment/web', streamMs: 30_000, before: (sim) => void sim.act({ do: 'kubectl', line: 'kubectl set image deployment/web nginx=nginx:1.28' }) },
  { name: 'get-pods-watch-node-dies', line: 'kubectl get pods -l app=db -o wide -w', streamMs: 400_000, before: (sim) => void sim.act({ do: 'kill-node', node: 'zone-c-1' }) },
];

function render(line: string, out: { stdout: string; stderr: string; exitCode: number }): string {
  return `$ ${line}\n${out.stdout}${out.stdout && !out.stdout.endsWith('\n') ? '\n' : ''}--- stderr\n${out.stderr}${out.stderr && !out.stderr.endsWith('\n') ? '\n' : ''}--- exit ${out.exitCode}\n`;
}

function check(name: string, text: string): void {
  const file = join(DIR, `${name}.txt`);
  if (UPDATE || !existsSync(file)) writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

function world(): Simulation {
  return bootCluster(defaultNodes(), defaultObjects(), AT_MS);
}

describe('kubectl golden outputs (default cluster at 5m12s)', () => {
  for (const c of READS) {
    it(c.name, () => {
      const sim = world();
      c.before?.(sim);
      const parsed = parseKubectl(c.line);
      if (parsed.ok) expect(parsed.mutating).toBe(false);
      check(c.name, render(c.line, runKubectl(sim, c.line, c.stdin)));
    });
  }
  for (const c of WRITES) {
    it(c.name, () => {
      const sim = world();
      c.before?.(sim);
      const parsed = parseKubectl(c.line);
      expect(parsed.ok && parsed.mutating).toBe(true);
      check(c.name, render(c.line, actKubectl(sim, c.line, c.stdin)));
    });
  }
  for (const c of STREAMS) {
    it(`${c.name} (streamed on simulated time)`, () => {
      const sim = world();
      c.before?.(sim);
      const parsed = parseKubectl(c.line);
      if (!parsed.ok) throw new Error('does not parse');
      if (parsed.mutating) actKubectl(sim, c.line, c.stdin);
      const stream = openKubectlStream(parsed, c.stdin);
      const lines: string[] = [];
      let done = false;
      for (let t = sim.nowMs; t <= AT_MS + c.streamMs! && !done; t += 1000) {
        sim.runUntil(t);
        const polled = stream.poll(sim);
        for (const chunk of polled.chunks) lines.push(`[${chunk.stream === 'stderr' ? 'err' : 'out'} +${(sim.nowMs - AT_MS) / 1000}s] ${chunk.text}`);
        done = polled.done;
      }
      check(c.name, `$ ${c.line}\n${lines.join('\n')}\n--- ${done ? 'done' : 'still running'}\n`);
    });
  }
});
