/**
 * Selecting what the inspector shows. Anything on the page (tables, graph)
 * calls `select`; the worker then follows the selection's "why?" and sends a
 * new explanation whenever it changes.
 */
import { explainTargetOf, type Selection } from './page-state';
import { sendCommand } from './sim-client';
import { useSim } from './store';

export type { Selection } from './page-state';

/** What had focus when the inspector opened (a card, a pod chip, a table button): focus goes back there when it closes. */
let opener: HTMLElement | null = null;

export function select(selection: Selection): void {
  const active = typeof document === 'undefined' ? null : document.activeElement;
  if (active instanceof HTMLElement && active !== document.body && !active.closest('.inspector')) opener = active;
  const normalized: Selection = selection.kind === 'Pod' ? { ...selection, namespace: selection.namespace ?? 'default' } : { kind: selection.kind, name: selection.name };
  useSim.setState((s) => ({ inspector: { ...s.inspector, selection: normalized, explanation: null, logs: null } }));
  sendCommand({ type: 'explain', target: explainTargetOf(normalized) });
}

export function clearSelection(): void {
  if (!useSim.getState().inspector.selection) return;
  useSim.setState((s) => ({ inspector: { ...s.inspector, selection: null, explanation: null, logs: null } }));
  sendCommand({ type: 'explain', target: null });
  const back = opener;
  opener = null;
  if (back?.isConnected) back.focus({ preventScroll: true });
}

export function isSelected(s: { inspector: { selection: Selection | null } }, kind: Selection['kind'], name: string, namespace?: string): boolean {
  const sel = s.inspector.selection;
  return !!sel && sel.kind === kind && sel.name === name && (kind !== 'Pod' || (sel.namespace ?? 'default') === (namespace ?? 'default'));
}
