/** What a lesson link asks for (`?lesson=<id>&step=<step id>&speed=N`), as commands. Pure. */
import type { SimCommand } from '../../protocol/messages';

/**
 * `?speed=N`: every lesson step plays at N× (1–600) instead of its own
 * speed: for a teacher in a hurry, and for the end-to-end tests.
 */
export function fixedSpeedFrom(search: string): number | null {
  const raw = new URLSearchParams(search).get('speed');
  if (raw === null || !/^\d+$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 && n <= 600 ? n : null;
}

/** The commands that follow a lesson's boot: the fixed speed, then the step to open (by id or index). */
export function lessonAfter(entry: { steps: { id: string }[] } | null, step: string | number | null, search: string): SimCommand[] {
  const after: SimCommand[] = [];
  const speed = fixedSpeedFrom(search);
  if (speed !== null) after.push({ type: 'lesson', command: { do: 'speed', factor: speed } }, { type: 'speed', factor: speed });
  const index = typeof step === 'number' ? step : step !== null && entry ? entry.steps.findIndex((s) => s.id === step) : -1;
  if (index > 0) after.push({ type: 'lesson', command: { do: 'goto', step: index } });
  return after;
}

