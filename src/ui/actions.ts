/** What the page can ask of the simulation. Each posts one command; the result arrives as frames. */
import type { SimAction } from '../protocol/messages';
import { create } from 'zustand';
import { sendCommand } from './sim-client';
import { useSim } from './store';

export const DEFAULT_SEED = 1;
export const SPEEDS = [1, 10, 60, 600] as const;
/** The speed the page opens at: a killed node goes Unknown in seconds, its pods are evicted within a minute. */
export const OPENING_SPEED = 10;

export const play = () => sendCommand({ type: 'play' });
export const pause = () => sendCommand({ type: 'pause' });
export const togglePlay = () => (useSim.getState().playback.playing ? pause() : play());
export const setSpeed = (factor: number) => sendCommand({ type: 'speed', factor });
export const step = (ms: number) => sendCommand({ type: 'step', ms });
export const runToNextEvent = () => sendCommand({ type: 'run-to-next-event' });
/** The last action the user asked for, numbered: the hint follows it (chrome/Hint.tsx). */
export const useLastAsked = create<{ action: SimAction | null; seq: number }>()(() => ({ action: null, seq: 0 }));
export const act = (action: SimAction) => {
  useLastAsked.setState((s) => ({ action, seq: s.seq + 1 }));
  sendCommand({ type: 'act', action });
};
/** Restarts what is loaded (the scenario file, or the cluster with its settings) from t = 0. */
export const reset = () => sendCommand({ type: 'reset' });
/** Leaves a scenario for the default cluster, at upstream's settings. */
export const openDefaultCluster = () => sendCommand({ type: 'boot', seed: DEFAULT_SEED });
