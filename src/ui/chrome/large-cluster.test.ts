import { describe, expect, it } from 'vitest';
import { bootCommandFromSearch } from './large-cluster';

describe('bootCommandFromSearch', () => {
  it('boots the default cluster without parameters', () => {
    expect(bootCommandFromSearch('', 1)).toEqual({ command: { type: 'boot', seed: 1 }, problems: [] });
  });

  it('spreads nodes over zones and binds pods round-robin, with unique names', () => {
    const { command: boot, problems } = bootCommandFromSearch('?nodes=100&pods=3000', 7);
    expect(problems).toEqual([]);
    expect(boot.nodes).toHaveLength(100);
    expect(boot.objects).toHaveLength(3000);
    expect(new Set(boot.nodes!.map((n) => n.name)).size).toBe(100);
    expect(boot.nodes!.filter((n) => n.zone === 'zone-a')).toHaveLength(34);
    const names = boot.objects!.map((o) => o.metadata!.name);
    expect(new Set(names).size).toBe(3000);
    const onFirst = boot.objects!.filter((o) => (o.spec as { nodeName: string }).nodeName === 'zone-a-1');
    expect(onFirst).toHaveLength(30);
  });

  it.each([
    ['?nodes=abc', '?nodes=abc is not allowed: nodes must be a whole number from 1 to 1,000 (a limit of the page)'],
    ['?nodes=-1', '?nodes=-1 is not allowed: nodes must be a whole number from 1 to 1,000 (a limit of the page)'],
    ['?nodes=0', '?nodes=0 is not allowed: nodes must be a whole number from 1 to 1,000 (a limit of the page)'],
    ['?nodes=1001', '?nodes=1001 is not allowed: nodes must be a whole number from 1 to 1,000 (a limit of the page)'],
    ['?nodes=2.5', '?nodes=2.5 is not allowed: nodes must be a whole number from 1 to 1,000 (a limit of the page)'],
    ['?nodes=0x10', '?nodes=0x10 is not allowed: nodes must be a whole number from 1 to 1,000 (a limit of the page)'],
    ['?nodes=100&pods=1e9', '?pods=1e9 is not allowed: pods must be a whole number from 0 to 11,000 (a limit of the page)'],
    ['?nodes=500&pods=40000', '?pods=40000 is not allowed: pods must be a whole number from 0 to 30,000 (a limit of the page)'],
    ['?nodes=10&zones=0', '?zones=0 is not allowed: zones must be a whole number from 1 to 10 (a limit of the page)'],
  ])('refuses %s with a message and boots the default cluster', (search, message) => {
    const { command, problems } = bootCommandFromSearch(search, 1);
    expect(command).toEqual({ type: 'boot', seed: 1 });
    expect(problems[0]).toBe(message);
  });

  it('says how many pods the nodes hold when ?pods is too many for them', () => {
    expect(bootCommandFromSearch('?nodes=10&pods=30000', 1).problems).toEqual([
      '?pods=30000 is not allowed: pods must be a whole number from 0 to 1,100 (a limit of the page)',
      "10 nodes hold at most 1,100 pods (110 each, the kubelet's maxPods)",
    ]);
  });
});
