/**
 * Saves the current session in IndexedDB whenever it changes: at most once a
 * second while it keeps changing (playing moves the clock every frame), and
 * at once when the page is hidden or closed.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import { useSim } from '../store';
import { layoutSnapshot, restoreLayout, subscribeLayoutChanges } from './layout-adapter';
import { useConsole } from '../console/console-store';
import { forgetSession, saveSession, toSaved, type KeyValueStore } from './saved-session';
import { currentRunState, showNotice, useShare } from './share-store';

const SAVE_EVERY_MS = 1_000;

let store: KeyValueStore | null = null;

/** The page's IndexedDB store; where IndexedDB is unavailable every call fails (and is reported once). */
export function sessionStore(): KeyValueStore {
  if (store) return store;
  let idb: UseStore | null = null;
  const open = (): UseStore => {
    if (typeof indexedDB === 'undefined') throw new Error('this browser has no IndexedDB');
    return (idb ??= createStore('kube-playground', 'sessions'));
  };
  store = {
    get: async (key) => get(key, open()),
    set: async (key, value) => set(key, value, open()),
    del: async (key) => del(key, open()),
  };
  return store;
}

/**
 * After a link that could not be opened the page shows the default cluster;
 * the saved session stays as it was until the person acts or boots something.
 */
let held = false;
export const holdSaving = (): void => {
  held = true;
};

export const restoreLayoutFrom = (layout: Record<string, unknown> | null): void => {
  if (layout) restoreLayout(layout);
};

let timer: ReturnType<typeof setTimeout> | null = null;
let failed = false;

async function saveNow(): Promise<void> {
  timer = null;
  const state = currentRunState();
  // A `?nodes=…` cluster is defined by its address (which a reload opens again), and can be megabytes of objects.
  if (!state || held || (state.boot.type === 'boot' && state.boot.nodes)) return;
  try {
    await saveSession(sessionStore(), toSaved(state, layoutSnapshot(), new Date(), useConsole.getState().history));
  } catch (error) {
    if (failed) return;
    failed = true;
    showNotice(`This session cannot be saved in this browser (${error instanceof Error ? error.message : String(error)}).`, 'problem');
  }
}

function scheduleSave(): void {
  if (timer === null) timer = setTimeout(() => void saveNow(), SAVE_EVERY_MS);
}

/** Starts following the session; call once. */
export function startSaving(): void {
  let bootSeen: unknown = null;
  useShare.subscribe((now, before) => {
    // The first boot after a broken link is the default cluster it fell back to; anything after it is the person's.
    if (held && ((now.boot !== before.boot && bootSeen !== null) || now.inputs.length > 0 || now.addedExpectations.length > 0)) held = false;
    if (now.boot !== before.boot) bootSeen = now.boot;
    if (now.boot !== before.boot || now.inputs !== before.inputs || now.addedExpectations !== before.addedExpectations) scheduleSave();
  });
  useSim.subscribe((now, before) => {
    if (now.clock !== before.clock || now.playback !== before.playback || now.inspector.selection !== before.inspector.selection) scheduleSave();
  });
  subscribeLayoutChanges(scheduleSave);
  useConsole.subscribe((now, before) => {
    if (now.history !== before.history) scheduleSave();
  });
  const flush = () => {
    if (timer !== null) {
      clearTimeout(timer);
      void saveNow();
    }
  };
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flush();
  });
  window.addEventListener('pagehide', flush);
}

/** "New cluster": forget the saved session; the next boot's recording saves the new one. */
export async function startOver(): Promise<void> {
  held = false;
  try {
    await forgetSession(sessionStore());
  } catch {
    // Nothing was saved to forget (IndexedDB unavailable); saving reports that itself.
  }
}
