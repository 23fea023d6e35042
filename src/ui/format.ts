/** How the page prints simulated time: the engine's style ("1m55s"), at whole seconds. */

const SECOND_MS = 1000;

function hms(totalSeconds: number): string {
  if (totalSeconds === 0) return '0s';
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return `${hours ? `${hours}h` : ''}${minutes ? `${minutes}m` : ''}${seconds ? `${seconds}s` : ''}`;
}

/** A moment or an elapsed time, rounded down: 115 400 ms → "1m55s". */
export function formatSimTime(ms: number): string {
  return hms(Math.floor(Math.max(ms, 0) / SECOND_MS));
}

/** Time left, rounded up so a countdown reads "1s" until it fires: 251 200 ms → "4m12s". */
export function formatCountdown(ms: number): string {
  return hms(Math.ceil(Math.max(ms, 0) / SECOND_MS));
}

/** Simulated milliseconds of an API timestamp; undefined when there is none. */
export function simMsOf(timestamp: string | undefined | null, epochMs: number): number | undefined {
  if (!timestamp) return undefined;
  const parsed = Date.parse(timestamp);
  return Number.isNaN(parsed) ? undefined : parsed - epochMs;
}
