/**
 * "Restart from the last checkpoint", after the worker hung or crashed: a
 * fresh worker replays the session as the page last heard it (what was
 * booted, the recorded inputs, the instant shown), the same state the saved
 * session holds; with nothing heard, the saved session in IndexedDB. So a
 * crash loses at most what the worker did after its last frame.
 */
import { formatSimTime } from '../format';
import { restartWith, startOver } from '../sim-client';
import { select } from '../selection';
import { DEFAULT_SEED } from '../actions';
import { loadProgress } from '../lessons/progress';
import type { RunState } from './run-state';
import { loadSession } from './saved-session';
import { sessionStore } from './persist';
import { currentRunState } from './share-store';
import { openingOf } from './startup';

/** The state a restart brings back: the page's own, else the saved session; null when there is neither. */
export async function lastCheckpoint(): Promise<RunState | null> {
  const held = currentRunState();
  if (held) return held;
  try {
    return (await loadSession(sessionStore(), new Date())).session;
  } catch {
    return null;
  }
}

/** "t = 1m20s, with 2 actions": what the restart brings back, for the alert. */
export function describeCheckpoint(state: RunState): string {
  const actions = state.inputs.length;
  return `t = ${formatSimTime(state.viewMs)}, with ${actions === 0 ? 'no actions' : actions === 1 ? '1 action' : `${actions} actions`}`;
}

export async function restartFromCheckpoint(): Promise<void> {
  const state = await lastCheckpoint();
  if (!state) return startOver(DEFAULT_SEED);
  const opening = openingOf(state, await loadProgress().catch(() => ({})));
  restartWith(opening.boot, opening.after);
  if (opening.selection) select(opening.selection);
}
