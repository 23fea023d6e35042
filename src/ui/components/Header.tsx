import { Clock } from './Clock';
import { PlaybackControls } from './PlaybackControls';

export function Header() {
  return (
    <header className="topbar">
      <div className="topbar-inner">
        <h1>Kube Playground</h1>
        <Clock />
        <PlaybackControls />
      </div>
      <p className="shortcuts">
        Keyboard: <kbd>Space</kbd> play / pause · <kbd>Tab</kbd> moves between controls · on a node card <kbd>Enter</kbd> actions, <kbd>i</kbd> inspect
      </p>
    </header>
  );
}
