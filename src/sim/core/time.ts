/**
 * Simulated time is integer milliseconds since the start of the run (t = 0).
 * API objects carry RFC 3339 timestamps, as on a real cluster; t = 0 is
 * SIM_EPOCH. Timestamps keep millisecond precision and a fixed width, so two
 * of them compare correctly as strings.
 */
export const SIM_EPOCH_MS = Date.UTC(2025, 0, 1);

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;

/** RFC 3339 timestamp of simulated time `ms`. */
export function toTimestamp(ms: number): string {
  return new Date(SIM_EPOCH_MS + ms).toISOString();
}

/** Simulated milliseconds of an RFC 3339 timestamp. */
export function fromTimestamp(timestamp: string): number {
  const parsed = Date.parse(timestamp);
  if (Number.isNaN(parsed)) throw new Error(`invalid timestamp "${timestamp}"`);
  return parsed - SIM_EPOCH_MS;
}

/** "1m55s", "55s", "500ms", "0s": how the CLI and the UI print durations. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const hours = Math.floor(rest / HOUR_MS);
  rest -= hours * HOUR_MS;
  const minutes = Math.floor(rest / MINUTE_MS);
  rest -= minutes * MINUTE_MS;
  const seconds = rest / SECOND_MS;
  let out = sign;
  if (hours) out += `${hours}h`;
  if (minutes) out += `${minutes}m`;
  if (seconds) out += Number.isInteger(seconds) ? `${seconds}s` : `${seconds.toFixed(3).replace(/0+$/, '')}s`;
  return out;
}

/** "115.000s": the fixed-width clock used in traces. */
export function formatClock(ms: number): string {
  return `${(ms / SECOND_MS).toFixed(3)}s`;
}
