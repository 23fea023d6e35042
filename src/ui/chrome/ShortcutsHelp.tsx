import { useEffect, useRef } from 'react';
import { GLOBAL_SHORTCUTS } from './use-keyboard-shortcuts';

/** Keys for the page's panels. */
const PANEL_SHORTCUTS: readonly { keys: string[]; what: string }[] = [
  { keys: ['Tab'], what: 'first, from the top of the page: “Skip to the graph”' },
  { keys: ['←', '→'], what: 'on the Graph / Table tabs or the side panel’s tabs (Inspector, Events…): the next tab' },
  { keys: ['←', '→', 'Home', 'End'], what: 'on the side panel’s edge: wider, narrower, narrowest, widest (Page Up / Page Down: bigger steps)' },
  { keys: ['Enter'], what: 'on the side panel’s edge: collapse or open the panel' },
];

/** Keys that work in the graph view, where focus is on a card or a pod chip. */
const GRAPH_SHORTCUTS: readonly { keys: string[]; what: string }[] = [
  { keys: ['Tab'], what: 'between controls and, in the graph, from card to card, zone by zone (the view follows)' },
  { keys: ['Enter'], what: 'on a node card or zone: its actions menu; after an action, focus is back on the card' },
  { keys: ['i'], what: 'on a node card or pod: open it in the inspector' },
  { keys: ['↓', '→'], what: 'on a node card or the Pending area: into its pods' },
  { keys: ['←', '→', '↑', '↓', 'Home', 'End'], what: 'on a pod: move between pods' },
  { keys: ['Esc'], what: 'back to the card; closes menus, dialogs and the inspector' },
];

function Keys({ keys }: { keys: readonly string[] }) {
  return (
    <>
      {keys.map((key) => (
        <kbd key={key}>{key}</kbd>
      ))}
    </>
  );
}

/** The help panel: every keyboard shortcut, in a modal dialog (Esc or Close closes it). */
export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="shortcuts-help" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <h3>Anywhere (not while typing)</h3>
      <dl aria-label="Anywhere">
        {GLOBAL_SHORTCUTS.map(({ keys, what }) => (
          <div key={what}>
            <dt>
              <Keys keys={keys} />
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <h3>In the graph</h3>
      <dl aria-label="In the graph">
        {GRAPH_SHORTCUTS.map(({ keys, what }) => (
          <div key={what}>
            <dt>
              <Keys keys={keys} />
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <h3>Panels</h3>
      <dl aria-label="Panels">
        {PANEL_SHORTCUTS.map(({ keys, what }) => (
          <div key={what}>
            <dt>
              <Keys keys={keys} />
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog">
        <button type="submit" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
