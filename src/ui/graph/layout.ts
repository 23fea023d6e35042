/**
 * Where everything sits on the canvas: a pure function of the cluster's
 * shape (zones and their nodes' names), never of their state, so a frame
 * that changes a condition, a pod or a lease cannot move anything. Cards have
 * one fixed size; what is inside them adapts (see NodeCard).
 */

export const CARD_W = 264;
export const CARD_H = 252;
export const CARD_GAP_X = 16;
/** Room above each card for its heartbeat label. */
export const CARD_GAP_Y = 40;
export const ZONE_PAD = 12;
export const ZONE_HEADER_H = 80;
export const ZONE_GAP = 28;
export const CONTROL_PLANE_W = 540;
export const CONTROL_PLANE_H = 96;
export const PENDING_W = 300;
export const TOP_ROW_GAP = 24;
/** Between the control plane and the zones, where the heartbeat edges fan in. */
export const TOP_GAP = 84;
/** Zones have no label for nodes without one; they gather here. */
export const NO_ZONE = '';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ZoneBox extends Box {
  zone: string;
  columns: number;
}

export interface CardBox extends Box {
  node: string;
  zone: string;
  /** Row in its zone: heartbeat lines of a column's cards run side by side, one lane per row. */
  row: number;
  rows: number;
}

/** Horizontal offset of a card's heartbeat line from its centre, so the lines of one column do not overlap. */
export const LANE_GAP = 8;
export function laneOffset(row: number, rows: number): number {
  return Math.round((row - (rows - 1) / 2) * LANE_GAP);
}

export interface GraphLayout {
  width: number;
  height: number;
  controlPlane: Box;
  pending: Box;
  zones: ZoneBox[];
  /** Node cards, positioned relative to their zone. */
  cards: CardBox[];
}

/** A node's name and zone: all the layout looks at. */
export interface NodePlacement {
  node: string;
  zone: string;
}

/** "zone-a-2" before "zone-a-10": compares digit runs as numbers; ties broken by plain order, so it is total. */
export function naturalCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    const nx = /^\d/.test(x) ? Number(x) : NaN;
    const ny = /^\d/.test(y) ? Number(y) : NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny) && nx !== ny) return nx - ny;
    return x < y ? -1 : 1;
  }
  if (pa.length !== pb.length) return pa.length - pb.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Card columns in a zone: one column up to 4 nodes, then about square. */
export function zoneColumns(nodeCount: number): number {
  return nodeCount <= 4 ? 1 : Math.ceil(Math.sqrt(nodeCount));
}

function zoneWidth(columns: number): number {
  return 2 * ZONE_PAD + columns * CARD_W + (columns - 1) * CARD_GAP_X;
}

/** Zones side by side in name order (nodes without a zone last); cards row by row in name order. */
export function layoutGraph(placements: readonly NodePlacement[]): GraphLayout {
  const byZone = new Map<string, string[]>();
  for (const { node, zone } of placements) {
    const list = byZone.get(zone) ?? [];
    list.push(node);
    byZone.set(zone, list);
  }
  const zoneNames = [...byZone.keys()].sort((a, b) => (a === NO_ZONE ? 1 : b === NO_ZONE ? -1 : naturalCompare(a, b)));
  const rows = Math.max(1, ...zoneNames.map((z) => Math.ceil(byZone.get(z)!.length / zoneColumns(byZone.get(z)!.length))));
  const zoneHeight = ZONE_HEADER_H + rows * (CARD_GAP_Y + CARD_H) + ZONE_PAD;
  const zonesWidth = zoneNames.reduce((sum, z) => sum + zoneWidth(zoneColumns(byZone.get(z)!.length)), 0) + Math.max(0, zoneNames.length - 1) * ZONE_GAP;
  const topRowWidth = CONTROL_PLANE_W + TOP_ROW_GAP + PENDING_W;
  const width = Math.max(zonesWidth, topRowWidth);
  const controlPlaneX = Math.round((width - CONTROL_PLANE_W) / 2);
  const pendingX = Math.min(controlPlaneX + CONTROL_PLANE_W + TOP_ROW_GAP, width - PENDING_W);
  const zonesY = CONTROL_PLANE_H + TOP_GAP;
  // The control plane stays centred; the pending area may only sit to its right.
  const controlPlane: Box = { x: Math.min(controlPlaneX, pendingX - TOP_ROW_GAP - CONTROL_PLANE_W), y: 0, width: CONTROL_PLANE_W, height: CONTROL_PLANE_H };

  const zones: ZoneBox[] = [];
  const cards: CardBox[] = [];
  let x = Math.round((width - zonesWidth) / 2);
  for (const zone of zoneNames) {
    const nodes = [...byZone.get(zone)!].sort(naturalCompare);
    const columns = zoneColumns(nodes.length);
    const zoneRows = Math.ceil(nodes.length / columns);
    const w = zoneWidth(columns);
    zones.push({ zone, columns, x, y: zonesY, width: w, height: zoneHeight });
    nodes.forEach((node, i) => {
      const column = i % columns;
      const row = Math.floor(i / columns);
      cards.push({
        node,
        zone,
        row,
        rows: zoneRows,
        x: ZONE_PAD + column * (CARD_W + CARD_GAP_X),
        y: ZONE_HEADER_H + CARD_GAP_Y + row * (CARD_H + CARD_GAP_Y),
        width: CARD_W,
        height: CARD_H,
      });
    });
    x += w + ZONE_GAP;
  }
  return {
    width,
    height: zonesY + zoneHeight,
    controlPlane,
    pending: { x: pendingX, y: 0, width: PENDING_W, height: CONTROL_PLANE_H },
    zones,
    cards,
  };
}
