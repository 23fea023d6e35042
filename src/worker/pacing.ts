/**
 * Wall time to simulated time: each tick turns the wall milliseconds since
 * the previous one into simulated milliseconds at the chosen speed. The
 * engine's clock moves in whole milliseconds, so the fraction left over is
 * carried to the next tick rather than lost (at speed 1.5 and 16 ms ticks,
 * 24 ms a tick; at odd frame times the fractions add up). Pure: the session
 * keeps the state.
 */

export const MIN_SPEED = 1;
export const MAX_SPEED = 600;
/** Wall time one tick may account for: after a stall the sim skips ahead at most this much × speed. */
export const MAX_WALL_MS_PER_TICK = 100;

export interface Pace {
  /** Wall-clock ms of the previous tick (or of play). */
  lastWallMs: number;
  /** Simulated ms owed below 1 ms, carried to the next tick. */
  carryMs: number;
}

/** The pace at a fresh start (play, boot): nothing owed. */
export function startPace(wallMs: number): Pace {
  return { lastWallMs: wallMs, carryMs: 0 };
}

/** One tick at `wallMs`: whole simulated ms to run now, and the pace to keep. */
export function tickPace(pace: Pace, wallMs: number, speed: number): { simMs: number; pace: Pace } {
  const elapsedMs = Math.min(Math.max(wallMs - pace.lastWallMs, 0), MAX_WALL_MS_PER_TICK);
  const owedMs = elapsedMs * speed + pace.carryMs;
  const simMs = Math.floor(owedMs);
  return { simMs, pace: { lastWallMs: wallMs, carryMs: owedMs - simMs } };
}

/** The speed a `speed` command asks for, clamped to MIN_SPEED … MAX_SPEED. */
export function clampSpeed(factor: number): number {
  if (!Number.isFinite(factor)) throw new Error(`speed must be a number, got ${String(factor)}`);
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, factor));
}
