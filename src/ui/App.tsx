import { EventAnnouncer } from './components/EventAnnouncer';
import { EventsLog } from './components/EventsLog';
import { Header } from './components/Header';
import { Hint } from './components/Hint';
import { NodesTable } from './components/NodesTable';
import { PodsTable } from './components/PodsTable';
import { StatusBanner } from './components/StatusBanner';
import { ZonesSection } from './components/ZonesSection';
import { useSim } from './store';
import { useKeyboardShortcuts } from './use-keyboard-shortcuts';

export function App() {
  useKeyboardShortcuts();
  const booted = useSim((s) => s.session.status === 'running');
  return (
    <>
      <Header />
      <main>
        <Hint />
        <StatusBanner />
        {booted ? (
          <>
            <ZonesSection />
            <NodesTable />
            <div className="columns">
              <PodsTable />
              <EventsLog />
            </div>
          </>
        ) : (
          <p role="status" className="loading">
            Loading the simulation…
          </p>
        )}
      </main>
      <EventAnnouncer />
    </>
  );
}
