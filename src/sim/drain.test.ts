import { describe, expect, it } from 'vitest';
import type { Node } from './api/types';
import { ApiError } from './apiserver/errors';
import { DisruptionController } from './controllers/disruption';
import { addNode, addPdb, addPod, addWorkload, PodReaper } from './controllers/disruption-test-helpers';
import { TestWorld } from './controllers/test-world';
import { Drainer, type DrainerState } from './drain';

const WEB = { app: 'web' };

/** n1 with three pods of a 3-replica ReplicaSet, n2 empty; disruption controller, drain and a pod reaper (30 s grace). */
function setup() {
  const world = new TestWorld();
  const drainer = new Drainer(world.ctx);
  world.components = [drainer, new DisruptionController(world.ctx), new PodReaper(world.ctx)];
  world.at(0, () => {
    addNode(world, 'n1');
    addNode(world, 'n2');
    const rs = addWorkload(world, 'ReplicaSet', 'web', WEB, { replicas: 3 });
    for (const name of ['a', 'b', 'c']) addPod(world, name, { node: 'n1', labels: WEB, owner: rs });
  });
  return { world, drainer };
}

function nodeEvents(world: TestWorld): string[] {
  return world.api.events
    .all()
    .filter((e) => e.source === 'kubectl-drain')
    .map((e) => `${e.reason}: ${e.message}`);
}

function terminating(world: TestWorld): string[] {
  return ['a', 'b', 'c'].filter((name) => world.pod(name)?.metadata.deletionTimestamp);
}

describe('Drainer', () => {
  it('is blocked by a PDB (maxUnavailable 1): one eviction, then 429s every 5 s; deleting the PDB lets it finish', () => {
    const { world, drainer } = setup();
    world.at(0, () => addPdb(world, 'web', { maxUnavailable: 1, selector: { matchLabels: WEB } }));
    const maxTerminating: number[] = [];
    world.api.watch('Pod', () => maxTerminating.push(terminating(world).length));

    world.at(10_000, () => drainer.startDrain('n1'));
    expect(world.api.get<Node>('Node', 'n1')!.spec.unschedulable).toBe(true);
    expect(terminating(world)).toEqual(['a']);
    // Refused in the same instant as a's eviction, the status still counts a as healthy.
    const stale = 'The disruption budget web needs 2 healthy pods and has 3 currently';
    const blocked = 'The disruption budget web needs 2 healthy pods and has 2 currently';
    expect(drainer.drains()).toEqual([
      { node: 'n1', state: 'running', pending: ['default/a', 'default/b', 'default/c'], blocked: [{ pod: 'default/b', reason: stale }, { pod: 'default/c', reason: stale }] },
    ]);

    // a is gone at 40 s (30 s grace); the budget still needs 2 healthy pods of 3 expected.
    world.runUntil(99_999);
    expect(world.pod('a')).toBeUndefined();
    expect(terminating(world)).toEqual([]);
    expect(drainer.drains()[0]).toMatchObject({ state: 'running', pending: ['default/b', 'default/c'] });
    expect(drainer.drains()[0]!.blocked).toEqual([{ pod: 'default/b', reason: blocked }, { pod: 'default/c', reason: blocked }]);
    const retries = world.api.events.all().find((e) => e.reason === 'EvictionRetry' && e.message === `Cannot evict pod default/b: ${blocked}; will retry in 5s`)!;
    // Retries at 15, 20, …, 95 s.
    expect(retries.count).toBe(17);
    expect(Math.max(...maxTerminating)).toBe(1);

    world.at(100_000, () => world.api.delete('PodDisruptionBudget', 'web', 'default'));
    world.runUntil(105_000);
    expect(terminating(world)).toEqual(['b', 'c']);
    world.runUntil(135_999);
    expect(drainer.drains()[0]!.state).toBe('done');
    expect(drainer.drains()[0]!.message).toBe('node/n1 drained');
    expect(nodeEvents(world)).toEqual([
      'DrainStarted: Drain started',
      'Evicted: Evicted pod default/a',
      `EvictionRetry: Cannot evict pod default/b: ${stale}; will retry in 5s`,
      `EvictionRetry: Cannot evict pod default/c: ${stale}; will retry in 5s`,
      `EvictionRetry: Cannot evict pod default/b: ${blocked}; will retry in 5s`,
      `EvictionRetry: Cannot evict pod default/c: ${blocked}; will retry in 5s`,
      'Evicted: Evicted pod default/b',
      'Evicted: Evicted pod default/c',
      'DrainFinished: Drain finished',
    ]);
  });

  it('without a PDB evicts everything at once and finishes when the pods are gone', () => {
    const { world, drainer } = setup();
    world.at(1000, () => drainer.startDrain('n1'));
    expect(terminating(world)).toEqual(['a', 'b', 'c']);
    world.runUntil(31_000);
    // Pods go at 31 s; kubectl polls once a second from 1 s, so it notices within that instant or the next.
    world.runUntil(32_000);
    expect(drainer.drains()[0]).toEqual({ node: 'n1', state: 'done', pending: [], blocked: [], message: 'node/n1 drained' });
  });

  it('refuses pods that declare no controller: fails at once, node stays cordoned, nothing evicted', () => {
    const { world, drainer } = setup();
    world.at(1000, () => {
      addPod(world, 'x', { node: 'n1', labels: WEB });
      addPod(world, 'y', { node: 'n1' });
    });
    world.at(2000, () => drainer.startDrain('n1'));
    const message = 'unable to drain node "n1" due to error: cannot delete Pods that declare no controller (use --force to override): default/x, default/y';
    expect(drainer.drains()).toEqual([{ node: 'n1', state: 'failed', pending: [], blocked: [], message }]);
    expect(world.api.get<Node>('Node', 'n1')!.spec.unschedulable).toBe(true);
    expect(terminating(world)).toEqual([]);
    expect(world.pod('x')!.metadata.deletionTimestamp).toBeUndefined();
    expect(nodeEvents(world)).toEqual(['DrainStarted: Drain started', `DrainFailed: Drain failed: ${message}`]);
  });

  it('leaves DaemonSet pods (--ignore-daemonsets) and mirror pods; deletes terminal bare pods and emptyDir pods', () => {
    const { world, drainer } = setup();
    world.at(1000, () => {
      const ds = addWorkload(world, 'DaemonSet', 'agent', { app: 'agent' });
      addPod(world, 'agent-n1', { node: 'n1', labels: { app: 'agent' }, owner: ds });
      addPod(world, 'static', { node: 'n1', annotations: { 'kubernetes.io/config.mirror': 'abc' } });
      addPod(world, 'finished', { node: 'n1', phase: 'Succeeded', ready: false });
      const rs = addWorkload(world, 'ReplicaSet', 'cache', { app: 'cache' }, { replicas: 1 });
      addPod(world, 'cache', { node: 'n1', labels: { app: 'cache' }, owner: rs, spec: { volumes: [{ name: 'tmp', emptyDir: {} }] } });
    });
    world.at(2000, () => drainer.startDrain('n1'));
    expect(world.pod('finished')).toBeUndefined();
    expect(world.pod('cache')!.metadata.deletionTimestamp).toBeDefined();
    world.runUntil(40_000);
    expect(drainer.drains()[0]!.state).toBe('done');
    expect(world.pod('agent-n1')!.metadata.deletionTimestamp).toBeUndefined();
    expect(world.pod('static')!.metadata.deletionTimestamp).toBeUndefined();
    expect(nodeEvents(world)).toContain('DrainWarning: ignoring DaemonSet-managed Pods: default/agent-n1');
  });

  it('fails a pod whose eviction the API rejects outright (two PDBs), after the others are gone', () => {
    const { world, drainer } = setup();
    world.at(1000, () => {
      addPdb(world, 'one', { minAvailable: 0, selector: { matchLabels: { app: 'web' } } });
      addPdb(world, 'two', { minAvailable: 0, selector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] } });
      addPod(world, 'solo', { node: 'n1', owner: addWorkload(world, 'ReplicaSet', 'solo', { tier: 'x' }, { replicas: 1 }), labels: { tier: 'x' } });
    });
    world.at(2000, () => drainer.startDrain('n1'));
    expect(world.pod('solo')!.metadata.deletionTimestamp).toBeDefined();
    expect(drainer.drains()[0]!.state).toBe('running');
    world.runUntil(40_000);
    const message =
      'unable to drain node "n1" due to error: [' +
      ['a', 'b', 'c'].map((p) => `error when evicting pods/"${p}" -n "default": This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.`).join(', ') +
      ']';
    expect(drainer.drains()[0]).toMatchObject({ state: 'failed', message });
  });

  it('NotFound for an unknown node', () => {
    const { drainer } = setup();
    expect(() => drainer.startDrain('nope')).toThrow(ApiError);
    expect(() => drainer.startDrain('nope')).toThrow('nodes "nope" not found');
  });

  it('continues after a snapshot and restore (plain-JSON state)', () => {
    const { world, drainer } = setup();
    world.at(0, () => addPdb(world, 'web', { maxUnavailable: 1, selector: { matchLabels: WEB } }));
    world.at(10_000, () => drainer.startDrain('n1'));
    world.runUntil(50_000);
    const state = JSON.parse(JSON.stringify(drainer.snapshot())) as DrainerState;
    expect(state).toEqual(drainer.snapshot());

    const restored = new TestWorld({}, world.snapshot());
    const drainer2 = new Drainer(restored.ctx, state);
    restored.components = [drainer2, new DisruptionController(restored.ctx), new PodReaper(restored.ctx)];
    restored.at(60_000, () => restored.api.delete('PodDisruptionBudget', 'web', 'default'));
    restored.runUntil(100_000);
    expect(drainer2.drains()[0]!.state).toBe('done');
  });
});
