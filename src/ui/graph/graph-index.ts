/**
 * Per-key subscriptions for the graph. A zustand selector runs on every
 * store update, so thousands of chips each selecting "my pod" cost thousands
 * of calls per frame even when one pod changed. Here one store listener diffs
 * the Maps that changed (the store never mutates a Map, so unchanged Maps are
 * skipped by identity) and wakes only the keys whose values changed: a frame
 * that changes one pod re-renders one chip.
 */
import { useCallback, useSyncExternalStore } from 'react';
import type { Node, Pod } from '../../sim/api/types';
import type { MachineView, ScheduledEviction } from '../../protocol/messages';
import type { Selection } from '../page-state';
import { useSim, type SimState } from '../store';

type Listener = () => void;

class Channel {
  private readonly listeners = new Map<string, Set<Listener>>();

  subscribe(key: string, listener: Listener): () => void {
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  }

  notify(key: string): void {
    const set = this.listeners.get(key);
    if (set) for (const listener of [...set]) listener();
  }
}

/** A pod or its scheduled eviction changed. */
const podChannel = new Channel();
/** A Node object or its machine changed. */
const nodeChannel = new Channel();
/** Which pods a node has, one of them, or one of their evictions changed (the pending area's key is UNSCHEDULED). */
const nodePodsChannel = new Channel();
/** A node's lease was renewed. */
const leaseChannel = new Channel();
/** What the inspector shows changed (keyed by selectionKey). */
const selectionChannel = new Channel();

/** "Pod:default/web-1", "Node:zone-a-1": one key per thing the inspector can show. */
export function selectionKey(selection: Selection | null): string | undefined {
  if (!selection) return undefined;
  return selection.kind === 'Pod' ? `Pod:${selection.namespace ?? 'default'}/${selection.name}` : `${selection.kind}:${selection.name}`;
}

export const UNSCHEDULED = '\u0000unscheduled';
const nodePodsVersions = new Map<string, number>();

/** Calls `changed` for each key whose value differs between two Maps (added, removed or replaced). */
export function diffMaps<V>(
  before: ReadonlyMap<string, V>,
  after: ReadonlyMap<string, V>,
  changed: (key: string, was: V | undefined, now: V | undefined) => void,
  same: (a: V, b: V) => boolean = Object.is,
): void {
  let added = 0;
  for (const [key, now] of after) {
    const was = before.get(key);
    if (was === undefined) added++;
    if (was === undefined || !same(was, now)) changed(key, was, now);
  }
  if (before.size + added === after.size) return;
  for (const [key, was] of before) if (!after.has(key)) changed(key, was, undefined);
}

const sameEviction = (a: ScheduledEviction, b: ScheduledEviction) => a.fireAtMs === b.fireAtMs && a.node === b.node && a.createdAtMs === b.createdAtMs;
const sameMachine = (a: MachineView, b: MachineView) => a.power === b.power && a.partitioned === b.partitioned && a.reachable === b.reachable;

function nodeOf(pod: Pod | undefined): string | undefined {
  return pod ? (pod.spec.nodeName ?? UNSCHEDULED) : undefined;
}

function onStoreChange(next: SimState, before: SimState): void {
  const touchedNodes = new Set<string>();
  const touch = (node: string | undefined) => node !== undefined && touchedNodes.add(node);
  if (next.cluster.pods !== before.cluster.pods) {
    diffMaps(before.cluster.pods, next.cluster.pods, (key, was, now) => {
      podChannel.notify(key);
      touch(nodeOf(was));
      touch(nodeOf(now));
    });
  }
  if (next.evictions.byPod !== before.evictions.byPod) {
    diffMaps(
      before.evictions.byPod,
      next.evictions.byPod,
      (key, was, now) => {
        podChannel.notify(key);
        touch(was?.node);
        touch(now?.node);
      },
      sameEviction,
    );
  }
  if (next.cluster.podsByNode !== before.cluster.podsByNode) diffMaps(before.cluster.podsByNode, next.cluster.podsByNode, (node) => touch(node));
  for (const node of touchedNodes) {
    nodePodsVersions.set(node, (nodePodsVersions.get(node) ?? 0) + 1);
    nodePodsChannel.notify(node);
  }
  if (next.cluster.nodes !== before.cluster.nodes) diffMaps<Node>(before.cluster.nodes, next.cluster.nodes, (key) => nodeChannel.notify(key));
  if (next.machines.byNode !== before.machines.byNode) diffMaps(before.machines.byNode, next.machines.byNode, (key) => nodeChannel.notify(key), sameMachine);
  if (next.inspector.selection !== before.inspector.selection) {
    for (const selection of [before.inspector.selection, next.inspector.selection]) {
      const key = selectionKey(selection);
      if (key) selectionChannel.notify(key);
    }
  }
  if (next.cluster.leases !== before.cluster.leases) {
    diffMaps(before.cluster.leases, next.cluster.leases, (key) => leaseChannel.notify(key.slice(key.indexOf('/') + 1)));
  }
}

useSim.subscribe(onStoreChange);

const state = () => useSim.getState();

/** Subscribes to one key of one channel; `read` must return the same value until that key changes. */
function useKeyed<T>(channel: Channel, key: string, read: () => T): T {
  const subscribe = useCallback((listener: Listener) => channel.subscribe(key, listener), [channel, key]);
  return useSyncExternalStore(subscribe, read);
}

export const usePod = (key: string): Pod | undefined => useKeyed(podChannel, key, () => state().cluster.pods.get(key));
export const useEviction = (key: string): ScheduledEviction | undefined => useKeyed(podChannel, key, () => state().evictions.byPod.get(key));
export const useNode = (name: string): Node | undefined => useKeyed(nodeChannel, name, () => state().cluster.nodes.get(name));
export const useMachine = (name: string): MachineView | undefined => useKeyed(nodeChannel, name, () => state().machines.byNode.get(name));
export const useRenewTime = (node: string): string | undefined =>
  useKeyed(leaseChannel, node, () => state().cluster.leases.get(`kube-node-lease/${node}`)?.spec.renewTime);
export const usePodKeysOn = (node: string): ReadonlySet<string> | undefined => useKeyed(nodePodsChannel, node, () => state().cluster.podsByNode.get(node));
/** Whether the inspector shows this pod ("Pod:namespace/name") or node ("Node:name"). */
export const useSelected = (key: string): boolean => useKeyed(selectionChannel, key, () => selectionKey(state().inspector.selection) === key);
/** Bumps whenever anything about the node's pods changes: read the pods with useSim.getState() after it. */
export const useNodePodsVersion = (node: string): number => useKeyed(nodePodsChannel, node, () => nodePodsVersions.get(node) ?? 0);
