/**
 * The handle between the stage and the side panel (WAI-ARIA window
 * splitter): drag it, or focus it and use ← → (Page Up / Page Down for
 * bigger steps), Home / End for the narrowest and widest, Enter to collapse
 * or open the panel. Its value is the side panel's width in pixels.
 */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { clampSideWidth, DEFAULT_LAYOUT, setSideCollapsed, setSideWidth, SIDE_MAX, SIDE_MIN, SIDE_STEP, useLayout } from './layout-state';

const KEY_STEPS: Readonly<Record<string, number>> = {
  ArrowLeft: SIDE_STEP,
  ArrowUp: SIDE_STEP,
  ArrowRight: -SIDE_STEP,
  ArrowDown: -SIDE_STEP,
  PageUp: 4 * SIDE_STEP,
  PageDown: -4 * SIDE_STEP,
};

export function Splitter({ controls }: { controls: string }) {
  const width = useLayout((s) => s.sideWidth);
  const collapsed = useLayout((s) => s.sideCollapsed);
  const drag = useRef<{ startX: number; startWidth: number } | null>(null);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const delta = KEY_STEPS[event.key];
    if (delta !== undefined) setSideWidth(width + delta);
    else if (event.key === 'Home') setSideWidth(SIDE_MIN);
    else if (event.key === 'End') setSideWidth(SIDE_MAX);
    else if (event.key === 'Enter') setSideCollapsed(!collapsed);
    else return;
    event.preventDefault();
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { startX: event.clientX, startWidth: width };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const start = drag.current;
    // The panel is on the right: dragging left widens it.
    if (start) setSideWidth(clampSideWidth(start.startWidth + start.startX - event.clientX));
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  return (
    <div
      role="separator"
      tabIndex={0}
      className="splitter"
      aria-orientation="vertical"
      aria-label="Side panel width"
      aria-controls={controls}
      aria-valuenow={width}
      aria-valuemin={SIDE_MIN}
      aria-valuemax={SIDE_MAX}
      aria-valuetext={collapsed ? 'collapsed' : `${width} pixels`}
      title="Drag, or use the arrow keys, to resize the side panel; Enter collapses it; double-click for the default width"
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onDoubleClick={() => setSideWidth(DEFAULT_LAYOUT.sideWidth)}
    >
      <span className="splitter-grip" aria-hidden="true" />
    </div>
  );
}
