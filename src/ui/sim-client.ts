/**
 * The page's end of the worker connection: creates the worker, sends
 * commands, feeds every frame into the store, and watches the worker
 * (worker-health.ts): a heartbeat with a deadline, and its error events.
 * A worker that hangs, dies or fails to load is said so, the clock stops,
 * and "Start over" replaces it with a fresh one on the default cluster, or
 * "Restart from the last checkpoint" with one replaying the session.
 */
import type { SimCommand, SimFrame, WorkerFault } from '../protocol/messages';
import { applyFrame, reportError, useSim } from './store';
import { PING_EVERY_MS, useWorkerHealth, Watchdog, type WorkerHealth } from './worker-health';


let worker: Worker | null = null;
let watchdog: Watchdog | null = null;
let heartbeat: ReturnType<typeof setInterval> | null = null;

/** `?test-faults` in the address lets the end-to-end tests inject worker faults (see injectFault). */
const TEST_FAULTS = typeof location !== 'undefined' && new URLSearchParams(location.search).has('test-faults');

const frameListeners = new Set<(frame: SimFrame) => void>();
const stopListeners = new Set<() => void>();

/** Calls `listener` with every frame after the store took it (share/ follows recordings this way); returns the unsubscribe. */
export function subscribeFrames(listener: (frame: SimFrame) => void): () => void {
  frameListeners.add(listener);
  return () => frameListeners.delete(listener);
}

/**
 * Calls `listener` when the worker is stopped (a hang or crash, or a restart
 * replacing it): requests waiting for its answer will never get one, so
 * their owners (the editor, the console) stop waiting. Returns the unsubscribe.
 */
export function onWorkerStopped(listener: () => void): () => void {
  stopListeners.add(listener);
  return () => stopListeners.delete(listener);
}

/** Whether a worker runs (the page may open on the home screen without one). */
export const isConnected = (): boolean => worker !== null;

export function connectSimulation(boot: Extract<SimCommand, { type: 'boot' | 'boot-scenario' }>): void {
  if (worker) return;
  const started = new Worker(new URL('../worker/sim.worker.ts', import.meta.url), {
    type: 'module',
    name: TEST_FAULTS ? 'simulation test-faults' : 'simulation',
  });
  worker = started;
  let loaded = false;
  const dog = new Watchdog(
    () => performance.now(),
    (seq) => started.postMessage({ type: 'ping', seq } satisfies SimCommand),
    (health) => report(health),
  );
  watchdog = dog;
  started.onmessage = (event: MessageEvent<SimFrame>) => {
    loaded = true;
    dog.heard();
    if (event.data.type === 'pong') return;
    try {
      applyFrame(event.data);
      for (const listener of frameListeners) listener(event.data);
    } catch (error) {
      reportError(`Could not apply an update from the simulation: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  started.onerror = (event) => {
    event.preventDefault();
    const message = loaded
      ? `The simulation crashed: ${event.message || 'an uncaught error in the worker'}.`
      : `The simulation could not start: ${event.message || 'its script failed to load'}.`;
    dog.crashed(message);
  };
  started.onmessageerror = () => reportError('The simulation sent a message the page could not read.');
  started.postMessage(boot);
  heartbeat = setInterval(() => dog.beat(), PING_EVERY_MS);
}

function report(health: WorkerHealth): void {
  if (useWorkerHealth.getState().health.state === health.state) return;
  useWorkerHealth.setState({ health });
  if (health.state === 'unresponsive' || health.state === 'crashed') {
    // The clock stops where it is, and the play button no longer claims the simulation is playing.
    useSim.setState((s) => ({ playback: { ...s.playback, playing: false } }));
    stopWorker();
  }
}

function stopWorker(): void {
  if (heartbeat !== null) clearInterval(heartbeat);
  heartbeat = null;
  watchdog?.stop();
  watchdog = null;
  const stopped = worker !== null;
  worker?.terminate();
  worker = null;
  if (stopped) for (const listener of stopListeners) listener();
}

/** After a hang or a crash: a fresh worker with the default cluster at t = 0, paused. */
export function startOver(seed: number): void {
  restartWith({ type: 'boot', seed }, []);
}

/** After a hang or a crash: a fresh worker booting `boot`, then sent `after` (share/recover.ts restores the last checkpoint this way). */
export function restartWith(boot: Extract<SimCommand, { type: 'boot' | 'boot-scenario' }>, after: readonly SimCommand[]): void {
  stopWorker();
  useWorkerHealth.setState({ health: { state: 'starting' } });
  useSim.setState((s) => ({ session: { ...s.session, error: null } }));
  connectSimulation(boot);
  for (const command of after) sendCommand(command);
}

export function sendCommand(command: SimCommand): void {
  if (!worker) {
    reportError('The simulation is not running: use "Start over" to start it again.');
    return;
  }
  worker.postMessage(command);
}

/** Test only (`?test-faults`): see the `fault` command in protocol/messages.ts. */
export function injectFault(fault: WorkerFault): void {
  if (TEST_FAULTS) sendCommand({ type: 'fault', fault });
}
