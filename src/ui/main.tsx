import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { DEFAULT_SEED, OPENING_SPEED } from './actions';
import { ErrorBoundary } from './components/ErrorBoundary';
import { bootCommandFromSearch } from './graph/large-cluster';
import { connectSimulation, sendCommand } from './sim-client';
import { reportError } from './store';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root element missing from index.html');

// Outside React, so StrictMode's double effects cannot start two workers.
// `?nodes=100&pods=3000` boots a bigger cluster (see large-cluster.ts).
const addressBoot = bootCommandFromSearch(window.location.search, DEFAULT_SEED);
connectSimulation(addressBoot.command);
if (addressBoot.problems.length > 0) reportError(`The address was not used: ${addressBoot.problems.join('; ')}. The default cluster opened instead.`);
// The first screen is the default cluster, running. `?paused` opens it
// paused at t = 0 (the end-to-end tests drive time themselves).
const params = new URLSearchParams(window.location.search);
if (!params.has('nodes') && !params.has('paused')) {
  sendCommand({ type: 'speed', factor: OPENING_SPEED });
  sendCommand({ type: 'play' });
}

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
