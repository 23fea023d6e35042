import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Root } from './lessons/Root';
import { DEFAULT_SEED } from './actions';
import { ErrorBoundary } from './chrome/ErrorBoundary';
import { bootCommandFromSearch } from './chrome/large-cluster';
import { followSelection } from './chrome/side-tabs';
import { followConsole } from './console/console-store';
import { UpdatePrompt } from './chrome/UpdatePrompt';
import { WorkerAlert } from './chrome/WorkerAlert';
import { TaskProgress } from './chrome/TaskProgress';
import { injectFault, subscribeFrames } from './sim-client';
import { reportError, useSim } from './store';
import { startSaving } from './share/persist';
import { takeFrame } from './share/share-store';
import { startSession } from './share/startup';
import { followLessonAddress } from './lessons/open-lesson';
import { followProgress } from './lessons/progress';
import { EMBED } from './embed';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root element missing from index.html');

// Outside React, so StrictMode's double effects cannot start two workers.
// A share link, `?nodes=100&pods=3000` (see large-cluster.ts), the saved
// session, or else the default cluster running (`?paused`: paused at t = 0,
// the end-to-end tests drive time themselves): see share/startup.ts.
const addressBoot = bootCommandFromSearch(window.location.search, DEFAULT_SEED);
subscribeFrames(takeFrame);
// An embedded page (?embed) is someone else's page: it keeps no saved session of its own.
if (!EMBED) startSaving();
void startSession(addressBoot.command);
if (addressBoot.problems.length > 0) {
  // Said once the default cluster is up: its first snapshot clears the error line.
  const message = `The address was not used: ${addressBoot.problems.join('; ')}. The default cluster opened instead.`;
  const stop = useSim.subscribe((state) => {
    if (state.session.status !== 'running') return;
    stop();
    reportError(message);
  });
}
const params = new URLSearchParams(window.location.search);

// The side panel shows the inspector when something is selected (outside React: one render for both).
followSelection();
// Lessons: the address follows the lesson and step shown; progress is kept (lessons/).
followLessonAddress();
followProgress((listener) =>
  useSim.subscribe((state, previous) => {
    const { info, state: at } = state.lesson;
    if (!info || !at || (at === previous.lesson.state && info === previous.lesson.info)) return;
    listener({ name: info.name, step: at.step, done: at.completed, finished: at.phase === 'finished' });
  }),
);
followConsole();

// The end-to-end tests inject worker faults through this (only with ?test-faults, see sim-client.ts).
if (params.has('test-faults')) Object.assign(window, { kpInjectFault: injectFault });

// The worker alert and the update prompt sit outside the app's boundary, so they show even if the app fails to draw.
createRoot(root).render(
  <StrictMode>
    <ErrorBoundary label="The worker alert">
      <WorkerAlert />
    </ErrorBoundary>
    <ErrorBoundary label="The progress bar">
      <TaskProgress />
    </ErrorBoundary>
    <ErrorBoundary label="The update prompt">
      <UpdatePrompt />
    </ErrorBoundary>
    <ErrorBoundary>
      <Root />
    </ErrorBoundary>
  </StrictMode>,
);
