import { describe, expect, it } from 'vitest';
import { CARD_H, CARD_W, layoutGraph, naturalCompare, NO_ZONE, zoneColumns, type NodePlacement } from './layout';

const cluster = (zones: Record<string, number>): NodePlacement[] =>
  Object.entries(zones).flatMap(([zone, n]) => Array.from({ length: n }, (_, i) => ({ node: `${zone}-${i + 1}`, zone })));

function overlaps(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('naturalCompare', () => {
  it('orders digit runs as numbers and is total', () => {
    expect(['zone-a-10', 'zone-a-2', 'zone-a-1', 'zone-b-1'].sort(naturalCompare)).toEqual(['zone-a-1', 'zone-a-2', 'zone-a-10', 'zone-b-1']);
    expect(naturalCompare('n01', 'n1')).not.toBe(0);
    expect(naturalCompare('x', 'x')).toBe(0);
  });
});

describe('layoutGraph', () => {
  it('puts zones side by side in name order, one column of cards for small zones', () => {
    const layout = layoutGraph(cluster({ 'zone-c': 3, 'zone-a': 3, 'zone-b': 3 }));
    expect(layout.zones.map((z) => z.zone)).toEqual(['zone-a', 'zone-b', 'zone-c']);
    expect(layout.zones.every((z) => z.columns === 1)).toBe(true);
    const xs = layout.zones.map((z) => z.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(layout.cards.filter((c) => c.zone === 'zone-a').map((c) => c.node)).toEqual(['zone-a-1', 'zone-a-2', 'zone-a-3']);
  });

  it('is deterministic and ignores input order', () => {
    const placements = cluster({ 'zone-a': 5, 'zone-b': 2 });
    expect(layoutGraph([...placements].reverse())).toEqual(layoutGraph(placements));
  });

  it('keeps every card inside its zone, below the header, with no overlaps', () => {
    const layout = layoutGraph(cluster({ 'zone-a': 34, 'zone-b': 33, 'zone-c': 33 }));
    for (const card of layout.cards) {
      const zone = layout.zones.find((z) => z.zone === card.zone)!;
      expect(card.x + card.width).toBeLessThanOrEqual(zone.width);
      expect(card.y + card.height).toBeLessThanOrEqual(zone.height);
      expect(card.width).toBe(CARD_W);
      expect(card.height).toBe(CARD_H);
    }
    const absolute = layout.cards.map((c) => {
      const zone = layout.zones.find((z) => z.zone === c.zone)!;
      return { ...c, x: zone.x + c.x, y: zone.y + c.y };
    });
    for (let i = 0; i < absolute.length; i++) {
      for (let j = i + 1; j < absolute.length; j++) expect(overlaps(absolute[i]!, absolute[j]!)).toBe(false);
    }
    for (let i = 0; i < layout.zones.length - 1; i++) expect(overlaps(layout.zones[i]!, layout.zones[i + 1]!)).toBe(false);
    expect(overlaps(layout.controlPlane, layout.pending)).toBe(false);
    for (const zone of layout.zones) expect(overlaps(zone, layout.controlPlane)).toBe(false);
  });

  it('does not move other zones or earlier cards when a node joins a zone of the same shape', () => {
    const before = layoutGraph(cluster({ 'zone-a': 5, 'zone-b': 3 }));
    const after = layoutGraph([...cluster({ 'zone-a': 5, 'zone-b': 3 }), { node: 'zone-a-6', zone: 'zone-a' }]);
    expect(after.zones).toEqual(before.zones);
    for (const card of before.cards) expect(after.cards).toContainEqual(card);
  });


  it('gathers nodes without a zone in a last group', () => {
    const layout = layoutGraph([{ node: 'x', zone: NO_ZONE }, { node: 'a-1', zone: 'a' }]);
    expect(layout.zones.map((z) => z.zone)).toEqual(['a', NO_ZONE]);
  });

  it('grows columns with zone size', () => {
    expect([1, 3, 4, 5, 9, 10, 34, 100].map(zoneColumns)).toEqual([1, 1, 1, 3, 3, 4, 6, 10]);
  });

  it('lays out an empty cluster', () => {
    const layout = layoutGraph([]);
    expect(layout.zones).toEqual([]);
    expect(layout.width).toBeGreaterThan(0);
  });
});
