/**
 * The page layout as the saved session keeps it: the app shell's layout
 * store (src/ui/chrome/layout-state.ts), read, restored and followed.
 */
import { getLayout, restoreLayout as restoreShellLayout, subscribeLayout } from '../chrome/layout-state';

export function layoutSnapshot(): Record<string, unknown> | null {
  return { ...getLayout() };
}

export function restoreLayout(saved: Record<string, unknown>): void {
  restoreShellLayout(saved);
}

export function subscribeLayoutChanges(listener: () => void): () => void {
  return subscribeLayout(() => listener());
}
