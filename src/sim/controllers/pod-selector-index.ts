/**
 * Which pods each selector-bearing object (a Service, a PodDisruptionBudget)
 * selects, kept current from pod watch events. Upstream controllers list the
 * namespace's pods through the informer on every sync
 * (podLister.Pods(ns).List(selector)); at 150k pods that is a full scan per
 * sync, so we keep the answer — with the latest pod objects, as the
 * informer's cache holds them. Derived from the API server, so it is rebuilt
 * on restore rather than snapshotted.
 */
import type { ApiServer } from '../apiserver/apiserver';
import { matches, type Selector } from '../api/labels';
import { objectKey, type Pod } from '../api/types';

interface Entry {
  namespace: string;
  selector: Selector;
  /** "namespace\0key\0value" of one `key=value` requirement, if the selector has one; else "namespace". */
  bucket: string;
}

export class PodSelectorIndex {
  private readonly entries = new Map<string, Entry>();
  /**
   * Owners by one label they require (or by namespace if they require none),
   * so a pod is matched only against owners that can select it.
   */
  private readonly buckets = new Map<string, Set<string>>();
  private readonly members = new Map<string, Map<string, Pod>>();
  /** Each owner's member keys in order, rebuilt only after its membership changed. */
  private readonly sortedKeys = new Map<string, string[]>();
  private readonly podOwners = new Map<string, Set<string>>();

  constructor(private readonly api: ApiServer) {}

  /**
   * Sets the selector of `key` (an owner's "namespace/name"); null removes
   * it. `scan` false skips matching existing pods (then call `podChanged` for
   * each pod, as the constructor of a controller does once for all owners).
   */
  set(key: string, namespace: string, selector: Selector | null, scan = true): void {
    this.remove(key);
    if (!selector) return;
    const required = selector.find((r) => r.operator === 'In' && r.values.length === 1);
    const bucket = required ? `${namespace}\u0000${required.key}\u0000${required.values[0]}` : namespace;
    this.entries.set(key, { namespace, selector, bucket });
    let keys = this.buckets.get(bucket);
    if (!keys) this.buckets.set(bucket, (keys = new Set()));
    keys.add(key);
    this.members.set(key, new Map());
    if (!scan) return;
    for (const pod of this.api.list<Pod>('Pod')) {
      if (pod.metadata.namespace === namespace && matches(selector, pod.metadata.labels)) this.link(key, pod);
    }
  }

  remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.buckets.get(entry.bucket)?.delete(key);
    for (const pod of this.members.get(key)?.keys() ?? []) this.podOwners.get(pod)?.delete(key);
    this.members.delete(key);
    this.sortedKeys.delete(key);
  }

  /**
   * Re-evaluates one pod after a watch event; returns the owners that
   * selected it before or select it now, sorted. Pass the pod's previous
   * version to skip the matching when its labels did not change.
   */
  podChanged(pod: Pod, deleted: boolean, old?: Pod): string[] {
    const key = podKey(pod);
    const before = this.podOwners.get(key) ?? new Set<string>();
    if (old && !deleted && sameLabels(old.metadata.labels, pod.metadata.labels)) {
      for (const owner of before) this.members.get(owner)!.set(key, pod);
      return sorted(before);
    }
    const after = deleted ? new Set<string>() : this.ownersMatching(pod);
    for (const owner of before) {
      if (after.has(owner)) continue;
      this.members.get(owner)?.delete(key);
      this.sortedKeys.delete(owner);
    }
    for (const owner of after) {
      const members = this.members.get(owner)!;
      if (!members.has(key)) this.sortedKeys.delete(owner);
      members.set(key, pod);
    }
    if (after.size > 0) this.podOwners.set(key, after);
    else this.podOwners.delete(key);
    return sorted(new Set([...before, ...after]));
  }

  /** The pods `key` selects, by namespace/name. */
  podsOf(key: string): Pod[] {
    const members = this.members.get(key);
    if (!members) return [];
    let keys = this.sortedKeys.get(key);
    if (!keys) this.sortedKeys.set(key, (keys = [...members.keys()].sort(compareStrings)));
    return keys.map((k) => members.get(k)!);
  }

  /** The owners that select the pod `key` ("namespace/name"), sorted. */
  ownersOf(key: string): string[] {
    return sorted(this.podOwners.get(key) ?? new Set());
  }

  private ownersMatching(pod: Pod): Set<string> {
    const namespace = pod.metadata.namespace;
    const labels = pod.metadata.labels ?? {};
    const candidates = [this.buckets.get(namespace)];
    for (const [label, value] of Object.entries(labels)) candidates.push(this.buckets.get(`${namespace}\u0000${label}\u0000${value}`));
    const out = new Set<string>();
    for (const bucket of candidates) {
      for (const owner of bucket ?? []) if (matches(this.entries.get(owner)!.selector, labels)) out.add(owner);
    }
    return out;
  }

  private link(owner: string, pod: Pod): void {
    const key = podKey(pod);
    this.members.get(owner)!.set(key, pod);
    this.sortedKeys.delete(owner);
    let owners = this.podOwners.get(key);
    if (!owners) this.podOwners.set(key, (owners = new Set()));
    owners.add(owner);
  }
}

function sorted(keys: ReadonlySet<string>): string[] {
  const out = [...keys];
  return out.length > 1 ? out.sort(compareStrings) : out;
}

function sameLabels(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean {
  if (a === b) return true;
  const x = a ?? {};
  const y = b ?? {};
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((k) => x[k] === y[k]);
}

export function podKey(pod: Pod): string {
  return objectKey(pod.metadata.namespace, pod.metadata.name);
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function splitKey(key: string): [namespace: string, name: string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}
