/**
 * The graph's Tab order, from the layout rather than from the DOM: at scale
 * React Flow draws only what is in view, so a card outside it has no element
 * for Tab to reach. Tab walks these stops (Pending area; per zone, its header
 * buttons then its cards row by row) and the canvas pans to each one (see
 * GraphView). Pure.
 */
import { ZONE_HEADER_H, type Box, type GraphLayout } from './layout';

export interface FocusStop {
  /** The element's data-stop attribute. */
  id: string;
  /** Where it is on the canvas (absolute canvas units). */
  box: Box;
}

export const PENDING_STOP = 'pending';
export const cardStop = (node: string) => `card:${node}`;
export const zoneAddStop = (zone: string) => `zone-add:${zone}`;
export const zoneMenuStop = (zone: string) => `zone-menu:${zone}`;

export function focusStops(layout: GraphLayout): FocusStop[] {
  const stops: FocusStop[] = [{ id: PENDING_STOP, box: layout.pending }];
  for (const zone of layout.zones) {
    // Nodes without a zone label gather in a group with no header buttons.
    if (zone.zone) {
      const header = { x: zone.x, y: zone.y, width: zone.width, height: ZONE_HEADER_H };
      stops.push({ id: zoneAddStop(zone.zone), box: header }, { id: zoneMenuStop(zone.zone), box: header });
    }
    for (const card of layout.cards) {
      if (card.zone !== zone.zone) continue;
      stops.push({ id: cardStop(card.node), box: { x: zone.x + card.x, y: zone.y + card.y, width: card.width, height: card.height } });
    }
  }
  return stops;
}

/** The stop after (or before) `id`; undefined past either end, where Tab leaves the graph as usual. */
export function stepStop(stops: readonly FocusStop[], id: string, direction: 1 | -1): FocusStop | undefined {
  const at = stops.findIndex((s) => s.id === id);
  return at < 0 ? undefined : stops[at + direction];
}

/** Whether a box is wholly inside the canvas's visible part, given React Flow's transform. */
export function boxInView(box: Box, [tx, ty, zoom]: readonly [number, number, number], viewWidth: number, viewHeight: number): boolean {
  const left = box.x * zoom + tx;
  const top = box.y * zoom + ty;
  return left >= 0 && top >= 0 && left + box.width * zoom <= viewWidth && top + box.height * zoom <= viewHeight;
}

/**
 * The node a "go to node" query means: the exact name, else the only name
 * that contains it (ignoring case). Otherwise how many match, so the box can say.
 */
export function findNode(names: readonly string[], query: string): { node: string } | { matches: number } {
  const q = query.trim();
  if (!q) return { matches: 0 };
  if (names.includes(q)) return { node: q };
  const lower = q.toLowerCase();
  const exact = names.filter((n) => n.toLowerCase() === lower);
  if (exact.length === 1) return { node: exact[0]! };
  const found = names.filter((n) => n.toLowerCase().includes(lower));
  return found.length === 1 ? { node: found[0]! } : { matches: found.length };
}
