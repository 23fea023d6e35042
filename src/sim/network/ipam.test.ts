/**
 * Addresses through the engine: node IPAM's pod CIDRs (range allocator,
 * --node-cidr-mask-size 24), pod IPs from them, Service ClusterIPs from
 * --service-cluster-ip-range 10.0.0.0/24, and the `kubernetes` Service.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject, Node, Pod } from '../api/types';
import { Simulation } from '../simulation';
import { cidrContains, parseCidr, parseIPv4 } from './cidr';

const nodes = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `n${i + 1}`, zone: 'zone-a' }));
type Service = KubeObject & { spec: { clusterIP?: string; clusterIPs?: string[] } };
const service = (name: string, clusterIP?: string) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default' },
  spec: { selector: { app: name }, ports: [{ port: 80 }], ...(clusterIP ? { clusterIP } : {}) },
});

describe('node IPAM and addresses', () => {
  it('gives each node the next /24 of the cluster CIDR and releases a deleted node\'s', () => {
    const sim = new Simulation({ nodes: nodes(3) });
    sim.runUntil(1_000);
    const cidrs = ['n1', 'n2', 'n3'].map((n) => sim.api.get<Node>('Node', n)!.spec.podCIDR);
    expect(cidrs).toEqual(['10.64.0.0/24', '10.64.1.0/24', '10.64.2.0/24']);
    expect(sim.api.get<Node>('Node', 'n2')!.spec.podCIDRs).toEqual(['10.64.1.0/24']);
    sim.act({ do: 'delete-node', node: 'n2' });
    sim.act({ do: 'add-node', node: { name: 'n4', zone: 'zone-a' } });
    // Upstream cidrset.AllocateNext scans on from nextCandidate, so n4 takes the fourth, not n2's.
    expect(sim.api.get<Node>('Node', 'n4')!.spec.podCIDR).toBe('10.64.3.0/24');
  });

  it('reports InternalIP and Hostname addresses and gives pods IPs from the node\'s CIDR, from .2', () => {
    const sim = new Simulation({ nodes: nodes(2) });
    for (const name of ['a', 'b']) {
      sim.schedule(0, { do: 'apply', object: { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName: 'n2', containers: [{ name: 'c', image: 'nginx' }] } } });
    }
    sim.runUntil(5_000);
    const node = sim.api.get<Node>('Node', 'n2')!;
    expect(node.status.addresses).toEqual([
      { type: 'InternalIP', address: '172.18.0.4' },
      { type: 'Hostname', address: 'n2' },
    ]);
    expect(node.status.nodeInfo).toMatchObject({ kubeletVersion: 'v1.32.0', operatingSystem: 'linux', containerRuntimeVersion: 'containerd://1.7.24' });
    const ips = ['a', 'b'].map((n) => sim.api.get<Pod>('Pod', n, 'default')!.status.podIP);
    expect(ips).toEqual(['10.64.1.2', '10.64.1.3']);
    expect(sim.api.get<Pod>('Pod', 'a', 'default')!.status.hostIP).toBe('172.18.0.4');
  });

  it('gives Services ClusterIPs from 10.0.0.0/24, the kubernetes Service 10.0.0.1', () => {
    const sim = new Simulation({ nodes: nodes(1) });
    const kubernetes = sim.api.get<Service>('Service', 'kubernetes', 'default')!;
    expect(kubernetes.spec.clusterIP).toBe('10.0.0.1');
    expect(sim.api.get('EndpointSlice', 'kubernetes', 'default')).toBeDefined();
    const range = parseCidr('10.0.0.0/24')!;
    const web = sim.api.create<Service>(service('web'));
    const ip = parseIPv4(web.spec.clusterIP!)!;
    expect(cidrContains(range, ip)).toBe(true);
    // Dynamic allocation takes the upper band first (ServiceIPStaticSubrange: the lower 16 are kept for names).
    expect(ip - range.base).toBeGreaterThanOrEqual(16);
    expect(web.spec.clusterIPs).toEqual([web.spec.clusterIP]);
    expect(sim.api.create<Service>(service('dns', '10.0.0.10')).spec.clusterIP).toBe('10.0.0.10');
    expect(() => sim.api.create(service('dup', '10.0.0.10'))).toThrow(
      expect.objectContaining({
        reason: 'Invalid',
        message: 'Service "dup" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.10"}: failed to allocate IP 10.0.0.10: provided IP is already allocated',
        fieldCauses: [expect.objectContaining({ path: ['spec', 'clusterIPs'] })],
      }),
    );
    expect(() => sim.api.create(service('far', '192.168.0.1'))).toThrow(
      'failed to allocate IP 192.168.0.1: the provided IP (192.168.0.1) is not in the valid range. The range of valid IPs is 10.0.0.0/24',
    );
    expect(() => sim.api.apply(service('web', '10.0.0.200'))).toThrow('may not change once set');
    expect(sim.api.apply<Service>({ ...service('web'), metadata: { name: 'web', namespace: 'default', labels: { x: 'y' } } }).spec.clusterIP).toBe(web.spec.clusterIP);
    expect(sim.api.create<Service>({ ...service('headless'), spec: { clusterIP: 'None', selector: { app: 'x' } } }).spec.clusterIP).toBe('None');
  });

  it('draws ClusterIPs the same way for the same seed, and refuses once the range is full', () => {
    const draw = () => {
      const sim = new Simulation({ seed: 7 });
      return [1, 2, 3].map((i) => sim.api.create<Service>(service(`s${i}`)).spec.clusterIP);
    };
    expect(draw()).toEqual(draw());
    const sim = new Simulation({});
    // 254 usable addresses, one is the kubernetes Service's.
    for (let i = 0; i < 253; i++) sim.api.create(service(`s${i}`));
    expect(() => sim.api.create(service('last'))).toThrow('failed to allocate a serviceIP: range is full');
  });
});
