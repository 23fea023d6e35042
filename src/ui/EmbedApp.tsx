import type { SyntheticEvent } from 'react';
import { useSim } from './store';
import { Clock } from './chrome/Clock';
import { PlaybackControls } from './chrome/PlaybackControls';
import { ErrorBoundary } from './chrome/ErrorBoundary';
import { GraphView } from './graph/GraphView';
import { useWorkerHealth } from './worker-health';
import { fullPlaygroundUrl } from './embed';

/** `?embed` (embed.ts): the graph, the clock and the play controls, and the way to the full playground. */
export function EmbedApp() {
  const booted = useSim((s) => s.session.status === 'running');
  const workerFailed = useWorkerHealth((s) => s.health.state === 'crashed' || s.health.state === 'unresponsive');
  // The run is encoded as the link is about to be followed (hover, focus, press), not on every frame.
  const refresh = (event: SyntheticEvent<HTMLAnchorElement>) => {
    event.currentTarget.href = fullPlaygroundUrl(window.location.href);
  };
  return (
    <div className="app app-embed">
      <header className="topbar embed-bar">
        <Clock />
        <PlaybackControls />
        <a
          className="embed-open"
          href={fullPlaygroundUrl(window.location.href)}
          target="_blank"
          rel="noopener"
          onPointerEnter={refresh}
          onPointerDown={refresh}
          onFocus={refresh}
          onClick={refresh}
        >
          Open in the full playground <span aria-hidden="true">↗</span>
          <span className="visually-hidden"> (opens in a new tab)</span>
        </a>
      </header>
      <main className="stage" id="graph-stage">
        {booted ? (
          <div className="view-panel view-graph">
            <ErrorBoundary label="The graph">
              <GraphView />
            </ErrorBoundary>
          </div>
        ) : workerFailed ? null : (
          <p role="status" className="loading">
            Loading the simulation…
          </p>
        )}
      </main>
    </div>
  );
}
