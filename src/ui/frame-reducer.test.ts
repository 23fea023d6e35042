import { describe, expect, it } from 'vitest';
import type { DiffFrame, EventRecord, SnapshotFrame } from '../protocol/messages';
import type { KubeObject } from '../sim/api/types';
import { initialState, MAX_EVENTS, reduceFrame, type SimState } from './frame-reducer';

const meta = (name: string, namespace?: string) => ({
  name,
  ...(namespace ? { namespace } : {}),
  uid: `uid-${name}`,
  resourceVersion: '1',
  creationTimestamp: '2025-01-01T00:00:00.000Z',
});
const node = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Node', metadata: meta(name), spec: {}, status: {} }) as KubeObject;
const pod = (name: string, nodeName?: string): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: meta(name, 'default'), spec: { nodeName, containers: [] }, status: {} }) as KubeObject;
const lease = (name: string): KubeObject =>
  ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: meta(name, 'kube-node-lease'), spec: {} }) as KubeObject;

function event(seq: number, reason: string, count = 1): EventRecord {
  return {
    seq,
    type: 'Normal',
    reason,
    message: reason,
    source: 'test',
    involvedObject: { kind: 'Node', name: 'n1', uid: 'uid-n1' },
    firstTimestampMs: 0,
    lastTimestampMs: seq,
    count,
  };
}

function booted(): SimState {
  const snapshot: SnapshotFrame = {
    type: 'snapshot',
    seed: 1,
    nowMs: 0,
    epochMs: 0,
    objects: { Node: [node('n1'), node('n2')], Pod: [pod('p1', 'n1'), pod('p2', 'n1')], Lease: [lease('n1')], Namespace: [] },
    events: [event(1, 'Starting')],
    zones: [],
    evictions: [],
    machines: [],
    partitionedZones: [],
    playing: false,
    speed: 1,
  };
  return { ...initialState(), ...reduceFrame(initialState(), snapshot) };
}

const diff = (fields: Partial<DiffFrame>): DiffFrame => ({ type: 'diff', nowMs: 0, changes: [], events: [], playing: false, speed: 1, ...fields });

describe('reduceFrame', () => {
  it('indexes a snapshot by kind and pods by node', () => {
    const state = booted();
    expect([...state.cluster.nodes.keys()]).toEqual(['n1', 'n2']);
    expect([...state.cluster.pods.keys()]).toEqual(['default/p1', 'default/p2']);
    expect(state.cluster.leases.has('kube-node-lease/n1')).toBe(true);
    expect([...(state.cluster.podsByNode.get('n1') ?? [])]).toEqual(['default/p1', 'default/p2']);
    expect(state.session.status).toBe('running');
  });

  it('keeps workloads from the snapshot under others, by kind and namespace/name, and updates them from diffs', () => {
    const web = (replicas: number): KubeObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('web', 'default'), spec: { replicas } }) as KubeObject;
    const frame: SnapshotFrame = { type: 'snapshot', seed: 1, nowMs: 0, epochMs: 0, objects: { Deployment: [web(6)] }, events: [], zones: [], evictions: [], machines: [], partitionedZones: [], playing: false, speed: 1 };
    const snapshot = reduceFrame(initialState(), frame) as SimState;
    expect(snapshot.cluster.others.get('Deployment')?.get('default/web')).toMatchObject({ spec: { replicas: 6 } });
    const next = reduceFrame(snapshot, diff({ changes: [{ kind: 'Deployment', key: 'default/web', object: web(8) }] }));
    expect(next?.cluster?.others.get('Deployment')?.get('default/web')).toMatchObject({ spec: { replicas: 8 } });
    expect(snapshot.cluster.others.get('Deployment')?.get('default/web')).toMatchObject({ spec: { replicas: 6 } });
  });

  it('replaces only the Maps that change', () => {
    const state = booted();
    const next = reduceFrame(state, diff({ nowMs: 10_000, changes: [{ kind: 'Lease', key: 'kube-node-lease/n1', object: lease('n1') }] }))!;
    expect(Object.keys(next).sort()).toEqual(['clock', 'cluster']);
    expect(next.cluster!.leases).not.toBe(state.cluster.leases);
    expect(next.cluster!.nodes).toBe(state.cluster.nodes);
    expect(next.cluster!.pods).toBe(state.cluster.pods);
    expect(next.cluster!.podsByNode).toBe(state.cluster.podsByNode);
  });

  it('moves and drops pods in the by-node index without touching the old Sets', () => {
    const state = booted();
    const before = state.cluster.podsByNode.get('n1')!;
    const next = reduceFrame(
      state,
      diff({
        changes: [
          { kind: 'Pod', key: 'default/p1', object: null },
          { kind: 'Pod', key: 'default/p2', object: pod('p2', 'n2') },
          { kind: 'Pod', key: 'default/p3', object: pod('p3', 'n1') },
        ],
      }),
    )!;
    expect([...next.cluster!.podsByNode.get('n1')!]).toEqual(['default/p3']);
    expect([...next.cluster!.podsByNode.get('n2')!]).toEqual(['default/p2']);
    expect([...before]).toEqual(['default/p1', 'default/p2']);
  });

  it('keeps a removed-then-readded pod in the index within one frame', () => {
    const state = booted();
    const next = reduceFrame(
      state,
      diff({
        changes: [
          { kind: 'Pod', key: 'default/p1', object: null },
          { kind: 'Pod', key: 'default/p2', object: null },
          { kind: 'Pod', key: 'default/p4', object: pod('p4', 'n1') },
        ],
      }),
    )!;
    expect([...next.cluster!.podsByNode.get('n1')!]).toEqual(['default/p4']);
  });

  it('moves a repeated event to the end and bounds the log', () => {
    const state = booted();
    const next = reduceFrame(state, diff({ events: [event(2, 'Other'), event(3, 'Starting', 2)] }))!;
    expect(next.events!.records.map((r) => [r.reason, r.count])).toEqual([
      ['Other', 1],
      ['Starting', 2],
    ]);
    expect(next.events!.received).toBe(3);
    const many = Array.from({ length: MAX_EVENTS + 50 }, (_, i) => event(10 + i, `R${i}`));
    const full = reduceFrame(state, diff({ events: many }))!;
    expect(full.events!.records).toHaveLength(MAX_EVENTS);
    expect(full.events!.records.at(-1)?.reason).toBe(`R${MAX_EVENTS + 49}`);
  });

  it('remembers when each taint was first seen, per node, and forgets removed ones', () => {
    const state = booted();
    const tainted = (name: string, taints: { key: string; effect: string }[]): KubeObject =>
      ({ ...node(name), spec: { taints } }) as KubeObject;
    const a = { key: 'a', effect: 'NoSchedule' };
    const b = { key: 'b', effect: 'NoExecute' };
    const first = reduceFrame(state, diff({ nowMs: 1_000, changes: [{ kind: 'Node', key: 'n1', object: tainted('n1', [a]) }] }))!;
    const s1 = { ...state, ...first };
    expect(s1.cluster.taintSeenMs.get('n1')).toEqual(new Map([['a:NoSchedule', 1_000]]));

    // An update that keeps the same taints keeps the Map (and its times).
    const same = reduceFrame(s1, diff({ nowMs: 2_000, changes: [{ kind: 'Node', key: 'n1', object: tainted('n1', [a]) }] }))!;
    expect(same.cluster!.taintSeenMs).toBe(s1.cluster.taintSeenMs);

    const second = reduceFrame(s1, diff({ nowMs: 3_000, changes: [{ kind: 'Node', key: 'n1', object: tainted('n1', [a, b]) }] }))!;
    const s2 = { ...s1, ...second };
    expect(s2.cluster.taintSeenMs.get('n1')).toEqual(new Map([['a:NoSchedule', 1_000], ['b:NoExecute', 3_000]]));

    const cleared = reduceFrame(s2, diff({ nowMs: 4_000, changes: [{ kind: 'Node', key: 'n1', object: tainted('n1', []) }] }))!;
    expect(cleared.cluster!.taintSeenMs.has('n1')).toBe(false);
    // Lease-only frames leave it alone.
    const leaseOnly = reduceFrame(s2, diff({ changes: [{ kind: 'Lease', key: 'kube-node-lease/n1', object: lease('n1') }] }))!;
    expect(leaseOnly.cluster!.taintSeenMs).toBe(s2.cluster.taintSeenMs);
  });

  it('changes nothing for a frame that carries nothing new', () => {
    expect(reduceFrame(booted(), diff({}))).toEqual({});
  });
});
