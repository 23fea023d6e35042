/**
 * The hook for the kubectl console (built elsewhere): once it registers a
 * prefill function here, the lesson player offers "Put it in the console"
 * beside each kubectl command it shows, and the console is pre-filled with
 * the command (not run: the learner presses Enter). Until then the player
 * offers the command to copy.
 */
import { create } from 'zustand';

type Prefill = (command: string) => void;

export const useConsoleHook = create<{ prefill: Prefill | null }>()(() => ({ prefill: null }));

/** Called by the console when it mounts; returns the unregister. */
export function registerConsolePrefill(prefill: Prefill): () => void {
  useConsoleHook.setState({ prefill });
  return () => {
    if (useConsoleHook.getState().prefill === prefill) useConsoleHook.setState({ prefill: null });
  };
}
