/**
 * The Web Worker that owns the simulation. Commands arrive as messages; a
 * pacing loop turns wall time into simulated time about once per animation
 * frame and posts at most one diff per tick (see session.ts).
 */
import type { SimCommand, SimFrame } from '../protocol/messages';
import { SimSession } from './session';

/** The part of DedicatedWorkerGlobalScope we use (the app's tsconfig has the DOM lib, not the worker one). */
interface WorkerScope {
  postMessage(message: SimFrame): void;
  onmessage: ((event: MessageEvent<SimCommand>) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
}

const TICK_MS = 16;
const scope = globalThis as unknown as WorkerScope;
let timer: ReturnType<typeof setTimeout> | null = null;

// A setTimeout chain rather than setInterval: a slow tick delays the next one
// instead of queueing a burst of them.
function loop(): void {
  session.tick();
  if (timer !== null) timer = setTimeout(loop, TICK_MS);
}

const session = new SimSession({
  post: (frame) => scope.postMessage(frame),
  wallNowMs: () => performance.now(),
  setTicking: (on) => {
    if (on && timer === null) timer = setTimeout(loop, TICK_MS);
    if (!on && timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
  },
});

scope.onmessage = (event) => session.handle(event.data);
scope.onmessageerror = () => scope.postMessage({ type: 'error', message: 'the worker received a message it could not read' });
