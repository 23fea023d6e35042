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
import { useSim } from './store';
import { useKeyboardShortcuts } from './use-keyboard-shortcuts';

export function App() {
  const [helpOpen, setHelpOpen] = useState(false);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  const closeHelp = useCallback(() => setHelpOpen(false), []);
  useKeyboardShortcuts(openHelp);
  const booted = useSim((s) => s.session.status === 'running');
  const [view, setView] = useState<View>('graph');
  return (
    <>
      <Header onHelp={openHelp} />
      <ShortcutsHelp open={helpOpen} onClose={closeHelp} />
      <main>
        <Hint />
        <StatusBanner />
        {booted ? (
          <>
            <ClusterSetup />
            <ViewTabs view={view} onChange={setView} />
            <div role="tabpanel" id={`panel-${view}`} aria-labelledby={`tab-${view}`} className="view-panel">
              {view === 'graph' ? (
                <>
                  <GraphView />
                  <RecentEvents />
                </>
              ) : (
                <>
                  <ZonesSection />
                  <NodesTable />
                  <WorkloadsTable />
                  <div className="columns">
                    <PodsTable />
                    <EventsLog />
                  </div>
                </>
              )}
            </div>
          </>
        ) : (
          <p role="status" className="loading">
            Loading the simulation…
          </p>
        )}
      </main>
      {booted && <Inspector />}
      <EventAnnouncer />
    </>
  );
}
