/** What the page can ask of the simulation. Each posts one command; the result arrives as frames. */
import type { SimAction } from '../protocol/messages';
import { sendCommand } from './sim-client';
import { useSim } from './store';

export const DEFAULT_SEED = 1;
export const SPEEDS = [1, 10, 60, 600] as const;

export const play = () => sendCommand({ type: 'play' });
export const pause = () => sendCommand({ type: 'pause' });
export const togglePlay = () => (useSim.getState().playback.playing ? pause() : play());
export const setSpeed = (factor: number) => sendCommand({ type: 'speed', factor });
export const step = (ms: number) => sendCommand({ type: 'step', ms });
export const runToNextEvent = () => sendCommand({ type: 'run-to-next-event' });
export const act = (action: SimAction) => sendCommand({ type: 'act', action });
export const reset = () => sendCommand({ type: 'boot', seed: useSim.getState().session.seed ?? DEFAULT_SEED });
