import { describe, expect, it } from 'vitest';
import { bootCommandFromSearch } from './large-cluster';

describe('bootCommandFromSearch', () => {
  it('boots the default cluster without parameters', () => {
    expect(bootCommandFromSearch('', 1)).toEqual({ type: 'boot', seed: 1 });
  });

  it('spreads nodes over zones and binds pods round-robin, with unique names', () => {
    const boot = bootCommandFromSearch('?nodes=100&pods=3000', 7);
    expect(boot.nodes).toHaveLength(100);
    expect(boot.objects).toHaveLength(3000);
    expect(new Set(boot.nodes!.map((n) => n.name)).size).toBe(100);
    expect(boot.nodes!.filter((n) => n.zone === 'zone-a')).toHaveLength(34);
    const names = boot.objects!.map((o) => o.metadata!.name);
    expect(new Set(names).size).toBe(3000);
    const onFirst = boot.objects!.filter((o) => (o.spec as { nodeName: string }).nodeName === 'zone-a-1');
    expect(onFirst).toHaveLength(30);
  });
});
