import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { DEFAULT_SEED, OPENING_SPEED } from './actions';
import { ErrorBoundary } from './chrome/ErrorBoundary';
import { bootCommandFromSearch } from './chrome/large-cluster';
import { followSelection } from './chrome/side-tabs';
import { connectSimulation, sendCommand } from './sim-client';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root element missing from index.html');

// Outside React, so StrictMode's double effects cannot start two workers.
// `?nodes=100&pods=3000` boots a bigger cluster (see large-cluster.ts).
connectSimulation(bootCommandFromSearch(window.location.search, DEFAULT_SEED));
// The first screen is the default cluster, running. `?paused` opens it
// paused at t = 0 (the end-to-end tests drive time themselves).
const params = new URLSearchParams(window.location.search);
if (!params.has('nodes') && !params.has('paused')) {
  sendCommand({ type: 'speed', factor: OPENING_SPEED });
  sendCommand({ type: 'play' });
}

// The side panel shows the inspector when something is selected (outside React: one render for both).
followSelection();

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
