import { Clock } from './Clock';
import { PlaybackControls } from './PlaybackControls';
import { RunMenu } from '../share/RunMenu';

export function Header({ onHelp }: { onHelp: () => void }) {
  return (
    <header className="topbar">
      <div className="topbar-inner">
        <h1>Kube Playground</h1>
        <Clock />
        <PlaybackControls />
        <RunMenu />
        <button type="button" className="help-button" onClick={onHelp} aria-keyshortcuts="?">
          Shortcuts <kbd aria-hidden="true">?</kbd>
        </button>
      </div>
      <p className="shortcuts">
        Keyboard: <kbd>Space</kbd> play / pause · <kbd>.</kbd> <kbd>&gt;</kbd> <kbd>m</kbd> step 1 s / 10 s / 1 min · <kbd>n</kbd> next event ·{' '}
        <kbd>+</kbd> <kbd>-</kbd> speed · <kbd>/</kbd> go to node · on a card <kbd>Enter</kbd> actions, <kbd>i</kbd> inspect, <kbd>↓</kbd> its pods ·{' '}
        <kbd>?</kbd> all shortcuts
      </p>
    </header>
  );
}
