import { describe, expect, it } from 'vitest';
import { boxInView, findNode, focusStops, stepStop } from './focus-order';
import { layoutGraph, NO_ZONE } from './layout';

const layout = layoutGraph([
  { node: 'zone-b-1', zone: 'zone-b' },
  { node: 'zone-a-2', zone: 'zone-a' },
  { node: 'zone-a-10', zone: 'zone-a' },
  { node: 'zone-a-1', zone: 'zone-a' },
  { node: 'loose', zone: NO_ZONE },
]);

describe('focus order', () => {
  it('goes Pending, then zone by zone: header buttons, then cards in name order', () => {
    expect(focusStops(layout).map((s) => s.id)).toEqual([
      'pending',
      'zone-add:zone-a',
      'zone-menu:zone-a',
      'card:zone-a-1',
      'card:zone-a-2',
      'card:zone-a-10',
      'zone-add:zone-b',
      'zone-menu:zone-b',
      'card:zone-b-1',
      'card:loose',
    ]);
  });

  it('places each card where the layout draws it, in canvas units', () => {
    const stops = focusStops(layout);
    const zoneB = layout.zones.find((z) => z.zone === 'zone-b')!;
    const card = layout.cards.find((c) => c.node === 'zone-b-1')!;
    expect(stops.find((s) => s.id === 'card:zone-b-1')!.box).toEqual({ x: zoneB.x + card.x, y: zoneB.y + card.y, width: card.width, height: card.height });
  });

  it('steps forward and back, and lets Tab leave past either end', () => {
    const stops = focusStops(layout);
    expect(stepStop(stops, 'card:zone-a-10', 1)?.id).toBe('zone-add:zone-b');
    expect(stepStop(stops, 'zone-add:zone-b', -1)?.id).toBe('card:zone-a-10');
    expect(stepStop(stops, 'card:loose', 1)).toBeUndefined();
    expect(stepStop(stops, 'pending', -1)).toBeUndefined();
    expect(stepStop(stops, 'nothing', 1)).toBeUndefined();
  });

  it('tells whether a box is wholly in view', () => {
    const box = { x: 100, y: 100, width: 50, height: 50 };
    expect(boxInView(box, [0, 0, 1], 200, 200)).toBe(true);
    expect(boxInView(box, [-120, 0, 1], 200, 200)).toBe(false);
    expect(boxInView(box, [0, 0, 2], 200, 200)).toBe(false);
    expect(boxInView(box, [0, 0, 0.5], 100, 100)).toBe(true);
  });
});

describe('findNode', () => {
  const names = ['zone-a-1', 'zone-a-10', 'zone-b-1'];
  it('takes the exact name, then a unique match ignoring case', () => {
    expect(findNode(names, 'zone-a-1')).toEqual({ node: 'zone-a-1' });
    expect(findNode(names, ' ZONE-B-1 ')).toEqual({ node: 'zone-b-1' });
    expect(findNode(names, 'a-10')).toEqual({ node: 'zone-a-10' });
  });

  it('says how many match when it cannot choose', () => {
    expect(findNode(names, 'zone')).toEqual({ matches: 3 });
    expect(findNode(names, 'zone-c')).toEqual({ matches: 0 });
    expect(findNode(names, '')).toEqual({ matches: 0 });
  });
});
