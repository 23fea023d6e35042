import { useEffect } from 'react';
import { runToNextEvent, setSpeed, SPEEDS, step, togglePlay } from '../actions';
import { useSim } from '../store';
import { goLive, seekToMarker } from '../timeline/timeline-actions';

/** Where Space already means something: typing, choosing, pressing. */
const SPACE_TAKEN = 'input, select, textarea, button, a[href], summary, [contenteditable]:not([contenteditable="false"]), [role="button"], .editor-cm';
/** Where any printable key is the user's typing. */
const TYPING = 'input, select, textarea, [contenteditable]:not([contenteditable="false"]), .editor-cm';

/** The page-wide keys, as the help dialog lists them. */
export const GLOBAL_SHORTCUTS: readonly { keys: string[]; what: string }[] = [
  { keys: ['Space'], what: 'play / pause' },
  { keys: ['.'], what: 'step +1 s' },
  { keys: ['>'], what: 'step +10 s' },
  { keys: ['m'], what: 'step +1 min' },
  { keys: ['n'], what: 'run to the next Kubernetes event' },
  { keys: ['+'], what: 'faster (next speed up)' },
  { keys: ['-'], what: 'slower (next speed down)' },
  { keys: ['/'], what: 'go to a node by name' },
  { keys: ['[', ']'], what: 'timeline: previous / next marker' },
  { keys: ['←', '→'], what: 'on the timeline: 1 s back / on (Shift: 10 s, Page Up/Down: 1 min, Home/End: start/latest)' },
  { keys: ['l'], what: 'back to live (after viewing the past)' },
  { keys: ['?'], what: 'this list of shortcuts' },
];

/** The speed one notch up or down the speed menu from `current`. */
export function nextSpeed(current: number, direction: 1 | -1): number {
  if (direction > 0) return SPEEDS.find((s) => s > current) ?? SPEEDS.at(-1)!;
  return [...SPEEDS].reverse().find((s) => s < current) ?? SPEEDS[0];
}

function backToLive(): void {
  if (!useSim.getState().timeline.live) goLive();
}

const KEYS: Record<string, () => void> = {
  '.': () => step(1_000),
  '>': () => step(10_000),
  m: () => step(60_000),
  n: () => runToNextEvent(),
  '+': () => setSpeed(nextSpeed(useSim.getState().playback.speed, 1)),
  '=': () => setSpeed(nextSpeed(useSim.getState().playback.speed, 1)),
  '-': () => setSpeed(nextSpeed(useSim.getState().playback.speed, -1)),
  '[': () => seekToMarker(-1),
  ']': () => seekToMarker(1),
  l: backToLive,
  L: backToLive,
};

export function useKeyboardShortcuts(openHelp: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.repeat || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target instanceof Element ? event.target : null;
      if (event.key === ' ') {
        if (event.shiftKey || target?.closest(SPACE_TAKEN)) return;
        event.preventDefault();
        togglePlay();
        return;
      }
      if (target?.closest(TYPING) || target?.closest('dialog[open], [role="menu"]')) return;
      if (event.key === '?') {
        event.preventDefault();
        openHelp();
        return;
      }
      const action = KEYS[event.key];
      if (!action || useSim.getState().session.status !== 'running') return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [openHelp]);
}
