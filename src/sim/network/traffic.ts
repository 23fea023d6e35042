/**
 * Requests to Services, counted, not simulated one by one. A Service can be
 * given a request rate (whole requests per second); once per simulated
 * second the rate is split over the nodes that send requests, and each
 * node's share over the ready endpoints its kube-proxy knows. A request
 * succeeds when its endpoint's pod runs at that address on a powered node
 * the sending node can reach; otherwise it fails.
 *
 * Who sends: every node whose kube-proxy pod is running there (Ready or not:
 * a partitioned node keeps running its clients and its proxy). A cluster
 * without the kube-proxy addon has no proxy pods; then every powered node
 * sends, through an implicit proxy with the same behaviour.
 *
 * Each proxy's view of the endpoints lags the API server: it is rewritten on
 * the 1 s grid, upstream kube-proxy's default `--iptables-min-sync-period`
 * (pkg/proxy/apis/config/v1alpha1/defaults.go; pkg/proxy/iptables/proxier.go
 * NewProxier runs syncProxyRules through a BoundedFrequencyRunner with that
 * minimum interval), and only while the node can reach the API server: a
 * partitioned node keeps routing by what it last knew.
 *
 * The views only exist while some Service has traffic; when traffic starts,
 * every proxy starts from the current endpoints.
 */
import type { Component, ComponentContext } from '../component';
import { TimerSlots, type Timer } from '../core/timers';
import type { KubeObject, Pod } from '../api/types';
import type { KubeletState } from '../kubelet/state';
import { LABEL_ZONE } from '../controllers/zones';
import type { EndpointSlice } from '../controllers/endpointslice';
import { LABEL_SERVICE_NAME } from '../controllers/endpointslice';
import { okShare, splitEvenly } from './traffic-split';
import { MAX_RPS } from '../../kube/limits';

export { MAX_RPS };

export const TRAFFIC_TICK_MS = 1_000;
/** How many recent seconds are kept per Service (the inspector's "last 10 s"). */
export const RECENT_SECONDS = 10;

const NAME = 'traffic';
const TICK = 'tick';
const KUBE_PROXY = { namespace: 'kube-system', name: 'kube-proxy' };

/** One address kube-proxy routes to: the pod behind it and where it runs. */
export interface ProxyEndpoint {
  ip: string;
  node: string;
  /** "ns/name" of the pod (targetRef), empty when the slice names none. */
  pod: string;
}

export interface SecondCount {
  /** The second (atMs − 1 s, atMs]. */
  atMs: number;
  ok: number;
  failed: number;
}

export interface TrafficState {
  /** Requests per second by Service "ns/name". */
  rates: [string, number][];
  /** The distinct endpoint lists the proxies hold (most proxies share one per Service). */
  endpointSets: ProxyEndpoint[][];
  /** Each proxy node's view: Service "ns/name" → index into endpointSets. */
  views: [string, [string, number][]][];
  /** Round-robin positions: "svc" for the node split, "node\0svc" for the endpoint split. */
  cursors: [string, number][];
  totals: [string, { ok: number; failed: number }][];
  recent: [string, SecondCount[]][];
  slots: [string, number][];
}

/** What the page shows per Service. */
export interface TrafficView {
  service: string;
  rps: number;
  /** Requests in the last (up to) 10 simulated seconds. */
  recentOk: number;
  recentFailed: number;
  /** Since the rate was first set. */
  totalOk: number;
  totalFailed: number;
}

export type KubeletReader = (node: string) => Readonly<KubeletState> | undefined;

export class Traffic implements Component {
  readonly name = NAME;
  private readonly rates: Map<string, number>;
  private readonly views: Map<string, Map<string, ProxyEndpoint[]>>;
  private readonly cursors: Map<string, number>;
  private readonly totals: Map<string, { ok: number; failed: number }>;
  private readonly recent: Map<string, SecondCount[]>;
  private readonly slots: TimerSlots;
  /** The API server's endpoints per Service, rebuilt when its slices change (derived: not snapshotted). */
  private readonly tables = new Map<string, ProxyEndpoint[]>();
  private readonly dirty = new Set<string>();
  /** Node → the kube-proxy pods bound to it ("ns/name"), from the Pod watch (derived: rebuilt on restore). */
  private readonly proxyPods = new Map<string, Set<string>>();
  /** Per tick: which endpoints of each shared view answer, and whether any node or zone is cut off. */
  private liveCache = new Map<readonly ProxyEndpoint[], readonly boolean[]>();
  private partitioned = false;

  constructor(
    private readonly ctx: ComponentContext,
    private readonly kubelet: KubeletReader,
    private readonly nodeNames: () => string[],
    state?: TrafficState,
  ) {
    this.rates = new Map(state?.rates);
    const sets = state?.endpointSets ?? [];
    this.views = new Map((state?.views ?? []).map(([node, view]) => [node, new Map(view.map(([svc, i]) => [svc, sets[i]!]))]));
    this.cursors = new Map(state?.cursors);
    this.totals = new Map(state?.totals);
    this.recent = new Map(state?.recent);
    this.slots = new TimerSlots(ctx.timers, NAME, new Map(state?.slots));
    for (const pod of ctx.api.list<Pod>('Pod')) this.notePod(pod, false);
    ctx.api.watch<Pod>('Pod', (event) => this.notePod(event.object, event.type === 'DELETED'));
    ctx.api.watch<EndpointSlice>('EndpointSlice', (event) => {
      const service = event.object.metadata.labels?.[LABEL_SERVICE_NAME];
      if (service) this.dirty.add(`${event.object.metadata.namespace}/${service}`);
    });
  }

  private notePod(pod: Pod, deleted: boolean): void {
    const node = pod.spec.nodeName;
    if (!node || pod.metadata.namespace !== KUBE_PROXY.namespace || !pod.metadata.name.startsWith(`${KUBE_PROXY.name}-`)) return;
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const keys = this.proxyPods.get(node) ?? new Set<string>();
    if (deleted) keys.delete(key);
    else keys.add(key);
    if (keys.size > 0) this.proxyPods.set(node, keys);
    else this.proxyPods.delete(node);
  }

  /** Sets a Service's rate (0 stops its traffic; the counts stay). */
  setRate(service: string, rps: number): void {
    const starting = this.rates.size === 0;
    if (rps > 0) this.rates.set(service, rps);
    else this.rates.delete(service);
    if (rps > 0) this.totals.set(service, this.totals.get(service) ?? { ok: 0, failed: 0 });
    if (starting && this.rates.size > 0) this.startViews();
    if (this.rates.size > 0 && !this.slots.has(TICK)) this.scheduleTick();
    this.ctx.viewChanged('traffic');
  }

  rate(service: string): number {
    return this.rates.get(service) ?? 0;
  }

  /** Requests counted so far (never reset: the charts take differences). */
  totalsOf(service: string): { ok: number; failed: number } {
    return { ...(this.totals.get(service) ?? { ok: 0, failed: 0 }) };
  }

  /** Every Service that has had traffic, with its running totals. */
  allTotals(): Map<string, { ok: number; failed: number }> {
    return new Map([...this.totals].map(([k, v]) => [k, { ...v }]));
  }

  /** The last counted seconds of a Service, oldest first. */
  recentSeconds(service: string): readonly SecondCount[] {
    return this.recent.get(service) ?? [];
  }

  trafficViews(): TrafficView[] {
    return [...this.totals.keys()].sort().map((service) => {
      const recent = this.recentSeconds(service);
      const total = this.totals.get(service)!;
      return {
        service,
        rps: this.rate(service),
        recentOk: recent.reduce((n, s) => n + s.ok, 0),
        recentFailed: recent.reduce((n, s) => n + s.failed, 0),
        totalOk: total.ok,
        totalFailed: total.failed,
      };
    });
  }

  onTimer(timer: Timer): void {
    if (!this.slots.claim(timer)) return;
    this.tick();
    if (this.rates.size > 0) this.scheduleTick();
  }

  snapshot(): TrafficState {
    const index = new Map<ProxyEndpoint[], number>();
    const views = [...this.views].map(([node, view]) => {
      const entries = [...view].map(([svc, endpoints]) => {
        if (!index.has(endpoints)) index.set(endpoints, index.size);
        return [svc, index.get(endpoints)!] as [string, number];
      });
      return [node, entries] as [string, [string, number][]];
    });
    return structuredClone({
      rates: [...this.rates],
      endpointSets: [...index.keys()],
      views,
      cursors: [...this.cursors],
      totals: [...this.totals],
      recent: [...this.recent],
      slots: [...this.slots.seqs],
    });
  }

  private scheduleTick(): void {
    const now = this.ctx.clock.nowMs;
    this.slots.set(TICK, (Math.floor(now / TRAFFIC_TICK_MS) + 1) * TRAFFIC_TICK_MS);
  }

  /**
   * The second that ends now: counted with the views each proxy held during
   * it, against the machines as they are now (before this instant's actions
   * and controllers: the component runs first). Then the proxies that can
   * reach the API server rewrite their views.
   */
  private tick(): void {
    const atMs = this.ctx.clock.nowMs;
    const senders = this.senders();
    this.liveCache = new Map();
    const network = this.ctx.network.snapshot();
    this.partitioned = network.partitionedNodes.length > 0 || network.partitionedZones.length > 0;
    for (const [service, rps] of [...this.rates].sort(([a], [b]) => a.localeCompare(b))) {
      const count = { ok: 0, failed: 0 };
      const perNode = splitEvenly(rps, senders.length, this.cursor(service));
      senders.forEach((node, i) => this.send(node, service, perNode[i]!, count));
      this.advance(service, senders.length, rps);
      this.record(service, atMs, count);
    }
    this.syncViews(senders);
    this.liveCache = new Map();
    this.ctx.viewChanged('traffic');
  }

  private send(node: string, service: string, requests: number, count: { ok: number; failed: number }): void {
    if (requests === 0) return;
    const endpoints = this.views.get(node)?.get(service) ?? [];
    // No ready endpoint: kube-proxy's REJECT rule answers (pkg/proxy/iptables/proxier.go, "has no endpoints").
    if (endpoints.length === 0) {
      count.failed += requests;
      return;
    }
    const key = `${node}\u0000${service}`;
    const cursor = this.cursor(key);
    this.advance(key, endpoints.length, requests);
    const live = this.partitioned ? endpoints.map((e) => this.alive(e) && this.canTalk(node, e.node)) : this.liveOf(endpoints);
    const ok = okShare(requests, live, cursor);
    count.ok += ok;
    count.failed += requests - ok;
  }

  /** Which endpoints of a view answer, computed once per tick per view (views are shared by the proxies that synced together). */
  private liveOf(endpoints: readonly ProxyEndpoint[]): readonly boolean[] {
    const cached = this.liveCache.get(endpoints);
    if (cached) return cached;
    const live = endpoints.map((e) => this.alive(e));
    this.liveCache.set(endpoints, live);
    return live;
  }

  /** Whether the pod at `endpoint` runs there, at that address, with all its containers. */
  private alive(endpoint: ProxyEndpoint): boolean {
    const host = this.kubelet(endpoint.node);
    if (!host || host.power === 'off') return false;
    const pod = host.pods[endpoint.pod];
    if (!pod || pod.stage !== 'running' || pod.podIP !== endpoint.ip) return false;
    return pod.containers.every((c) => c.state === 'running');
  }

  /** Node to node: the same node, or both on the network, or both inside one cut-off zone. */
  private canTalk(a: string, b: string): boolean {
    if (a === b) return true;
    const network = this.ctx.network;
    if (network.isNodePartitioned(a) || network.isNodePartitioned(b)) return false;
    const zoneA = this.zoneOf(a);
    const zoneB = this.zoneOf(b);
    const cutA = zoneA !== undefined && network.isZonePartitioned(zoneA);
    const cutB = zoneB !== undefined && network.isZonePartitioned(zoneB);
    return cutA || cutB ? cutA && cutB && zoneA === zoneB : true;
  }

  private zoneOf(node: string): string | undefined {
    const config = this.kubelet(node)?.config;
    return config?.zone ?? config?.labels?.[LABEL_ZONE];
  }

  /** The nodes that send requests, sorted: running kube-proxy pods, or every powered node without the addon. */
  private senders(): string[] {
    const addon = this.ctx.api.get('DaemonSet', KUBE_PROXY.name, KUBE_PROXY.namespace) !== undefined;
    return this.nodeNames()
      .filter((node) => {
        const host = this.kubelet(node);
        if (!host || host.power === 'off') return false;
        if (!addon) return true;
        return [...(this.proxyPods.get(node) ?? [])].some((key) => host.pods[key]?.stage === 'running');
      })
      .sort();
  }

  private syncViews(senders: readonly string[]): void {
    for (const service of this.dirty) this.tables.delete(service);
    this.dirty.clear();
    // One view for every proxy that syncs now (never changed in place, so sharing is safe).
    const fresh = this.currentView();
    for (const node of senders) {
      if (!this.ctx.network.reachable(node, this.zoneOf(node))) continue;
      this.views.set(node, fresh);
    }
  }

  /** When traffic starts: every proxy knows the endpoints as they are. */
  private startViews(): void {
    this.tables.clear();
    this.dirty.clear();
    this.views.clear();
    const fresh = this.currentView();
    for (const node of this.nodeNames()) {
      if (this.kubelet(node)) this.views.set(node, fresh);
    }
  }

  private currentView(): Map<string, ProxyEndpoint[]> {
    const view = new Map<string, ProxyEndpoint[]>();
    for (const service of [...this.rates.keys()].sort()) view.set(service, this.table(service));
    return view;
  }

  /**
   * The ready endpoints of a Service across its slices, as kube-proxy's
   * endpoint slice cache merges them (pkg/proxy/endpointslicecache.go: a nil
   * ready condition counts as ready), sorted by address.
   */
  private table(service: string): ProxyEndpoint[] {
    const cached = this.tables.get(service);
    if (cached) return cached;
    const [namespace, name] = service.split('/') as [string, string];
    const endpoints: ProxyEndpoint[] = [];
    const seen = new Set<string>();
    for (const slice of this.ctx.api.list<EndpointSlice>('EndpointSlice')) {
      if (slice.metadata.namespace !== namespace || slice.metadata.labels?.[LABEL_SERVICE_NAME] !== name) continue;
      for (const endpoint of slice.endpoints ?? []) {
        if (endpoint.conditions?.ready === false) continue;
        const ref = endpoint.targetRef as KubeObject['metadata'] | undefined;
        const pod = ref?.name ? `${ref.namespace ?? namespace}/${ref.name}` : '';
        for (const ip of endpoint.addresses) {
          if (seen.has(ip)) continue;
          seen.add(ip);
          endpoints.push({ ip, node: endpoint.nodeName ?? '', pod });
        }
      }
    }
    endpoints.sort((a, b) => compareIp(a.ip, b.ip));
    this.tables.set(service, endpoints);
    return endpoints;
  }

  private cursor(key: string): number {
    return this.cursors.get(key) ?? 0;
  }

  /** Moves a round-robin position past the `sent` requests handed out over `ways` parts. */
  private advance(key: string, ways: number, sent: number): void {
    if (ways === 0) return;
    this.cursors.set(key, (this.cursor(key) + sent) % ways);
  }

  private record(service: string, atMs: number, count: { ok: number; failed: number }): void {
    const total = this.totals.get(service) ?? { ok: 0, failed: 0 };
    total.ok += count.ok;
    total.failed += count.failed;
    this.totals.set(service, total);
    const recent = this.recent.get(service) ?? [];
    recent.push({ atMs, ...count });
    if (recent.length > RECENT_SECONDS) recent.splice(0, recent.length - RECENT_SECONDS);
    this.recent.set(service, recent);
  }
}

function compareIp(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.localeCompare(b);
}
