/**
 * The timeline's one time axis, shared by the strip and the charts: where
 * an instant sits across the width, which instant a pointer is at, where
 * the ticks go, and how the slider reads aloud.
 */
import { formatSimTime } from '../format';

/** Keyboard steps on the slider, as the step buttons: 1 s, 10 s with Shift, 1 min with Page Up/Down. */
export const STEP_MS = 1_000;
export const SHIFT_STEP_MS = 10_000;
export const PAGE_STEP_MS = 60_000;

/** The instant under a pointer at `clientX` over a track spanning `left … left + width`, clamped to 0 … latestMs and whole milliseconds. */
export function msAtPosition(clientX: number, left: number, width: number, latestMs: number): number {
  if (width <= 0 || latestMs <= 0) return 0;
  const fraction = Math.min(Math.max((clientX - left) / width, 0), 1);
  return Math.round(fraction * latestMs);
}

/** Where `ms` sits across the axis, 0 … 1 (0 while nothing has run yet). */
export function fractionOf(ms: number, latestMs: number): number {
  if (latestMs <= 0) return 0;
  return Math.min(Math.max(ms / latestMs, 0), 1);
}

/** Tick spacings that read well as simulated time: seconds, then minutes, then hours. */
const TICK_STEPS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600].map((s) => s * 1000);

/** The smallest tick spacing that leaves at least `minGapPx` between ticks. */
export function tickStepMs(latestMs: number, widthPx: number, minGapPx = 64): number {
  if (latestMs <= 0 || widthPx <= 0) return TICK_STEPS_MS[0]!;
  const maxTicks = Math.max(1, Math.floor(widthPx / minGapPx));
  return TICK_STEPS_MS.find((step) => latestMs / step <= maxTicks) ?? TICK_STEPS_MS.at(-1)!;
}

/** Tick instants 0, step, 2·step … up to latestMs. */
export function ticks(latestMs: number, widthPx: number, minGapPx = 64): number[] {
  const step = tickStepMs(latestMs, widthPx, minGapPx);
  const out: number[] = [];
  for (let t = 0; t <= latestMs; t += step) out.push(t);
  return out;
}

/** "t = 6m12s": the page's way of writing a moment (the clock, the event log). */
export function formatMoment(ms: number): string {
  return `t = ${formatSimTime(ms)}`;
}

/** What the slider says: "t = 6m12s, viewing the past" or "t = 10m0s, live". */
export function sliderValueText(viewMs: number, live: boolean): string {
  return `${formatMoment(viewMs)}, ${live ? 'live' : 'viewing the past'}`;
}

/** Where a key on the slider moves the view to; null for keys the slider leaves alone. */
export function keyTarget(key: string, shift: boolean, fromMs: number, latestMs: number): number | null {
  const step = shift ? SHIFT_STEP_MS : STEP_MS;
  const clamp = (ms: number) => Math.min(Math.max(ms, 0), latestMs);
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return clamp(fromMs - step);
    case 'ArrowRight':
    case 'ArrowUp':
      return clamp(fromMs + step);
    case 'PageDown':
      return clamp(fromMs - PAGE_STEP_MS);
    case 'PageUp':
      return clamp(fromMs + PAGE_STEP_MS);
    case 'Home':
      return 0;
    case 'End':
      return latestMs;
    default:
      return null;
  }
}

/** A minute of the per-minute counts: "6m–7m" (events after 6m0s up to 7m0s). */
export function minuteLabel(minute: number): string {
  return `${formatSimTime(minute * 60_000)}–${formatSimTime((minute + 1) * 60_000)}`;
}
