import { RunMenu } from '../share/RunMenu';
import { Clock } from './Clock';
import { LargeClusterMenu } from './LargeClusterMenu';
import { PlaybackControls } from './PlaybackControls';
import { ScenarioMenu } from './ScenarioMenu';
import { SettingsMenu } from './SettingsMenu';
import { showHome } from '../lessons/open-lesson';

/** The app bar: what time it is and how it runs on the left, what is loaded and how, on the right. */
export function Header({ onHelp }: { onHelp: () => void }) {
  return (
    <header className="topbar">
      <h1>Kube Playground</h1>
      <Clock />
      <PlaybackControls />
      <nav className="topbar-menus" aria-label="Scenario and settings">
        <button type="button" onClick={() => showHome(true)} title="The lessons and the sandbox">
          Lessons
        </button>
        <ScenarioMenu />
        <SettingsMenu />
        <LargeClusterMenu />
        <RunMenu />
        <button type="button" className="help-button" onClick={onHelp} aria-keyshortcuts="?">
          Shortcuts <kbd aria-hidden="true">?</kbd>
        </button>
      </nav>
    </header>
  );
}
