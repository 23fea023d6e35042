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
        Keyboard: <kbd>Space</kbd> play / pause · <kbd>Tab</kbd> moves between controls and, in the graph, from card to card (the view follows) ·{' '}
        <kbd>/</kbd> go to node · on a node card <kbd>Enter</kbd> actions, <kbd>i</kbd> inspect, <kbd>↓</kbd> its pods · on a pod{' '}
        <kbd>←</kbd>
        <kbd>→</kbd>
        <kbd>↑</kbd>
        <kbd>↓</kbd> move, <kbd>Enter</kbd> or <kbd>i</kbd> inspect, <kbd>Esc</kbd> back to the card
      </p>
    </header>
  );
}
