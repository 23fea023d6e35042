/**
 * What the timeline can ask of the simulation. Each posts one command; the
 * answer arrives as a snapshot frame and a timeline frame.
 */
import { sendCommand } from '../sim-client';
import { useSim } from '../store';
import { nextMarkerMs, previousMarkerMs } from './markers';
import { SeekThrottle } from './seek-throttle';

const nextFrame = (callback: () => void) => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(callback);
  else setTimeout(callback, 16);
};

const throttle = new SeekThrottle((atMs) => sendCommand({ type: 'seek', atMs }), nextFrame);

/**
 * The instant the page last asked for, and when (wall clock). Keys pressed
 * faster than the worker answers step from here, not from the older instant
 * the store still shows; after a short while the store is the truth again.
 */
let intent: { ms: number; atWallMs: number } | null = null;
const INTENT_TRUST_MS = 600;

function remember(atMs: number): void {
  intent = { ms: atMs, atWallMs: performance.now() };
}

/** Shows `atMs` now (a click, a key, the end of a drag). */
export function seek(atMs: number): void {
  remember(atMs);
  throttle.forget();
  throttle.request(atMs);
  throttle.flush();
}

/** Shows `atMs` soon: at most one seek per animation frame while the pointer drags. */
export function scrubTo(atMs: number): void {
  remember(atMs);
  throttle.request(atMs);
}

export function goLive(): void {
  intent = null;
  throttle.forget();
  sendCommand({ type: 'go-live' });
}

export function undoFork(): void {
  intent = null;
  throttle.forget();
  sendCommand({ type: 'undo-fork' });
}

/** The instant keyboard steps start from: the one just asked for, else the one shown. */
export function seekBaseMs(): number {
  if (intent && performance.now() - intent.atWallMs < INTENT_TRUST_MS) return intent.ms;
  return useSim.getState().timeline.viewMs;
}

/** Shows the previous (-1) or next (1) marker's instant; nothing past either end. */
export function seekToMarker(direction: -1 | 1): void {
  const { markers } = useSim.getState().timeline;
  const from = seekBaseMs();
  const target = direction < 0 ? previousMarkerMs(markers, from) : nextMarkerMs(markers, from);
  if (target !== null) seek(target);
}
