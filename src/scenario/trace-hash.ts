/**
 * A short fingerprint of a trace (trace.ts), so the page and the command
 * line can say "the same run" without shipping the whole trace: cyrb53 (a
 * fast, well-mixed 53-bit string hash, public domain, bryc) over the trace's
 * JSON, written as 14 hex digits. Not cryptographic: it detects divergence,
 * not forgery.
 */
import type { TraceEntry } from './trace';

export function hashText(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/** The trace up to and including `untilMs` (a run goes on past the instant it is compared at). */
export function traceUntil(trace: readonly TraceEntry[], untilMs: number): TraceEntry[] {
  return trace.filter((entry) => entry.atMs <= untilMs);
}

/** The hash of the entries up to `untilMs`, one JSON line each. */
export function traceHash(trace: readonly TraceEntry[], untilMs: number): string {
  return hashText(traceUntil(trace, untilMs).map((entry) => JSON.stringify(entry)).join('\n'));
}
