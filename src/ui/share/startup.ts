/**
 * What the page opens on, in this order:
 *
 * 1. a share link in the fragment: exactly its state (boot with its inputs,
 *    seek to its instant, then its selection and speed), paused; a link that
 *    cannot be read opens the default cluster and says why in one line, and
 *    the saved session is left as it was;
 * 2. `?lesson=<id>` (and `&step=<step id>`): that built-in lesson, at that
 *    step (the steps before it done as they ask);
 * 3. `?nodes=…`: the large cluster the address asks for;
 * 4. the saved session: where the person left off, paused;
 * 5. a bare first visit (no saved session, nothing in the address): the
 *    home screen, the sandbox or a lesson to choose (`home`);
 * 6. otherwise (`?sandbox`, `?paused`, …) the default cluster, playing at
 *    the opening speed (`?paused`: paused at t = 0).
 *
 * A lesson (a scenario file with a `lesson` section) from a link or the
 * saved session boots from its start, and opens the step the learner was
 * on (saved progress) by doing what the steps before it ask: the lesson
 * player's state is not part of a recorded run.
 *
 * The fragment is removed once read, so a reload returns to the saved
 * session (where the person went since) rather than to the link's moment.
 */
import type { SimCommand } from '../../protocol/messages';
import { OPENING_SPEED } from '../actions';
import { connectSimulation, isConnected, sendCommand } from '../sim-client';
import { select } from '../selection';
import { decodeLink, isShareFragment } from './link-codec';
import type { RunState } from './run-state';
import { loadSession } from './saved-session';
import { holdSaving, restoreLayoutFrom, sessionStore } from './persist';
import { restoreHistory } from '../console/console-store';
import { showNotice } from './share-store';
import { findLesson, isLessonText, lessonNameOf } from '../lessons/catalog';
import { lessonAfter, lessonBoot, setSandboxOpening, showHome } from '../lessons/open-lesson';
import { loadProgress, type Progress } from '../lessons/progress';

type Boot = Extract<SimCommand, { type: 'boot' | 'boot-scenario' }>;

export interface Opening {
  /** Set when the page opens on the home screen: nothing is booted until the person chooses. */
  home?: true;
  boot: Boot;
  /** Sent once the boot is under way. */
  after: SimCommand[];
  selection: RunState['selection'];
}

/** The boot command that replays `state` and shows its instant. */
export function bootFor(state: RunState): Boot {
  return { ...state.boot, inputs: state.inputs, viewMs: state.viewMs, latestMs: state.latestMs };
}

/** What reopens `state`: its boot replayed to its instant, paused (a lesson from its start, at the saved step). */
export function openingOf(state: RunState, progress: Progress = {}, search = ''): Opening {
  const boot = state.boot;
  if (boot.type === 'boot-scenario' && isLessonText(boot.text)) {
    const name = lessonNameOf(boot.text);
    const saved = name !== undefined ? progress[name] : undefined;
    const step = saved && !saved.finished ? saved.step : null;
    return { boot, after: lessonAfter(null, step, search), selection: null };
  }
  return { boot: bootFor(state), after: [{ type: 'speed', factor: state.speed }], selection: state.selection };
}

function defaultOpening(defaultBoot: Boot, paused: boolean): Opening {
  const after: SimCommand[] = paused ? [] : [{ type: 'speed', factor: OPENING_SPEED }, { type: 'play' }];
  return { boot: defaultBoot, after, selection: null };
}

/** Decides what to open (see the module comment); `defaultBoot` is the default cluster or the `?nodes` one. */
export async function chooseOpening(location: Pick<Location, 'hash' | 'search'>, defaultBoot: Boot): Promise<Opening> {
  const params = new URLSearchParams(location.search);
  const progress = await loadProgress();
  if (isShareFragment(location.hash)) {
    const decoded = decodeLink(location.hash);
    if (decoded.ok) return openingOf(decoded.state, progress, location.search);
    showNotice(`${decoded.message} Opened the default cluster instead.`, 'problem');
    holdSaving();
    return defaultOpening(defaultBoot, true);
  }
  const lessonId = params.get('lesson');
  if (lessonId !== null) {
    const entry = findLesson(lessonId);
    if (entry) return { boot: lessonBoot(entry), after: lessonAfter(entry, params.get('step'), location.search), selection: null };
    showNotice(`There is no built-in lesson named "${lessonId}"; choose one here.`, 'problem');
    return { home: true, boot: defaultBoot, after: [], selection: null };
  }
  if (params.has('nodes')) return { boot: defaultBoot, after: [], selection: null };
  // An embedded page opens what its address says, never the visitor's own saved session.
  if (params.has('embed')) return defaultOpening(defaultBoot, params.has('paused'));
  const loaded = await loadSession(sessionStore(), new Date());
  if (loaded.notice) showNotice(loaded.notice, 'problem');
  // `?sandbox` asks for the cluster, not the lesson the person was in.
  const sandbox = params.has('sandbox');
  if (loaded.session && !(sandbox && loaded.session.boot.type === 'boot-scenario' && isLessonText(loaded.session.boot.text))) {
    restoreLayoutFrom(loaded.session.layout);
    restoreHistory(loaded.session.consoleHistory);
    return openingOf(loaded.session, progress, location.search);
  }
  if (location.search === '' && !loaded.session) return { home: true, ...defaultOpening(defaultBoot, false) };
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
  // The person opened something (a file, the home screen's choice) while the saved state was read: keep it.
  if (isConnected()) return;
  if (opening.home) {
    setSandboxOpening(opening.boot, opening.after);
    return showHome(true);
  }
  connectSimulation(opening.boot);
  for (const command of opening.after) sendCommand(command);
  if (opening.selection) select(opening.selection);
}
