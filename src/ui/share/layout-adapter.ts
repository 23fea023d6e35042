/**
 * The page layout as the saved session keeps it: the app shell's layout
 * store (src/ui/chrome/layout-state.ts) and the YAML editor's buffer
 * (src/ui/editor/editor-state.ts), read, restored and followed.
 */
import { getLayout, restoreLayout as restoreShellLayout, subscribeLayout } from '../chrome/layout-state';
import { editorSnapshot, restoreEditor, subscribeEditorText } from '../editor/editor-state';

export function layoutSnapshot(): Record<string, unknown> | null {
  return { ...getLayout(), ...editorSnapshot() };
}

export function restoreLayout(saved: Record<string, unknown>): void {
  restoreShellLayout(saved);
  restoreEditor(saved);
}

export function subscribeLayoutChanges(listener: () => void): () => void {
  const layout = subscribeLayout(() => listener());
  const editor = subscribeEditorText(listener);
  return () => {
    layout();
    editor();
  };
}
