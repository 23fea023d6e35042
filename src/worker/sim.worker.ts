/**
 * The Web Worker that owns the simulation. Commands arrive as messages; a
 * pacing loop turns wall time into simulated time about once per animation
 * frame and posts at most one diff per tick (see session.ts).
 */
import type { SimCommand, SimFrame, WorkerFault } from '../protocol/messages';
import { SimSession } from './session';

/** The part of DedicatedWorkerGlobalScope we use (the app's tsconfig has the DOM lib, not the worker one). */
interface WorkerScope {
  name: string;
  close(): void;
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

/** The page names the worker "simulation test-faults" when it was opened with ?test-faults; only then are faults obeyed. */
const FAULTS_ALLOWED = scope.name.split(' ').includes('test-faults');

function injectFault(fault: WorkerFault): void {
  if (!FAULTS_ALLOWED) {
    scope.postMessage({ type: 'error', message: 'fault injection is for tests only (open the page with ?test-faults)' });
    return;
  }
  if (fault === 'close') return scope.close();
  if (fault === 'throw') {
    // Outside any handler, so it is uncaught, as a bug in the engine's timers would be.
    setTimeout(() => {
      throw new Error('injected fault: an uncaught error in the simulation worker');
    });
    return;
  }
  // 'hang': a busy loop the worker never leaves.
  for (;;) {
    if (scope.name === '\u0000') break;
  }
}

scope.onmessage = (event) => {
  const command = event.data;
  // The heartbeat is answered before anything else, so only a worker that is truly stuck misses it.
  if (command.type === 'ping') return scope.postMessage({ type: 'pong', seq: command.seq });
  if (command.type === 'fault') return injectFault(command.fault);
  session.handle(command);
};
scope.onmessageerror = () => scope.postMessage({ type: 'error', message: 'the worker received a message it could not read' });
