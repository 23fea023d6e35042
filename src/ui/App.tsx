import { useCallback, useState } from 'react';
import { ClusterSetup } from './components/ClusterSetup';
import { EventAnnouncer } from './components/EventAnnouncer';
import { EventsLog } from './components/EventsLog';
import { Header } from './components/Header';
import { Hint } from './components/Hint';
import { Inspector } from './components/Inspector';
import { NodesTable } from './components/NodesTable';
import { PodsTable } from './components/PodsTable';
import { ShortcutsHelp } from './components/ShortcutsHelp';
import { StatusBanner } from './components/StatusBanner';
import { WorkloadsTable } from './components/WorkloadsTable';
import { ZonesSection } from './components/ZonesSection';
import { GraphView } from './graph/GraphView';
import { RecentEvents } from './graph/RecentEvents';
import { ViewTabs, type View } from './graph/ViewTabs';
import { ErrorBoundary } from './components/ErrorBoundary';
import { useSim } from './store';
import { useWorkerHealth } from './worker-health';
import { useKeyboardShortcuts } from './use-keyboard-shortcuts';

export function App() {
  const [helpOpen, setHelpOpen] = useState(false);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  const closeHelp = useCallback(() => setHelpOpen(false), []);
  useKeyboardShortcuts(openHelp);
  const booted = useSim((s) => s.session.status === 'running');
  // A worker that failed to load is said so by WorkerAlert; "Loading…" must not stay under it.
  const workerFailed = useWorkerHealth((s) => s.health.state === 'crashed' || s.health.state === 'unresponsive');
  const [view, setView] = useState<View>('graph');
  return (
    <>
      <ErrorBoundary label="The header">
        <Header onHelp={openHelp} />
      </ErrorBoundary>
      <ShortcutsHelp open={helpOpen} onClose={closeHelp} />
      <main>
        <Hint />
        <StatusBanner />
        {booted ? (
          <>
            <ErrorBoundary label="The scenario and settings panel">
              <ClusterSetup />
            </ErrorBoundary>
            <ViewTabs view={view} onChange={setView} />
            <div role="tabpanel" id={`panel-${view}`} aria-labelledby={`tab-${view}`} className="view-panel">
              {view === 'graph' ? (
                <>
                  <ErrorBoundary label="The graph">
                    <GraphView />
                  </ErrorBoundary>
                  <ErrorBoundary label="The recent events">
                    <RecentEvents />
                  </ErrorBoundary>
                </>
              ) : (
                <ErrorBoundary label="The tables">
                  <ZonesSection />
                  <NodesTable />
                  <WorkloadsTable />
                  <div className="columns">
                    <PodsTable />
                    <EventsLog />
                  </div>
                </ErrorBoundary>
              )}
            </div>
          </>
        ) : workerFailed ? null : (
          <p role="status" className="loading">
            Loading the simulation…
          </p>
        )}
      </main>
      {booted && (
        <ErrorBoundary label="The inspector">
          <Inspector />
        </ErrorBoundary>
      )}
      <EventAnnouncer />
    </>
  );
}
