/** The layout as React Flow nodes and edges. Built only when the cluster's shape changes. */
import type { Edge, Node } from '@xyflow/react';
import { laneOffset, type GraphLayout } from './layout';

export const CONTROL_PLANE_ID = 'control-plane';
export const PENDING_ID = 'pending';
export const zoneId = (zone: string) => `zone:${zone}`;
export const cardId = (node: string) => `node:${node}`;

/** Nothing on the canvas is dragged, selected, or focused as a graph node: the cards manage their own focus. */
const STATIC = { draggable: false, selectable: false, connectable: false, focusable: false, deletable: false } as const;

export function flowNodes(layout: GraphLayout): Node[] {
  const nodes: Node[] = [
    { id: CONTROL_PLANE_ID, type: 'controlPlane', data: {}, ...box(layout.controlPlane), ...STATIC },
    { id: PENDING_ID, type: 'pending', data: {}, ...box(layout.pending), ...STATIC },
  ];
  for (const zone of layout.zones) {
    // Parents before their children, as React Flow requires; this is also the Tab order.
    nodes.push({ id: zoneId(zone.zone), type: 'zone', data: { zone: zone.zone }, ...box(zone), ...STATIC, zIndex: 0 });
    for (const card of layout.cards) {
      if (card.zone !== zone.zone) continue;
      nodes.push({ id: cardId(card.node), type: 'nodeCard', data: { name: card.node, lane: laneOffset(card.row, card.rows) }, parentId: zoneId(zone.zone), extent: 'parent', ...box(card), ...STATIC });
    }
  }
  return nodes;
}

/** Heartbeat lines rise straight up their card's column and bend towards the API server just above the zones. */
export function flowEdges(layout: GraphLayout): Edge[] {
  const bendY = Math.min(...layout.zones.map((z) => z.y)) - 14;
  return layout.cards.map((card) => ({
    id: `heartbeat:${card.node}`,
    type: 'heartbeat',
    source: cardId(card.node),
    sourceHandle: 'heartbeat',
    target: CONTROL_PLANE_ID,
    targetHandle: 'api',
    data: { node: card.node, bendY },
    // Below the zones (whose bodies are see-through), so the lines never cross a zone header.
    zIndex: -1,
    selectable: false,
    focusable: false,
    deletable: false,
    // The label, drawn in HTML, speaks for the line; the line itself is decoration.
    domAttributes: { 'aria-hidden': true },
  }));
}

function box(b: { x: number; y: number; width: number; height: number }) {
  return { position: { x: b.x, y: b.y }, width: b.width, height: b.height };
}
