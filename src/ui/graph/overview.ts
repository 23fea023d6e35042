import { useStore } from '@xyflow/react';

/** Below this zoom a card's text is too small to read: cards switch to an overview (big name and status, pods as big squares). */
export const OVERVIEW_ZOOM = 0.55;

/** Whether the canvas is zoomed out to the overview (React Flow's own store, so only a zoom change wakes it). */
export const useOverview = () => useStore((s) => s.transform[2] < OVERVIEW_ZOOM);
