import { describe, expect, it } from 'vitest';
import { emptyPods, hintFor, podsByController, type HintContext } from './hints';

const ctx = (pods: Partial<ReturnType<typeof emptyPods>> = {}, over: Partial<HintContext> = {}): HintContext => ({
  pods: { ...emptyPods(), ...pods },
  graceMs: 50_000,
  tolerationSeconds: 300,
  shutdownGraceMs: 0,
  ...over,
});

describe('hintFor', () => {
  it('after a kill, says the node is off and what becomes of each kind of pod', () => {
    const text = hintFor({ do: 'kill-node', node: 'zone-a-1' }, ctx({ replicaSet: ['web-1'], statefulSet: ['db-0'], daemonSet: ['log-agent-x'] }));
    expect(text).toMatch(/^zone-a-1 is off\. After 50s without a heartbeat Ready turns Unknown/);
    // Upstream: a ReplicaSet counts a terminating pod as gone and creates a replacement at once.
    expect(text).toContain('300 s later web-1 (ReplicaSet) is evicted and replaced on other nodes at once');
    // Upstream: the StatefulSet controller recreates db-0 only once the old object is gone, which a dead kubelet never confirms.
    expect(text).toContain('db-0 (StatefulSet) is evicted but not replaced');
    // The DaemonSet's pods tolerate unreachable:NoExecute with no tolerationSeconds.
    expect(text).toContain('log-agent-x (DaemonSet) tolerates the taint and stays');
  });

  it('promises no replacement when no controller would make one', () => {
    const text = hintFor({ do: 'kill-node', node: 'n' }, ctx({ statefulSet: ['db-1'], bare: ['p'] }));
    expect(text).not.toContain('replaced on other nodes');
    expect(text).toContain('p (no controller) is evicted and nothing recreates it');
  });

  it('follows the settings in force', () => {
    const text = hintFor({ do: 'partition-node', node: 'n' }, ctx({ replicaSet: ['a', 'b', 'c'] }, { graceMs: 20_000, tolerationSeconds: 60 }));
    expect(text).toContain('After 20s without a heartbeat');
    expect(text).toContain('60 s later 3 pods (ReplicaSet) are evicted');
    expect(text).toContain('still runs its pods');
  });

  it('a default shutdown (shutdownGracePeriod 0) reads as abrupt as a kill', () => {
    expect(hintFor({ do: 'shutdown-node', node: 'n' }, ctx())).toContain('as abruptly as a kill');
    expect(hintFor({ do: 'shutdown-node', node: 'n' }, ctx({}, { shutdownGraceMs: 30_000 }))).toContain('within 30s (shutdownGracePeriod)');
  });

  it('differs per action kind and per taint effect', () => {
    const texts = new Set([
      hintFor({ do: 'cordon', node: 'n' }, ctx()),
      hintFor({ do: 'uncordon', node: 'n' }, ctx()),
      hintFor({ do: 'drain', node: 'n' }, ctx({ statefulSet: ['db-0'] })),
      hintFor({ do: 'taint', node: 'n', taint: { key: 'k', effect: 'NoExecute' } }, ctx()),
      hintFor({ do: 'taint', node: 'n', taint: { key: 'k', effect: 'NoSchedule' } }, ctx()),
      hintFor({ do: 'start-node', node: 'n' }, ctx()),
    ]);
    expect(texts.size).toBe(6);
    expect(hintFor({ do: 'drain', node: 'n' }, ctx({ statefulSet: ['db-0'] }))).toContain('db-0 (StatefulSet) comes back under the same name on another node');
  });
});

describe('podsByController', () => {
  it('sorts pods by the kind of their controller reference', () => {
    const pods = podsByController([
      { name: 'web-1', controllerKind: 'ReplicaSet' },
      { name: 'db-0', controllerKind: 'StatefulSet' },
      { name: 'agent', controllerKind: 'DaemonSet' },
      { name: 'batch', controllerKind: 'Job' },
      { name: 'lone', controllerKind: undefined },
    ]);
    expect(pods).toEqual({ replicaSet: ['web-1'], statefulSet: ['db-0'], daemonSet: ['agent'], job: ['batch'], bare: ['lone'] });
  });
});
