import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, defaultSideWidth, getLayout, restoreLayout, setSideWidth, showSideTab, SIDE_MAX, SIDE_MIN, subscribeLayout, useLayout } from './layout-state';

beforeEach(() => useLayout.setState({ ...DEFAULT_LAYOUT }));

describe('layout state', () => {
  it('clamps the side panel width', () => {
    setSideWidth(10);
    expect(getLayout().sideWidth).toBe(SIDE_MIN);
    setSideWidth(5000);
    expect(getLayout().sideWidth).toBe(SIDE_MAX);
  });

  it('restores a saved layout, keeping the current value for fields that are missing or wrong', () => {
    restoreLayout({ sideWidth: 999, sideCollapsed: true, sideTab: 'console', dockCollapsed: 'yes', view: 'map' });
    expect(getLayout()).toEqual({ ...DEFAULT_LAYOUT, sideWidth: SIDE_MAX, sideCollapsed: true, sideTab: 'console' });
    restoreLayout({ sideWidth: Number.NaN });
    expect(getLayout().sideWidth).toBe(SIDE_MAX);
  });

  it('tells subscribers, and showing a tab opens a collapsed panel', () => {
    const seen: string[] = [];
    const stop = subscribeLayout((s) => seen.push(`${s.sideTab}:${s.sideCollapsed}`));
    restoreLayout({ sideCollapsed: true });
    showSideTab('inspector');
    stop();
    showSideTab('events');
    expect(seen).toEqual(['events:true', 'inspector:false']);
  });

  it('sizes the default panel to the window', () => {
    expect(defaultSideWidth(1280)).toBe(384);
    expect(defaultSideWidth(390)).toBe(380);
    expect(defaultSideWidth(3000)).toBe(560);
  });
});
