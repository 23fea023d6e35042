import { describe, expect, it } from 'vitest';
import { ASIDE_PREFIX, forgetSession, loadSession, readSavedSession, saveSession, SESSION_KEY, toSaved, type KeyValueStore } from './saved-session';
import type { RunState } from './run-state';

const NOW = new Date('2026-12-02T00:10:00.000Z');

function memoryStore(initial: Record<string, unknown> = {}): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    get: async (key) => structuredClone(data.get(key)),
    set: async (key, value) => void data.set(key, structuredClone(value)),
    del: async (key) => void data.delete(key),
  };
}

const STATE: RunState = {
  boot: { type: 'boot-scenario', fileName: 'one-node-dies.yaml', text: 'name: one-node-dies\ncluster: {zones: [{name: zone-a, nodes: 3}]}\n' },
  inputs: [{ atMs: 62_001, action: { do: 'kill-node', node: 'zone-a-1' } }],
  viewMs: 125_000,
  latestMs: 600_000,
  selection: { kind: 'Node', name: 'zone-a-1' },
  speed: 10,
};
const LAYOUT = { sideWidth: 500, sideCollapsed: false, sideTab: 'events', dockCollapsed: true, view: 'graph' };

describe('the saved session', () => {
  it('round-trips through the store', async () => {
    const store = memoryStore();
    await saveSession(store, toSaved(STATE, LAYOUT, NOW));
    expect(await loadSession(store, NOW)).toEqual({ session: { format: 1, savedAt: NOW.toISOString(), ...STATE, layout: LAYOUT } });
  });

  it('is absent in a fresh browser, without a notice', async () => {
    expect(await loadSession(memoryStore(), NOW)).toEqual({ session: null });
  });

  it.each([
    ['garbage', 'not a session', 'it is not a saved session'],
    ['no version', { boot: STATE.boot }, 'it has no format version'],
    ['an older format', { format: 0, run: {} }, 'it is from an older version (format 0)'],
    ['a newer format', { ...toSaved(STATE, null, NOW), format: 7 }, 'it is from a newer version (format 7; this page reads 1)'],
    ['a broken field', { ...toSaved(STATE, null, NOW), viewMs: 'soon' }, 'the time viewed is not a time'],
  ])('sets %s aside under another key and says so in one line', async (_what, value, problem) => {
    const store = memoryStore({ [SESSION_KEY]: value });
    const loaded = await loadSession(store, NOW);
    const aside = ASIDE_PREFIX + NOW.toISOString();
    expect(loaded).toEqual({ session: null, notice: `The saved session could not be used (${problem}); it was kept aside as "${aside}" and the page started fresh.` });
    expect(loaded.notice).not.toContain('\n');
    expect(store.data.get(aside)).toEqual(value);
    expect(store.data.has(SESSION_KEY)).toBe(false);
  });

  it('reports a store that cannot be read instead of failing', async () => {
    const store: KeyValueStore = { ...memoryStore(), get: () => Promise.reject(new Error('IndexedDB is disabled')) };
    expect(await loadSession(store, NOW)).toEqual({ session: null, notice: 'The saved session could not be read (IndexedDB is disabled); starting fresh.' });
  });

  it('ignores a layout that is not an object, keeping the run', () => {
    const read = readSavedSession({ ...toSaved(STATE, null, NOW), layout: [1, 2] });
    expect(read.ok && read.session.layout).toBe(null);
  });

  it('is forgotten by "New cluster"', async () => {
    const store = memoryStore();
    await saveSession(store, toSaved(STATE, null, NOW));
    await forgetSession(store);
    expect(await loadSession(store, NOW)).toEqual({ session: null });
  });
});
