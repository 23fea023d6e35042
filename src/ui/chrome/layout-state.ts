/**
 * The page's panel layout: how wide the side panel is, whether it and the
 * bottom dock are collapsed, which side tab and which main view show. One
 * small store of plain data, so a saved session can read it (`getLayout`),
 * put it back (`restoreLayout`) and follow it (`subscribeLayout`).
 */
import { create } from 'zustand';

export type View = 'graph' | 'table';

export interface LayoutState {
  /** Side panel width in CSS pixels (clamped to SIDE_MIN … SIDE_MAX). */
  sideWidth: number;
  sideCollapsed: boolean;
  /** The side panel's tab (see side-tabs.tsx); unknown ids fall back to the first tab shown. */
  sideTab: string;
  dockCollapsed: boolean;
  view: View;
}

export const SIDE_MIN = 280;
export const SIDE_MAX = 720;
/** One arrow-key press on the separator; Page Up / Page Down move four times as far. */
export const SIDE_STEP = 24;

/** A third of a laptop screen, more on a big one: the event log needs about 380 px to read well. */
export function defaultSideWidth(viewportWidth: number): number {
  return Math.round(Math.min(560, Math.max(380, viewportWidth * 0.3)));
}

export const DEFAULT_LAYOUT: Readonly<LayoutState> = Object.freeze({
  // Read through globalThis: the unit tests load this module in Node, where there is no window.
  sideWidth: defaultSideWidth((globalThis as { innerWidth?: number }).innerWidth ?? 1280),
  sideCollapsed: false,
  sideTab: 'events',
  dockCollapsed: false,
  view: 'graph',
});

export const clampSideWidth = (width: number): number => Math.round(Math.min(SIDE_MAX, Math.max(SIDE_MIN, width)));

export const useLayout = create<LayoutState>()(() => ({ ...DEFAULT_LAYOUT }));

export const getLayout = (): LayoutState => useLayout.getState();

export const subscribeLayout = (listener: (state: LayoutState, previous: LayoutState) => void): (() => void) => useLayout.subscribe(listener);

/** Puts back a saved layout; fields that are missing or of the wrong type keep their current value. */
export function restoreLayout(saved: Partial<Record<keyof LayoutState, unknown>>): void {
  const now = getLayout();
  useLayout.setState({
    sideWidth: typeof saved.sideWidth === 'number' && Number.isFinite(saved.sideWidth) ? clampSideWidth(saved.sideWidth) : now.sideWidth,
    sideCollapsed: typeof saved.sideCollapsed === 'boolean' ? saved.sideCollapsed : now.sideCollapsed,
    sideTab: typeof saved.sideTab === 'string' ? saved.sideTab : now.sideTab,
    dockCollapsed: typeof saved.dockCollapsed === 'boolean' ? saved.dockCollapsed : now.dockCollapsed,
    view: saved.view === 'graph' || saved.view === 'table' ? saved.view : now.view,
  });
}

export const setSideWidth = (width: number): void => useLayout.setState({ sideWidth: clampSideWidth(width) });
export const setSideCollapsed = (sideCollapsed: boolean): void => useLayout.setState({ sideCollapsed });
export const setSideTab = (sideTab: string): void => useLayout.setState({ sideTab });
export const setDockCollapsed = (dockCollapsed: boolean): void => useLayout.setState({ dockCollapsed });
export const setView = (view: View): void => useLayout.setState({ view });

/** Shows a side tab, opening the panel if it was collapsed. */
export function showSideTab(sideTab: string): void {
  useLayout.setState({ sideTab, sideCollapsed: false });
}
