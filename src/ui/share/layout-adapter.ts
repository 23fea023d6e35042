/**
 * The page layout as the saved session keeps it. The app shell's layout
 * store (src/ui/chrome/layout-state.ts) lands separately; until it does
 * there is no layout to save or restore.
 */
export function layoutSnapshot(): Record<string, unknown> | null {
  return null;
}

export function restoreLayout(saved: Record<string, unknown>): void {
  void saved;
}

export function subscribeLayoutChanges(listener: () => void): () => void {
  void listener;
  return () => {};
}
