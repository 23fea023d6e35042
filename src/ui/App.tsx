/**
 * The page as an app: a header, the stage (graph or tables) with the side
 * panel beside it, the timeline dock below; the page itself never scrolls on
 * a desktop. Panel sizes and tabs live in chrome/layout-state.ts.
 */
import { useCallback, useState } from 'react';
import './chrome/shell.css';
import { Dock } from './chrome/Dock';
import { EventAnnouncer } from './chrome/EventAnnouncer';
import { Header } from './chrome/Header';
import { Hint } from './chrome/Hint';
import { useLayout } from './chrome/layout-state';
import { ScenarioFile, ScenarioRejected } from './chrome/ScenarioFile';
import { ShortcutsHelp } from './chrome/ShortcutsHelp';
import { SidePanel } from './chrome/SidePanel';
import { SkipLink } from './chrome/SkipLink';
import { StatusBanner } from './chrome/StatusBanner';
import { useKeyboardShortcuts } from './chrome/use-keyboard-shortcuts';
import { ViewTabs } from './chrome/ViewTabs';
import { GraphView } from './graph/GraphView';
import { useSim } from './store';
import { NodesTable } from './tables/NodesTable';
import { PodsTable } from './tables/PodsTable';
import { WorkloadsTable } from './tables/WorkloadsTable';
import { ZonesSection } from './tables/ZonesSection';
import { useWorkerHealth } from './worker-health';
import { ErrorBoundary } from './chrome/ErrorBoundary';

export function App() {
  const [helpOpen, setHelpOpen] = useState(false);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  const closeHelp = useCallback(() => setHelpOpen(false), []);
  useKeyboardShortcuts(openHelp);
  const booted = useSim((s) => s.session.status === 'running');
  const view = useLayout((s) => s.view);
  // A worker that failed to load is said so by WorkerAlert; "Loading…" must not stay under it.
  const workerFailed = useWorkerHealth((s) => s.health.state === 'crashed' || s.health.state === 'unresponsive');
  return (
    <div className="app">
      <SkipLink />
      <ErrorBoundary label="The header">
        <Header onHelp={openHelp} />
      </ErrorBoundary>
      <ShortcutsHelp open={helpOpen} onClose={closeHelp} />
      <ScenarioFile />
      <div className="workspace">
        <main className="stage">
          <div className="stage-bar">
            <ViewTabs />
          </div>
          <StatusBanner />
          <ScenarioRejected />
          <Hint />
          {booted ? (
            <div role="tabpanel" id={`panel-${view}`} aria-labelledby={`tab-${view}`} className={`view-panel view-${view}`}>
              {view === 'graph' ? (
                <ErrorBoundary label="The graph">
                  <GraphView />
                </ErrorBoundary>
              ) : (
                <ErrorBoundary label="The tables">
                  <div className="tables">
                    <ZonesSection />
                    <NodesTable />
                    <WorkloadsTable />
                    <PodsTable />
                  </div>
                </ErrorBoundary>
              )}
            </div>
          ) : workerFailed ? null : (
            <p role="status" className="loading">
              Loading the simulation…
            </p>
          )}
        </main>
        {booted && (
          <ErrorBoundary label="The side panel">
            <SidePanel />
          </ErrorBoundary>
        )}
      </div>
      <ErrorBoundary label="The timeline">
        <Dock />
      </ErrorBoundary>
      <EventAnnouncer />
    </div>
  );
}
