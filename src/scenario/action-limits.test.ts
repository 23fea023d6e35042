import { describe, expect, it } from 'vitest';
import { CLI_LIMITS, PAGE_LIMITS } from '../kube/limits';
import type { Manifest } from '../sim/api/types';
import { actionLimitProblem } from './action-limits';
import { parseScenario } from './parse';

const at = { nodeCount: 9 };
const deployment = (replicas: number): Manifest => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas } }) as Manifest;

describe('the limits on one action', () => {
  it('refuses a scale past replicasPerWorkload, naming field, value and limit', () => {
    expect(actionLimitProblem({ do: 'scale', kind: 'Deployment', name: 'web', replicas: 10_000_000 }, PAGE_LIMITS, at)).toBe(
      "replicas: 10,000,000 replicas is over the page's limit of 5,000 replicas",
    );
    expect(actionLimitProblem({ do: 'scale', kind: 'Deployment', name: 'web', replicas: 5_000 }, PAGE_LIMITS, at)).toBeUndefined();
    expect(actionLimitProblem({ do: 'scale', kind: 'Deployment', name: 'web', replicas: 10_000 }, CLI_LIMITS, at)).toBeUndefined();
  });

  it('refuses an add-node, or a Node applied, past the node limit', () => {
    const node = { do: 'add-node', node: { name: 'n' } } as const;
    expect(actionLimitProblem(node, PAGE_LIMITS, { nodeCount: 999 })).toBeUndefined();
    expect(actionLimitProblem(node, PAGE_LIMITS, { nodeCount: 1_000 })).toBe("nodes: 1,001 nodes is over the page's limit of 1,000 nodes");
    expect(actionLimitProblem({ do: 'apply', object: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' } } as Manifest }, PAGE_LIMITS, { nodeCount: 1_000 })).toMatch(/^nodes: 1,001 nodes/);
  });

  it('refuses an applied workload by its replica fields', () => {
    expect(actionLimitProblem({ do: 'apply', object: deployment(6_000) }, PAGE_LIMITS, at)).toBe("spec.replicas: 6,000 replicas is over the page's limit of 5,000 replicas");
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { completions: 100_000 } } as Manifest;
    expect(actionLimitProblem({ do: 'apply', object: job }, PAGE_LIMITS, at)).toMatch(/^spec\.completions: 100,000 replicas/);
  });

  it('reads the counts of a kubectl line: --replicas in both spellings, a patch, the manifests of -f -', () => {
    const kubectl = (line: string, stdin?: string) => actionLimitProblem(stdin === undefined ? { do: 'kubectl', line } : { do: 'kubectl', line, stdin }, PAGE_LIMITS, at);
    expect(kubectl('kubectl scale deployment/web --replicas=10000000')).toBe("--replicas: 10,000,000 replicas is over the page's limit of 5,000 replicas");
    expect(kubectl('kubectl scale deployment web --replicas 6000')).toMatch(/^--replicas: 6,000 replicas/);
    expect(kubectl('kubectl create deployment big --image=nginx --replicas=9999')).toMatch(/^--replicas: 9,999/);
    expect(kubectl(`kubectl patch deployment web -p '{"spec":{"replicas":7000}}'`)).toMatch(/^spec\.replicas: 7,000/);
    expect(kubectl('kubectl apply -f -', JSON.stringify([deployment(3), deployment(8000)]))).toMatch(/^spec\.replicas: 8,000/);
    expect(kubectl('kubectl scale deployment web --replicas=3')).toBeUndefined();
    // What the line gets wrong otherwise is kubectl's to say.
    expect(kubectl('kubectl scale deployment web --replicas=many')).toBeUndefined();
    expect(kubectl('kubectl apply -f -', '{not json')).toBeUndefined();
  });

  it('is what a scenario file\'s kubectl action is refused with', () => {
    const parsed = parseScenario('name: k\nactions:\n  - {at: 1s, do: kubectl, line: "kubectl scale deployment web --replicas=10000000"}\n');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.message).join('\n')).toContain("--replicas: 10,000,000 replicas is over the page's limit of 5,000 replicas");
  });
});
