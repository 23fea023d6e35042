import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { DEFAULT_SEED } from './actions';
import { ErrorBoundary } from './components/ErrorBoundary';
import { bootCommandFromSearch } from './graph/large-cluster';
import { subscribeFrames } from './sim-client';
import { startSaving } from './share/persist';
import { takeFrame } from './share/share-store';
import { startSession } from './share/startup';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root element missing from index.html');

// Outside React, so StrictMode's double effects cannot start two workers.
// A share link, `?nodes=100&pods=3000` (see large-cluster.ts), the saved
// session, or else the default cluster running (`?paused`: paused at t = 0,
// the end-to-end tests drive time themselves): see share/startup.ts.
subscribeFrames(takeFrame);
startSaving();
void startSession(bootCommandFromSearch(window.location.search, DEFAULT_SEED));

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
