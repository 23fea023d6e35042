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

// One-entry memos: most calls in an instant ask about that instant.
let lastMs = NaN;
let lastTimestamp = '';
let lastParsed = '';
let lastParsedMs = NaN;

/** RFC 3339 timestamp of simulated time `ms`. */
export function toTimestamp(ms: number): string {
  if (ms !== lastMs) {
    lastTimestamp = new Date(SIM_EPOCH_MS + ms).toISOString();
    lastMs = ms;
  }
  return lastTimestamp;
}

/** Simulated milliseconds of an RFC 3339 timestamp. */
export function fromTimestamp(timestamp: string): number {
  if (timestamp !== lastParsed) {
    const parsed = parseCanonical(timestamp) ?? Date.parse(timestamp);
    if (Number.isNaN(parsed)) throw new Error(`invalid timestamp "${timestamp}"`);
    lastParsedMs = parsed - SIM_EPOCH_MS;
    lastParsed = timestamp;
  }
  return lastParsedMs;
}

const DIGIT_0 = 48;

/** The decimal number in t[from, to), NaN if a character is not a digit. */
function digits(t: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const d = t.charCodeAt(i) - DIGIT_0;
    if (d < 0 || d > 9) return NaN;
    value = value * 10 + d;
  }
  return value;
}

/**
 * toTimestamp's own form, "YYYY-MM-DDTHH:MM:SS.mmmZ", read digit by digit
 * (Date.parse is the slow part of comparing heartbeats on every monitor
 * pass); undefined for any other form.
 */
function parseCanonical(t: string): number | undefined {
  if (t.length !== 24 || t[4] !== '-' || t[7] !== '-' || t[10] !== 'T' || t[13] !== ':' || t[16] !== ':' || t[19] !== '.' || t[23] !== 'Z') return undefined;
  const month = digits(t, 5, 7);
  const day = digits(t, 8, 10);
  const hour = digits(t, 11, 13);
  const minute = digits(t, 14, 16);
  const second = digits(t, 17, 19);
  // Out-of-range fields go to Date.parse, which decides (as it always did).
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 24 && minute <= 59 && second <= 59)) return undefined;
  const ms = Date.UTC(digits(t, 0, 4), month - 1, day, hour, minute, second, digits(t, 20, 23));
  return Number.isNaN(ms) ? undefined : ms;
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
