/** Kubelet admission through the engine: the owner of a rejected pod replaces it (upstream: pods rejected by the kubelet are Failed, and ReplicaSets count only active pods). */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { Simulation } from '../simulation';

describe('kubelet admission', () => {
  it('rejects a pod that does not fit; a ReplicaSet does not count it and runs its replica where it fits', () => {
    const sim = new Simulation({ nodes: [{ name: 'small', zone: 'z', capacity: { cpu: '1' } }, { name: 'large', zone: 'z', capacity: { cpu: '8' } }] });
    // A pod bound by hand to the small node, as a stale binding would.
    sim.schedule(0, {
      do: 'apply',
      object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', labels: { app: 'web' } }, spec: { nodeName: 'small', containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '2' } } }] } },
    });
    sim.runUntil(1_000);
    expect(sim.api.get<Pod>('Pod', 'stray', 'default')!.status).toMatchObject({ phase: 'Failed', reason: 'OutOfcpu' });
    sim.act({
      do: 'apply',
      object: {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: 'web' },
        spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '2' } } }] } } },
      },
    });
    sim.runUntil(10_000);
    const running = [...sim.api.list<Pod>('Pod')].filter((p) => p.metadata.labels?.app === 'web' && p.status.phase === 'Running');
    expect(running.map((p) => p.spec.nodeName)).toEqual(['large']);
  });
});
