/**
 * The instant under the pointer on the strip, for the charts: hovering the
 * strip moves their cursor and legends as hovering a chart does. A plain
 * channel, not store state: it changes on every mouse move.
 */
type Listener = (ms: number | null) => void;

const listeners = new Set<Listener>();

export function setStripHover(ms: number | null): void {
  for (const listener of listeners) listener(ms);
}

export function onStripHover(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
