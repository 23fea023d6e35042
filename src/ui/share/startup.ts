/**
 * What the page opens on, in this order:
 *
 * 1. a share link in the fragment: exactly its state (boot with its inputs,
 *    seek to its instant, then its selection and speed), paused; a link that
 *    cannot be read opens the default cluster and says why in one line, and
 *    the saved session is left as it was;
 * 2. `?nodes=…`: the large cluster the address asks for;
 * 3. the saved session: where the person left off, paused;
 * 4. otherwise the default cluster, playing at the opening speed
 *    (`?paused`: paused at t = 0).
 *
 * The fragment is removed once read, so a reload returns to the saved
 * session (where the person went since) rather than to the link's moment.
 */
import type { SimCommand } from '../../protocol/messages';
import { OPENING_SPEED } from '../actions';
import { connectSimulation, sendCommand } from '../sim-client';
import { select } from '../selection';
import { decodeLink, isShareFragment } from './link-codec';
import type { RunState } from './run-state';
import { loadSession } from './saved-session';
import { holdSaving, restoreLayoutFrom, sessionStore } from './persist';
import { restoreHistory } from '../console/console-store';
import { showNotice } from './share-store';

type Boot = Extract<SimCommand, { type: 'boot' | 'boot-scenario' }>;

export interface Opening {
  boot: Boot;
  /** Sent once the boot is under way. */
  after: SimCommand[];
  selection: RunState['selection'];
}

/** The boot command that replays `state` and shows its instant. */
export function bootFor(state: RunState): Boot {
  return { ...state.boot, inputs: state.inputs, viewMs: state.viewMs, latestMs: state.latestMs };
}

function openingOf(state: RunState): Opening {
  return { boot: bootFor(state), after: [{ type: 'speed', factor: state.speed }], selection: state.selection };
}

function defaultOpening(defaultBoot: Boot, paused: boolean): Opening {
  const after: SimCommand[] = paused ? [] : [{ type: 'speed', factor: OPENING_SPEED }, { type: 'play' }];
  return { boot: defaultBoot, after, selection: null };
}

/** Decides what to open (see the module comment); `defaultBoot` is the default cluster or the `?nodes` one. */
export async function chooseOpening(location: Pick<Location, 'hash' | 'search'>, defaultBoot: Boot): Promise<Opening> {
  const params = new URLSearchParams(location.search);
  if (isShareFragment(location.hash)) {
    const decoded = decodeLink(location.hash);
    if (decoded.ok) return openingOf(decoded.state);
    showNotice(`${decoded.message} Opened the default cluster instead.`, 'problem');
    holdSaving();
    return defaultOpening(defaultBoot, true);
  }
  if (params.has('nodes')) return { boot: defaultBoot, after: [], selection: null };
  const loaded = await loadSession(sessionStore(), new Date());
  if (loaded.notice) showNotice(loaded.notice, 'problem');
  if (loaded.session) {
    restoreLayoutFrom(loaded.session.layout);
    restoreHistory(loaded.session.consoleHistory);
    return openingOf(loaded.session);
  }
  return defaultOpening(defaultBoot, params.has('paused'));
}

/** Opens the page's first session and starts saving it. */
export async function startSession(defaultBoot: Boot): Promise<void> {
  let opening: Opening;
  try {
    opening = await chooseOpening(window.location, defaultBoot);
  } catch (error) {
    showNotice(`Could not restore the session (${error instanceof Error ? error.message : String(error)}); opened the default cluster.`, 'problem');
    opening = defaultOpening(defaultBoot, true);
  }
  if (isShareFragment(window.location.hash)) history.replaceState(history.state, '', window.location.pathname + window.location.search);
  connectSimulation(opening.boot);
  for (const command of opening.after) sendCommand(command);
  if (opening.selection) select(opening.selection);
}
