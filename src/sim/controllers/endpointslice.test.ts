import { describe, expect, it } from 'vitest';
import type { Endpoint } from 'kubernetes-types/discovery/v1';
import { addNode, addPod, setReady } from './disruption-test-helpers';
import { EndpointSliceController, type EndpointSlice } from './endpointslice';
import { TestWorld } from './test-world';

const WEB = { app: 'web' };

function setup() {
  const world = new TestWorld();
  world.components = [new EndpointSliceController(world.ctx)];
  const writes: { type: string; atMs: number }[] = [];
  world.api.watch('EndpointSlice', (event) => writes.push({ type: event.type, atMs: world.clock.nowMs }));
  world.at(0, () => {
    addNode(world, 'n1', 'zone-a');
    addNode(world, 'n2', 'zone-b');
  });
  return { world, writes };
}

function addService(world: TestWorld, name = 'web', spec: Record<string, unknown> = {}) {
  return world.api.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default', labels: { team: 'blue' } },
    spec: { selector: WEB, ports: [{ name: 'http', port: 80, targetPort: 8080 }], ...spec },
  });
}

function slices(world: TestWorld, service = 'web'): EndpointSlice[] {
  return [...world.api.list<EndpointSlice>('EndpointSlice')].filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === service);
}

function endpoints(world: TestWorld, service = 'web'): Endpoint[] {
  return slices(world, service)
    .flatMap((s) => s.endpoints)
    .sort((a, b) => (a.targetRef!.name! < b.targetRef!.name! ? -1 : 1));
}

function conditionsOf(world: TestWorld, pod: string) {
  return endpoints(world).find((e) => e.targetRef?.name === pod)?.conditions;
}

describe('EndpointSliceController', () => {
  it('publishes one slice with an endpoint per pod that has an IP', () => {
    const { world } = setup();
    world.at(1000, () => {
      addPod(world, 'a', { node: 'n1', labels: WEB, ip: '10.0.0.1' });
      addPod(world, 'b', { node: 'n2', labels: WEB, ip: '10.0.0.2' });
      addPod(world, 'no-ip', { node: 'n2', labels: WEB, ip: null });
      addPod(world, 'done', { node: 'n2', labels: WEB, phase: 'Succeeded', ready: false });
      addPod(world, 'other', { node: 'n1', labels: { app: 'db' } });
      addService(world);
    });
    const [slice, ...rest] = slices(world);
    expect(rest).toEqual([]);
    expect(slice!.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(slice!.metadata.labels).toEqual({ team: 'blue', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    expect(slice!.metadata.ownerReferences).toMatchObject([{ kind: 'Service', name: 'web', controller: true }]);
    expect(slice!.addressType).toBe('IPv4');
    expect(slice!.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    const a = world.pod('a')!;
    expect(endpoints(world)).toEqual([
      {
        addresses: ['10.0.0.1'],
        conditions: { ready: true, serving: true, terminating: false },
        targetRef: { kind: 'Pod', namespace: 'default', name: 'a', uid: a.metadata.uid },
        nodeName: 'n1',
        zone: 'zone-a',
      },
      expect.objectContaining({ addresses: ['10.0.0.2'], nodeName: 'n2', zone: 'zone-b' }),
    ]);
  });

  it('follows readiness in the same instant: Ready=False ⇒ ready and serving false', () => {
    const { world, writes } = setup();
    world.at(1000, () => {
      addPod(world, 'a', { node: 'n1', labels: WEB });
      addService(world);
    });
    world.at(55_000, () => setReady(world, 'a', false));
    expect(conditionsOf(world, 'a')).toEqual({ ready: false, serving: false, terminating: false });
    expect(writes.at(-1)).toEqual({ type: 'MODIFIED', atMs: 55_000 });
    world.at(60_000, () => setReady(world, 'a', true));
    expect(conditionsOf(world, 'a')).toEqual({ ready: true, serving: true, terminating: false });
  });

  it('a terminating pod stays listed: terminating, not ready, still serving while Ready', () => {
    const { world } = setup();
    world.at(1000, () => {
      addPod(world, 'a', { node: 'n1', labels: WEB });
      addService(world);
    });
    world.at(2000, () => world.api.delete('Pod', 'a', 'default'));
    expect(conditionsOf(world, 'a')).toEqual({ ready: false, serving: true, terminating: true });
    world.at(3000, () => world.api.delete('Pod', 'a', 'default', { gracePeriodSeconds: 0 }));
    expect(endpoints(world)).toEqual([]);
  });

  it('publishNotReadyAddresses: every endpoint is ready', () => {
    const { world } = setup();
    world.at(1000, () => {
      addPod(world, 'a', { node: 'n1', labels: WEB, ready: false });
      addService(world, 'web', { publishNotReadyAddresses: true });
    });
    expect(conditionsOf(world, 'a')).toEqual({ ready: true, serving: false, terminating: false });
  });

  it('writes only when the content changes', () => {
    const { world, writes } = setup();
    world.at(1000, () => {
      addPod(world, 'a', { node: 'n1', labels: WEB });
      addService(world);
    });
    expect(writes).toEqual([{ type: 'ADDED', atMs: 1000 }]);
    world.at(2000, () => world.api.update('Pod', 'a', 'default', (draft) => void (draft.metadata.annotations = { note: 'x' })));
    world.at(3000, () => world.api.update('Pod', 'a', 'default', (draft) => void (draft.metadata.labels = { ...WEB, extra: 'y' })));
    expect(writes).toEqual([{ type: 'ADDED', atMs: 1000 }]);
  });

  it('follows label changes in and out of the selector', () => {
    const { world } = setup();
    world.at(1000, () => {
      addPod(world, 'a', { node: 'n1', labels: WEB });
      addService(world);
    });
    world.at(2000, () => world.api.update('Pod', 'a', 'default', (draft) => void (draft.metadata.labels = { app: 'db' })));
    expect(endpoints(world)).toEqual([]);
    world.at(3000, () => world.api.update('Pod', 'a', 'default', (draft) => void (draft.metadata.labels = WEB)));
    expect(endpoints(world).map((e) => e.targetRef?.name)).toEqual(['a']);
  });

  it('splits beyond 100 endpoints per slice and keeps endpoints in place', () => {
    const { world } = setup();
    world.at(1000, () => {
      for (let i = 0; i < 250; i++) addPod(world, `p${String(i).padStart(3, '0')}`, { node: 'n1', labels: WEB, ip: `10.1.${i >> 8}.${i & 255}` });
      addService(world);
    });
    expect(slices(world).map((s) => s.endpoints.length).sort()).toEqual([100, 100, 50]);
    const before = new Map(slices(world).map((s) => [s.metadata.name, s.endpoints.map((e) => e.targetRef!.name)]));
    world.at(2000, () => setReady(world, 'p150', false));
    const after = new Map(slices(world).map((s) => [s.metadata.name, s.endpoints.map((e) => e.targetRef!.name)]));
    expect(after).toEqual(before);
    expect(conditionsOf(world, 'p150')?.ready).toBe(false);
  });

  it('keeps an empty placeholder slice when nothing is selected', () => {
    const { world } = setup();
    world.at(1000, () => addService(world));
    expect(slices(world)).toMatchObject([{ endpoints: [], ports: [] }]);
    world.at(2000, () => addPod(world, 'a', { node: 'n1', labels: WEB }));
    const [slice, ...rest] = slices(world);
    expect(rest).toEqual([]);
    expect(slice!.endpoints.map((e) => e.targetRef?.name)).toEqual(['a']);
  });

  it('recreates a slice someone deleted; leaves services without a selector alone', () => {
    const { world } = setup();
    world.at(1000, () => {
      addPod(world, 'a', { node: 'n1', labels: WEB });
      addService(world);
      addService(world, 'external', { selector: undefined });
    });
    world.at(2000, () => world.api.delete('EndpointSlice', slices(world)[0]!.metadata.name, 'default'));
    expect(endpoints(world).map((e) => e.targetRef?.name)).toEqual(['a']);
    expect(slices(world, 'external')).toEqual([]);
  });

  it('resolves named target ports from the pod containers', () => {
    const { world } = setup();
    world.at(1000, () => {
      addPod(world, 'a', { node: 'n1', labels: WEB, spec: { containers: [{ name: 'app', image: 'nginx', ports: [{ name: 'web', containerPort: 9090 }] }] } });
      addService(world, 'web', { ports: [{ name: 'http', port: 80, targetPort: 'web' }, { name: 'metrics', port: 9100, targetPort: 'metrics' }] });
    });
    expect(slices(world)[0]!.ports).toEqual([{ name: 'http', port: 9090, protocol: 'TCP' }]);
  });

  it('skips a pod whose node does not exist until the node appears', () => {
    const { world } = setup();
    world.at(1000, () => {
      addPod(world, 'a', { node: 'n9', labels: WEB });
      addService(world);
    });
    expect(endpoints(world)).toEqual([]);
    world.at(2000, () => addNode(world, 'n9', 'zone-c'));
    expect(endpoints(world).map((e) => e.zone)).toEqual(['zone-c']);
  });

  it('restores from a snapshot without rewriting unchanged slices', () => {
    const { world, writes } = setup();
    world.at(1000, () => {
      addPod(world, 'a', { node: 'n1', labels: WEB });
      addService(world);
    });
    const restored = new TestWorld({}, world.snapshot());
    const restoredWrites: string[] = [];
    restored.api.watch('EndpointSlice', (event) => restoredWrites.push(event.type));
    restored.components = [new EndpointSliceController(restored.ctx)];
    restored.processInstant(2000);
    expect(restoredWrites).toEqual([]);
    restored.at(3000, () => setReady(restored, 'a', false));
    expect(restoredWrites).toEqual(['MODIFIED']);
    expect(writes).toHaveLength(1);
  });
});
