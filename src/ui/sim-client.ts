/**
 * The page's end of the worker connection: creates the worker, sends
 * commands, and feeds every frame into the store.
 */
import type { SimCommand, SimFrame } from '../protocol/messages';
import { applyFrame, reportError } from './store';

let worker: Worker | null = null;
const frameListeners = new Set<(frame: SimFrame) => void>();

/** Calls `listener` with every frame after the store took it (share/ follows recordings this way); returns the unsubscribe. */
export function subscribeFrames(listener: (frame: SimFrame) => void): () => void {
  frameListeners.add(listener);
  return () => frameListeners.delete(listener);
}

export function connectSimulation(boot: Extract<SimCommand, { type: 'boot' | 'boot-scenario' }>): void {
  if (worker) return;
  worker = new Worker(new URL('../worker/sim.worker.ts', import.meta.url), { type: 'module', name: 'simulation' });
  worker.onmessage = (event: MessageEvent<SimFrame>) => {
    try {
      applyFrame(event.data);
      for (const listener of frameListeners) listener(event.data);
    } catch (error) {
      reportError(`Could not apply an update from the simulation: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    reportError(`The simulation stopped: ${event.message || 'the worker failed to load'}`);
  };
  worker.onmessageerror = () => reportError('The simulation sent a message the page could not read.');
  worker.postMessage(boot);
}

export function sendCommand(command: SimCommand): void {
  if (!worker) {
    reportError('The simulation is not running.');
    return;
  }
  worker.postMessage(command);
}
