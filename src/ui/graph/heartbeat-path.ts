/**
 * The heartbeat line's shape: straight up the card's column to `bendY`
 * (hidden behind the cards above it and the zone header), then a curve into
 * the API server. Also sampled as keyframes, so the pulse can run along it as
 * a transform animation, which the compositor plays without the main thread.
 */

export interface Point {
  x: number;
  y: number;
}

interface Shape {
  turn: number;
  pull: number;
}

function shape(sy: number, ty: number, bendY: number): Shape {
  const turn = Math.min(sy, bendY);
  return { turn, pull: Math.max(20, (turn - ty) / 2) };
}

export function heartbeatPath(sx: number, sy: number, tx: number, ty: number, bendY: number): string {
  const { turn, pull } = shape(sy, ty, bendY);
  return `M ${sx},${sy} L ${sx},${turn} C ${sx},${turn - pull} ${tx},${ty + pull} ${tx},${ty}`;
}

function bezier(p0: Point, p1: Point, p2: Point, p3: Point, t: number): Point {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return { x: a * p0.x + b * p1.x + c * p2.x + d * p3.x, y: a * p0.y + b * p1.y + c * p2.y + d * p3.y };
}

/**
 * Points along the curved part of the line (from above the zones into the
 * API server) with their share of its length (0 … 1), for Web Animations
 * keyframes. Only that part: pulses then all run in one strip above the
 * zones, which keeps the screen area repainted each frame small, and the
 * straight part is mostly hidden behind the cards anyway.
 */
export function heartbeatKeyframes(sx: number, sy: number, tx: number, ty: number, bendY: number, curveSteps = 10): (Point & { offset: number })[] {
  const { turn, pull } = shape(sy, ty, bendY);
  const points: Point[] = [];
  const p0 = { x: sx, y: turn };
  const p1 = { x: sx, y: turn - pull };
  const p2 = { x: tx, y: ty + pull };
  const p3 = { x: tx, y: ty };
  for (let i = 0; i <= curveSteps; i++) points.push(bezier(p0, p1, p2, p3, i / curveSteps));
  const lengths = [0];
  for (let i = 1; i < points.length; i++) lengths.push(lengths[i - 1]! + Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y));
  const total = lengths.at(-1)! || 1;
  return points.map((p, i) => ({ x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10, offset: lengths[i]! / total }));
}

/** Lease renewals come every 10 simulated seconds: a pulse must end before the next one starts. */
export function pulseDurationMs(speed: number): number {
  return Math.round(Math.min(700, Math.max(120, 8_000 / Math.max(speed, 1))));
}
