import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { DEFAULT_SEED } from './actions';
import { ErrorBoundary } from './components/ErrorBoundary';
import { bootCommandFromSearch } from './graph/large-cluster';
import { connectSimulation } from './sim-client';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root element missing from index.html');

// Outside React, so StrictMode's double effects cannot start two workers.
// `?nodes=100&pods=3000` boots a bigger cluster (see large-cluster.ts).
connectSimulation(bootCommandFromSearch(window.location.search, DEFAULT_SEED));

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
