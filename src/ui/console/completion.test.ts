import { describe, expect, it } from 'vitest';
import { complete, type NameLookup } from './completion';

const names: NameLookup = (kind, namespace) =>
  ({ Pod: namespace === 'kube-system' ? ['log-agent-abc'] : ['db-0', 'db-1', 'web-1'], Node: ['zone-a-1', 'zone-a-2', 'zone-b-1'], Namespace: ['default', 'kube-system'], Deployment: ['web', 'api'] })[kind] ?? [];

describe('console completion', () => {
  it('completes kubectl, verbs, subcommands', () => {
    expect(complete('kub', names).line).toBe('kubectl ');
    expect(complete('kubectl dr', names).line).toBe('kubectl drain ');
    expect(complete('kubectl de', names).candidates).toEqual(['delete', 'describe']);
    expect(complete('kubectl rollout st', names).line).toBe('kubectl rollout status ');
  });
  it('completes resource types and names', () => {
    expect(complete('kubectl get po', names).candidates).toEqual(['po', 'pod', 'poddisruptionbudget', 'poddisruptionbudgets', 'pods']);
    expect(complete('kubectl get pods d', names).line).toBe('kubectl get pods db-');
    expect(complete('kubectl describe deploy/w', names).line).toBe('kubectl describe deploy/web ');
    expect(complete('kubectl drain zone-b', names).line).toBe('kubectl drain zone-b-1 ');
    expect(complete('kubectl logs -n kube-system l', names).line).toBe('kubectl logs -n kube-system log-agent-abc ');
    expect(complete('kubectl get pods -n kube-s', names).line).toBe('kubectl get pods -n kube-system ');
  });
  it('completes flags of the verb', () => {
    expect(complete('kubectl drain zone-a-1 --ig', names).line).toBe('kubectl drain zone-a-1 --ignore-daemonsets ');
    expect(complete('kubectl get pods -o y', names).line).toBe('kubectl get pods -o yaml ');
  });
  it('leaves a line with nothing to complete as it is', () => {
    expect(complete('kubectl get pods zz', names)).toEqual({ line: 'kubectl get pods zz', candidates: [] });
  });
});
