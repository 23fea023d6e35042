/**
 * The side panel: tabs (side-tabs.tsx) over one panel at a time, resizable
 * by its splitter and collapsible to a rail of its tab names. Every tab's
 * panel stays mounted, so a filter typed in the event log or its scroll
 * position survives a look at the inspector.
 */
import type { KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSim } from '../store';
import { setSideCollapsed, showSideTab, useLayout } from './layout-state';
import { shownTabs, SIDE_TABS } from './side-tabs';
import { Splitter } from './Splitter';

const PANEL_ID = 'side-panel';

export function SidePanel() {
  const ids = useSim(useShallow((s) => shownTabs(s).map((t) => t.id)));
  const tabs = SIDE_TABS.filter((t) => ids.includes(t.id));
  const { sideTab, sideCollapsed, sideWidth } = useLayout();
  const active = tabs.find((t) => t.id === sideTab) ?? tabs[0];

  if (sideCollapsed) {
    return (
      <div className="side-rail" id={PANEL_ID}>
        <button type="button" className="rail-toggle" aria-expanded={false} aria-controls={PANEL_ID} onClick={() => setSideCollapsed(false)} title="Show the side panel">
          <span aria-hidden="true">«</span>
          <span className="visually-hidden">Show the side panel</span>
        </button>
        {tabs.map((t) => (
          <button key={t.id} type="button" className="rail-tab" onClick={() => showSideTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
    );
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const keys = ['ArrowRight', 'ArrowLeft', 'Home', 'End'];
    if (!keys.includes(event.key) || !active) return;
    event.preventDefault();
    const at = tabs.indexOf(active);
    const next =
      event.key === 'Home' ? tabs[0] : event.key === 'End' ? tabs.at(-1) : tabs[(at + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    if (!next) return;
    showSideTab(next.id);
    document.getElementById(`side-tab-${next.id}`)?.focus();
  };

  return (
    <>
      <Splitter controls={PANEL_ID} />
      <div className="side" id={PANEL_ID} style={{ ['--side-width' as string]: `${sideWidth}px` }}>
        <div className="side-head">
          <div role="tablist" aria-label="Side panel" className="side-tabs" onKeyDown={onKeyDown}>
            {tabs.map((t) => (
              <button
                key={t.id}
                id={`side-tab-${t.id}`}
                type="button"
                role="tab"
                aria-selected={t === active}
                aria-controls={`side-panel-${t.id}`}
                tabIndex={t === active ? 0 : -1}
                onClick={() => showSideTab(t.id)}
              >
                {t.label}
              </button>
            ))}
          </div>
          <button type="button" className="side-collapse" aria-expanded={true} aria-controls={PANEL_ID} onClick={() => setSideCollapsed(true)} title="Hide the side panel">
            <span aria-hidden="true">»</span>
            <span className="visually-hidden">Hide the side panel</span>
          </button>
        </div>
        {tabs.map(({ id, Panel }) => (
          <div key={id} role="tabpanel" id={`side-panel-${id}`} aria-labelledby={`side-tab-${id}`} className="side-body" hidden={active?.id !== id}>
            <Panel />
          </div>
        ))}
      </div>
    </>
  );
}
