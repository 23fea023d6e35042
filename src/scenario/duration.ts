/**
 * Durations as the scenario format writes them (scenario-format.md, "Durations"):
 * a number of seconds, or a Go-style string such as `500ms`, `55s`, `5m`,
 * `1h`, `1m30s`. Simulated time is integer milliseconds, so a duration must
 * come to a whole number of milliseconds.
 */
import { parseQuantity } from '../sim/api/quantity';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = '(\\d+(?:\\.\\d*)?|\\.\\d+)(ms|s|m|h)';
const EXAMPLES = 'e.g. 30 (seconds), "500ms", "55s", "5m", "1h" or "1m30s"';

/** Milliseconds of a duration, or why it is not one. Negative durations are rejected. */
export function parseDuration(input: unknown): Parsed<number> {
  if (typeof input === 'number') return fromSeconds(input);
  if (typeof input !== 'string') return { ok: false, message: `expected a duration (${EXAMPLES}), found ${describeValue(input)}` };
  const text = input.trim();
  if (text === '0') return { ok: true, value: 0 };
  if (text === '') return { ok: false, message: `invalid duration "${input}" (${EXAMPLES})` };
  if (text.startsWith('-')) return { ok: false, message: `duration "${input}" must not be negative` };
  if (/^\d+(\.\d+)?$/.test(text)) {
    return { ok: false, message: `duration "${input}" has no unit: write ${text} (a number, seconds) or "${text}s"` };
  }
  const part = new RegExp(PART, 'y');
  let totalMs = 0;
  while (part.lastIndex < text.length) {
    const match = part.exec(text);
    if (!match) return { ok: false, message: `invalid duration "${input}" (${EXAMPLES})` };
    totalMs += Number(match[1]) * UNIT_MS[match[2]!]!;
  }
  return wholeMs(totalMs, input);
}

function fromSeconds(seconds: number): Parsed<number> {
  if (!Number.isFinite(seconds)) return { ok: false, message: `duration ${seconds} is not a finite number of seconds` };
  if (seconds < 0) return { ok: false, message: `duration ${seconds} must not be negative` };
  return wholeMs(seconds * 1000, seconds);
}

function wholeMs(ms: number, input: unknown): Parsed<number> {
  const rounded = Math.round(ms);
  // Allow for binary floating point (1.001 × 1000 = 1000.9999999999999).
  if (Math.abs(rounded - ms) > 1e-6) {
    return { ok: false, message: `duration ${JSON.stringify(input)} is not a whole number of milliseconds` };
  }
  if (!Number.isSafeInteger(rounded)) return { ok: false, message: `duration ${JSON.stringify(input)} is too long` };
  return { ok: true, value: rounded };
}

/** A resource quantity ("500m", "2", "512Mi", 4): its value in base units (cores for cpu). */
export function parseQuantityValue(input: unknown): Parsed<number> {
  if (typeof input !== 'string' && typeof input !== 'number') {
    return { ok: false, message: `expected a quantity (e.g. "500m", 2, "512Mi", "8Gi"), found ${describeValue(input)}` };
  }
  const value = parseQuantity(input);
  if (value === undefined) return { ok: false, message: `invalid quantity ${JSON.stringify(input)} (e.g. "500m", 2, "512Mi", "8Gi")` };
  if (value < 0) return { ok: false, message: `quantity ${JSON.stringify(input)} must not be negative` };
  return { ok: true, value };
}

/** "a string (\"x\")", "a mapping", "nothing": how error messages name what they found. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `a string (${JSON.stringify(value)})`;
    case 'number':
      return `a number (${value})`;
    case 'boolean':
      return `a boolean (${value})`;
    case 'object':
      return 'a mapping';
    default:
      return typeof value;
  }
}
