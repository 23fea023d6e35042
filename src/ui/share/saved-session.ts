/**
 * The session saved in the browser (IndexedDB, through idb-keyval): the run
 * state (run-state.ts) plus the page's layout, under one key, in a versioned
 * format. Saved data that cannot be read (garbage, an older or newer format)
 * is moved aside under another key, never deleted, and reported in one line;
 * the page then starts fresh.
 */
import { readRunState, type RunState } from './run-state';

export const SESSION_FORMAT = 1;
export const SESSION_KEY = 'kube-playground:session';
/** Where unreadable saved data goes: this prefix plus the time it was set aside. */
export const ASIDE_PREFIX = 'kube-playground:set-aside:';

export interface SavedSession extends RunState {
  format: typeof SESSION_FORMAT;
  /** Wall-clock ISO time of the save (for the person, not the simulation). */
  savedAt: string;
  /** The layout as layout-state.ts keeps it; restored field by field, so anything unknown is ignored there. */
  layout: Record<string, unknown> | null;
  /** The console's command history, oldest first (absent in sessions saved before the console). */
  consoleHistory?: string[];
}

/** The part of idb-keyval the page uses (tests pass a Map-backed one). */
export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
}

export type Loaded = { session: SavedSession | null; notice?: string };

export function toSaved(state: RunState, layout: Record<string, unknown> | null, savedAt: Date, consoleHistory?: string[]): SavedSession {
  return { format: SESSION_FORMAT, savedAt: savedAt.toISOString(), ...state, layout, ...(consoleHistory && consoleHistory.length > 0 ? { consoleHistory } : {}) };
}

/** The saved session in `value`, or a few words on why it cannot be used. */
export function readSavedSession(value: unknown): { ok: true; session: SavedSession } | { ok: false; problem: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problem: 'it is not a saved session' };
  const raw = value as Record<string, unknown>;
  const format = raw.format;
  if (typeof format !== 'number' || !Number.isInteger(format)) return { ok: false, problem: 'it has no format version' };
  if (format > SESSION_FORMAT) return { ok: false, problem: `it is from a newer version (format ${format}; this page reads ${SESSION_FORMAT})` };
  if (format < SESSION_FORMAT) return { ok: false, problem: `it is from an older version (format ${format})` };
  const run = readRunState(raw);
  if (!run.ok) return { ok: false, problem: run.problem };
  const layout = typeof raw.layout === 'object' && raw.layout !== null && !Array.isArray(raw.layout) ? (raw.layout as Record<string, unknown>) : null;
  const history = Array.isArray(raw.consoleHistory) ? raw.consoleHistory.filter((h): h is string => typeof h === 'string') : [];
  return {
    ok: true,
    session: { format: SESSION_FORMAT, savedAt: typeof raw.savedAt === 'string' ? raw.savedAt : '', ...run.value, layout, ...(history.length > 0 ? { consoleHistory: history } : {}) },
  };
}

/** Reads the saved session; unreadable data is set aside (kept under ASIDE_PREFIX + time) and reported. */
export async function loadSession(store: KeyValueStore, now: Date): Promise<Loaded> {
  let value: unknown;
  try {
    value = await store.get(SESSION_KEY);
  } catch (error) {
    return { session: null, notice: `The saved session could not be read (${describe(error)}); starting fresh.` };
  }
  if (value === undefined) return { session: null };
  const read = readSavedSession(value);
  if (read.ok) return { session: read.session };
  const aside = ASIDE_PREFIX + now.toISOString();
  try {
    await store.set(aside, value);
    await store.del(SESSION_KEY);
  } catch (error) {
    return { session: null, notice: `The saved session could not be used (${read.problem}) nor set aside (${describe(error)}); starting fresh.` };
  }
  return { session: null, notice: `The saved session could not be used (${read.problem}); it was kept aside as "${aside}" and the page started fresh.` };
}

export async function saveSession(store: KeyValueStore, session: SavedSession): Promise<void> {
  await store.set(SESSION_KEY, session);
}

/** "New cluster": the saved session is forgotten (the next change saves the new one). */
export async function forgetSession(store: KeyValueStore): Promise<void> {
  await store.del(SESSION_KEY);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
